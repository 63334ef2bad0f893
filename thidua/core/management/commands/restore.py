"""`thidua restore FILE`: check a `thidua backup` archive, then put back the database and
the private media folder (both replaced)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from thidua.core import backup


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và thư mục tệp riêng từ tệp sao lưu (ghi đè dữ liệu hiện có); "
        "kiểm tra toàn bộ mã kiểm tra trước khi thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, file, yes, **options):
        if not Path(file).is_file():
            raise CommandError(f"Không có tệp {file}.")
        if not yes and input("Ghi đè toàn bộ dữ liệu và tệp hiện có? [y/N] ").lower() != "y":
            raise CommandError("Đã hủy.")
        connection.close()
        try:
            manifest = backup.restore(
                Path(file), settings.DATABASES["default"], Path(settings.MEDIA_ROOT)
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        media_count = sum(1 for name in manifest["files"] if name.startswith(backup.MEDIA_PREFIX))
        self.stdout.write(
            f"Đã khôi phục cơ sở dữ liệu và {media_count} tệp từ {file} "
            f"(sao lưu lúc {manifest['created']})."
        )
