"""`thidua send_reminders [--days N] [--today YYYY-MM-DD]`: idempotent deadline reminders."""

from datetime import date

from django.core.management.base import BaseCommand

from thidua.registrations.reminders import DEFAULT_DAYS_BEFORE, send_reminders


class Command(BaseCommand):
    help = "Gửi nhắc hạn đăng ký thi đua (trước hạn N ngày và sau hạn), không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS_BEFORE, help="số ngày nhắc trước hạn"
        )
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="ngày chạy (YYYY-MM-DD)"
        )

    def handle(self, days, today, **options):
        n = send_reminders(today=today, days_before=days, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Đã gửi {n} nhắc hạn."))
