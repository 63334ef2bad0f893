"""`thidua bench NAME`: benchmarks print figures; the last line is `<name>=<number>`."""

from django.core.management.base import BaseCommand

from thidua.ops import bench_load
from thidua.ops import bench_ranking as ranking_bench
from thidua.planimport import bench as importer_bench
from thidua.registry import bench_certificates, bench_registry, bench_signing

BENCHES = {
    "ranking": ranking_bench,
    "certificates": bench_certificates,
    "registry": bench_registry,
    "importer": importer_bench,
    "load": bench_load,
    "signing": bench_signing,
}


class Command(BaseCommand):
    help = "Chạy đo hiệu năng: ranking | certificates | registry | importer | load | signing"

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
        BENCHES[name].run(self.stdout, [*rest, *getattr(self, "_bench_args", [])])
