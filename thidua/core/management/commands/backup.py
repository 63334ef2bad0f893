"""`thidua backup FILE`: one archive with the database and the private media folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from thidua.core import backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và thư mục tệp riêng (bản quét đã ký, minh chứng, PDF) "
        "vào một tệp .tar.gz có danh mục mã kiểm tra sha256."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu sẽ tạo, ví dụ thidua-2025-01-31.tar.gz")

    def handle(self, file, **options):
        db = settings.DATABASES["default"]
        sqlite_connection = None
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            sqlite_connection = connection.connection
        try:
            manifest = backup.create(
                Path(file), db, Path(settings.MEDIA_ROOT), sqlite_connection=sqlite_connection
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        media_count = sum(1 for name in manifest["files"] if name.startswith(backup.MEDIA_PREFIX))
        self.stdout.write(
            f"Đã sao lưu cơ sở dữ liệu ({manifest['vendor']}) và {media_count} tệp vào {file}"
        )
