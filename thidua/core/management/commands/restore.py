"""`thidua restore FILE`: replace the database with a backup made by `thidua backup`."""

import shutil
import sqlite3
import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import _pg_url


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ tệp sao lưu (ghi đè dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, file, yes, **options):
        if not yes and input("Ghi đè toàn bộ dữ liệu hiện có? [y/N] ").lower() != "y":
            raise CommandError("Đã hủy.")
        db = settings.DATABASES["default"]
        connection.close()
        if connection.vendor == "sqlite":
            src = sqlite3.connect(file)
            dst = sqlite3.connect(db["NAME"])
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
        elif connection.vendor == "postgresql":
            if not shutil.which("pg_restore"):
                raise CommandError("Không tìm thấy pg_restore.")
            subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "-d", _pg_url(db), file], check=True
            )
        else:
            raise CommandError(f"Chưa hỗ trợ khôi phục {connection.vendor}.")
        self.stdout.write(f"Đã khôi phục từ {file}")
