"""`thidua backup FILE`: a consistent copy of the database (SQLite file or pg_dump)."""

import shutil
import sqlite3
import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu ra tệp (SQLite: bản sao trực tuyến; PostgreSQL: pg_dump -Fc)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            src = sqlite3.connect(db["NAME"])
            dst = sqlite3.connect(file)
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
        elif connection.vendor == "postgresql":
            if not shutil.which("pg_dump"):
                raise CommandError("Không tìm thấy pg_dump.")
            subprocess.run(["pg_dump", "-Fc", "-f", file, _pg_url(db)], check=True)
        else:
            raise CommandError(f"Chưa hỗ trợ sao lưu {connection.vendor}.")
        self.stdout.write(f"Đã sao lưu vào {file}")


def _pg_url(db) -> str:
    user = db.get("USER") or ""
    pw = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{pw}@" if user else ""
    return (
        f"postgresql://{auth}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )
