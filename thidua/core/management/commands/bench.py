"""`thidua bench NAME`: benchmarks print figures; the last line is `<name>=<number>`."""

import importlib

from django.core.management.base import BaseCommand, CommandError

BENCHES = {
    "ranking": "thidua.registrations.bench",
    "certificates": "thidua.awards.bench_certificates",
    "registry": "thidua.awards.bench_registry",
    "importer": "thidua.planimport.bench",
}


class Command(BaseCommand):
    help = "Chạy đo hiệu năng: ranking | certificates | registry"

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(BENCHES))
        parser.add_argument(
            "rest", nargs="*", help="tham số riêng của từng phép đo, ví dụ --queries=50"
        )

    def run_from_argv(self, argv):
        # Options after NAME belong to the benchmark itself (e.g. --rebuild, --queries=50).
        known = list(argv[:3])
        self._bench_args = argv[3:]
        super().run_from_argv(known)

    def handle(self, name, rest, **options):
        try:
            module = importlib.import_module(BENCHES[name])
        except ModuleNotFoundError as exc:
            raise CommandError(f"Phép đo “{name}” chưa được cài đặt ({exc}).") from exc
        module.run(self.stdout, [*rest, *getattr(self, "_bench_args", [])])
