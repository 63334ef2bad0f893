"""``thidua importer-accuracy``: field accuracy of the plan importer and its speed.

Seeds: the five bundled plans against ``tests/planimport/expected``. Passages: the issue's
examples, the dev set (tuned on) and the held-out set (never tuned on), reported apart.
"""

from django.core.management.base import BaseCommand

from thidua.planimport.accuracy import (
    PASSAGE_SETS,
    passage_accuracy,
    passage_results,
    seed_accuracy,
    seed_timings,
)

LABELS = {"issue": "ví dụ của issue", "dev": "dev (được chỉnh theo)", "heldout": "held-out"}


class Command(BaseCommand):
    requires_system_checks: list = []  # Pure text processing: no models or URLs needed.
    help = "Đo độ chính xác và tốc độ của bộ nhập kế hoạch (kế hoạch mẫu và đoạn trích)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--errors", action="store_true", help="In các trường sai của từng đoạn trích"
        )

    def handle(self, *args, **options):
        right = total = 0
        for name, ok, count in seed_accuracy():
            self.stdout.write(f"{name}: {ok}/{count} fields")
            right += ok
            total += count
        self.stdout.write(f"seeds: {right}/{total} fields ({100 * right / total:.1f}%)")
        for name in PASSAGE_SETS:
            ok, count, passages = passage_accuracy(name)
            self.stdout.write(
                f"passages {name} [{LABELS[name]}]: {ok}/{count} fields "
                f"({100 * ok / count:.1f}%) in {passages} passages"
            )
            if options["errors"]:
                for pid, key, good, expected, actual in passage_results(name):
                    if not good:
                        self.stdout.write(f"  {pid} {key}: expected {expected!r}, got {actual!r}")
        for name, seconds, chars in seed_timings():
            self.stdout.write(f"time {name}: {seconds * 1000:.0f} ms ({chars} characters)")
        self.stdout.write(f"importer_accuracy={right}/{total}")
