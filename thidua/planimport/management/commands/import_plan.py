"""``thidua import-plan FILE [--json]``: show what the importer extracts from a plan."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.planimport.extract import extract_plan
from thidua.planimport.readers import PlanReadError, read_text
from thidua.planimport.summary import summarise


class Command(BaseCommand):
    requires_system_checks: list = []  # Pure text processing: no models or URLs needed.
    help = "Trích xuất thông tin từ tệp kế hoạch thi đua (.docx, .pdf, .txt, .md hoặc '-')."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Đường dẫn tệp, hoặc '-' để đọc từ stdin")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options):
        name = options["file"]
        try:
            if name == "-":
                data, name = sys.stdin.buffer.read(), "stdin.txt"
            else:
                data = Path(name).read_bytes()
            text = read_text(name, data)
        except OSError as exc:
            raise CommandError(f"Không mở được tệp: {exc}") from exc
        except PlanReadError as exc:
            raise CommandError(str(exc)) from exc
        result = extract_plan(text)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summarise(result))
