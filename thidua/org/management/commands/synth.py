from django.core.management.base import BaseCommand

from thidua.org.synth import generate


class Command(BaseCommand):
    help = "Sinh dữ liệu tổ chức tổng hợp (xác định, lặp lại được) để đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--persons", type=int, default=10000)
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, units, persons, year, seed, **options):
        result = generate(units, persons, year=year, seed=seed)
        self.stdout.write(f"Đã sinh dữ liệu: {result}")
