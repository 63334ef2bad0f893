"""`thidua demo`: load the demo (idempotent). Each app provides `demo.load(stdout)`; the
steps run in the order of the layers (organisation first, reports last)."""

from django.core.management.base import BaseCommand

from thidua.awards import demo as awards_demo
from thidua.council import demo as council_demo
from thidua.demo_data import campaigns as campaigns_demo
from thidua.dossiers import demo as dossiers_demo
from thidua.legal import read as legal
from thidua.legal.services import sync_from_tables
from thidua.org import demo as org_demo
from thidua.registrations import demo as registrations_demo
from thidua.registry import demo as registry_demo
from thidua.reports import demo as reports_demo
from thidua.signing import demo as signing_demo

STEPS = [
    org_demo,
    campaigns_demo,
    registrations_demo,
    dossiers_demo,
    council_demo,
    signing_demo,
    awards_demo,
    registry_demo,
    reports_demo,
]


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn: tổ chức TP Bắc Kạn, 5 kế hoạch mẫu, tài khoản cho mọi vai trò."

    def handle(self, **options):
        sync_from_tables()
        with legal.cached():
            for step in STEPS:
                step.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Đã nạp dữ liệu trình diễn. Mật khẩu các tài khoản demo: Thidua@2024"
            )
        )
