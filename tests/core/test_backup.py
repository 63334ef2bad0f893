"""`thidua backup` / `thidua restore`: one archive holds the database and the private media
folder; restore checks it first; the PostgreSQL password never reaches a command line."""

import hashlib
import io
import os
import sqlite3
import tarfile
import uuid
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from thidua.core import backup
from thidua.org.models import Person

FILES = {
    "dossiers/2025/03/to-trinh-da-ky.pdf": b"%PDF-1.4\n" + os.urandom(50_000),
    "registrations/evidence/2025/04/minh-chung.png": b"\x89PNG\r\n" + os.urandom(2_000),
    "decisions/2025/qd-15.pdf": b"%PDF-1.7 quyet dinh\n",
    "certificates/bang khen Đức Xuân.pdf": b"%PDF-1.4 bang khen",
}


def _raw_connect(db: dict):
    """A driver connection without Django's type converters, the same for source and copy."""
    if backup.vendor_of(db) == "sqlite":
        name = str(db["NAME"])
        return sqlite3.connect(name, uri=name.startswith("file:"))
    return psycopg.connect(
        dbname=db["NAME"],
        host=db.get("HOST") or "localhost",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
    )


def table_digests(db: dict) -> dict[str, tuple[int, str]]:
    """Every table: (row count, sha256 of its sorted rows)."""
    tables = connection.introspection.table_names()
    raw = _raw_connect(db)
    try:
        digests = {}
        for table in tables:
            cursor = raw.cursor()
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — names from introspection
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return digests
    finally:
        raw.close()


def folder_digests(root: Path) -> dict[str, tuple[str, int]]:
    """Every file: (sha256, permission bits)."""
    return {
        path.relative_to(root).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mode & 0o777,
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def populated(transactional_db, org, settings):
    media = Path(settings.MEDIA_ROOT)
    for name, data in FILES.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
        (media / name).chmod(0o640)
    return org


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the same vendor as the suite's."""
    source = dict(django_settings.DATABASES["default"])
    if connection.vendor == "sqlite":
        yield {**source, "NAME": str(tmp_path / "fresh.sqlite3")}
        return
    name = f"thidua_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(**_admin_params(source), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**source, "NAME": name}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _admin_params(db: dict) -> dict:
    return {
        "dbname": "postgres",
        "host": db.get("HOST") or "localhost",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }


def test_backup_then_restore_into_fresh_database_and_folder_is_identical(
    populated, fresh_database, tmp_path, settings
):
    source_db = django_settings.DATABASES["default"]
    source_rows = table_digests(source_db)
    assert source_rows["org_unit"][0] >= 9 and source_rows["org_person"][0] == 2
    source_files = folder_digests(Path(settings.MEDIA_ROOT))
    assert len(source_files) == len(FILES)

    archive = tmp_path / "thidua.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert f"{len(FILES)} tệp" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert "manifest.json" in names and {f"media/{name}" for name in FILES} <= names

    fresh_media = tmp_path / "fresh" / "private"
    manifest = backup.restore(archive, fresh_database, fresh_media)
    assert manifest["vendor"] == connection.vendor and manifest["format"] == 1

    assert table_digests(fresh_database) == source_rows
    assert folder_digests(fresh_media) == source_files


def test_restore_command_puts_back_rows_and_files(populated, tmp_path, settings):
    archive = tmp_path / "thidua.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    media = Path(settings.MEDIA_ROOT)
    before_files = folder_digests(media)
    Person.objects.filter(full_name="Bế Văn Hùng").delete()
    (media / "decisions/2025/qd-15.pdf").unlink()
    (media / "stray.txt").write_text("không có trong bản sao lưu")

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Đã khôi phục" in out.getvalue()
    connection.close()
    assert Person.objects.filter(full_name="Bế Văn Hùng").count() == 1
    assert folder_digests(media) == before_files


def _rewrite_archive(archive: Path, target: Path, change):
    """Copy `archive` to `target`, passing each member's (name, bytes) through `change`."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            result = change(member.name, source.extractfile(member).read())
            if result is None:
                continue
            name, data = result
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("case", "change"),
    [
        (
            "tampered file",
            lambda name, data: (name, data + b"!" if name.endswith("qd-15.pdf") else data),
        ),
        ("missing file", lambda name, data: None if "minh-chung" in name else (name, data)),
        ("no manifest", lambda name, data: (name, data) if name != "manifest.json" else None),
        (
            "path escape",
            lambda name, data: (
                "media/../../evil.pdf" if name.endswith("qd-15.pdf") else name,
                data,
            ),
        ),
    ],
)
def test_restore_refuses_a_corrupt_archive_and_changes_nothing(
    populated, tmp_path, settings, case, change
):
    archive = tmp_path / "thidua.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    bad = tmp_path / "bad.tar.gz"
    _rewrite_archive(archive, bad, change)
    Person.objects.filter(full_name="Bế Văn Hùng").delete()
    media = Path(settings.MEDIA_ROOT)
    (media / "after-backup.txt").write_text("mới")
    files_before = folder_digests(media)

    with pytest.raises(CommandError, match="hỏng hoặc đã bị sửa"):
        call_command("restore", str(bad), "--yes", stdout=io.StringIO())
    assert not Person.objects.filter(full_name="Bế Văn Hùng").exists()
    assert folder_digests(media) == files_before
    assert not (tmp_path / "evil.pdf").exists()


def test_truncated_archive_refused(populated, tmp_path):
    archive = tmp_path / "thidua.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="hỏng hoặc đã bị sửa"):
        call_command("restore", str(cut), "--yes", stdout=io.StringIO())


def test_postgres_password_is_never_on_a_command_line(tmp_path):
    password = "Mật-khẩu-bí-mật-123"  # noqa: S105
    db = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "thidua",
        "USER": "thidua",
        "PASSWORD": password,
        "HOST": "db.example",
        "PORT": 5433,
    }
    completed = mock.Mock(returncode=0, stderr="")
    with (
        mock.patch("thidua.core.backup.shutil.which", return_value="/usr/bin/pg"),
        mock.patch("thidua.core.backup.subprocess.run", return_value=completed) as run,
    ):
        backup.dump_database(db, tmp_path / "dump")
        backup.load_database(db, tmp_path / "dump")
    assert [call.args[0][0] for call in run.call_args_list] == ["pg_dump", "pg_restore"]
    for call in run.call_args_list:
        argv = call.args[0]
        assert not any(password in arg for arg in argv), argv
        assert not any("db.example" in arg and "@" in arg for arg in argv)
        env = call.kwargs["env"]
        assert env["PGPASSWORD"] == password
        assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db.example", "5433", "thidua")
