"""The management commands stay thin: they print what extract/accuracy return."""

import io
import json
from pathlib import Path

PLAN = Path(__file__).parent / "plans" / "thai_nguyen_dai_tu.txt"


def test_import_plan_json():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("import_plan", str(PLAN), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["number"] == "125/KH-UBND"


def test_import_plan_summary():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("import_plan", str(PLAN), stdout=out)
    assert "Cơ quan ban hành: UBND huyện Đại Từ" in out.getvalue()


def test_importer_accuracy_lines():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("importer_accuracy", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("000: ") and lines[0].endswith(" fields")
    assert lines[-1].startswith("importer_accuracy=")
