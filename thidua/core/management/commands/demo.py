"""`thidua demo`: load the demo (idempotent). Each app may provide `demo.load(stdout)`."""

import importlib

from django.core.management.base import BaseCommand

from thidua.legal.services import sync_from_tables

STEPS = [
    "thidua.org.demo",
    "thidua.campaigns.demo",
    "thidua.registrations.demo",
    "thidua.dossiers.demo",
    "thidua.council.demo",
    "thidua.awards.demo",
    "thidua.registry.demo",
    "thidua.reports.demo",
]


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn: tổ chức TP Bắc Kạn, 5 kế hoạch mẫu, tài khoản cho mọi vai trò."

    def handle(self, **options):
        sync_from_tables()
        for name in STEPS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            module.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Đã nạp dữ liệu trình diễn. Mật khẩu các tài khoản demo: Thidua@2024"
            )
        )
