"""``thidua importer-accuracy``: per-seed field accuracy of the plan importer."""

from django.core.management.base import BaseCommand

from thidua.planimport.accuracy import seed_accuracy


class Command(BaseCommand):
    requires_system_checks: list = []  # Pure text processing: no models or URLs needed.
    help = "Đo độ chính xác của bộ nhập kế hoạch trên các kế hoạch mẫu."

    def handle(self, *args, **options):
        right = total = 0
        for name, ok, count in seed_accuracy():
            self.stdout.write(f"{name}: {ok}/{count} fields")
            right += ok
            total += count
        self.stdout.write(f"importer_accuracy={right}/{total}")
