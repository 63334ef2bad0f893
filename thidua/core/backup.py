"""One backup archive holds the database and the private media folder (`thidua backup` /
`thidua restore`).

Archive (.tar.gz):
    manifest.json        format version, database vendor, creation time, sha256 of every member
    database.sqlite3     SQLite: online backup copy      | database.pgdump  PostgreSQL: pg_dump -Fc
    media/<path>         every file under settings.MEDIA_ROOT (signed scans, evidence, PDFs)

Restore checks the whole archive (manifest, member list, paths, checksums) before it changes
anything. The PostgreSQL password travels in the client's environment (PGPASSWORD), never on
a command line.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A Vietnamese message for the operator; nothing has been changed when it is raised."""


def vendor_of(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {engine}.")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def pg_environment(db: dict) -> dict[str, str]:
    """libpq settings for pg_dump/pg_restore: connection parameters and the password go in
    the environment of the child process only."""
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST") or "localhost",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "",
        "PGDATABASE": db["NAME"],
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
    }
    for key, value in values.items():
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    return env


def _run(args: list[str], db: dict) -> None:
    if not shutil.which(args[0]):
        raise BackupError(f"Không tìm thấy {args[0]} (cài gói postgresql-client).")
    result = subprocess.run(  # noqa: S603 — fixed program, no shell, no secret in argv
        args, env=pg_environment(db), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{args[0]} thất bại: {result.stderr.strip()[-2000:]}")


def _sqlite_connect(name) -> sqlite3.Connection:
    name = str(name)
    return sqlite3.connect(name, uri=name.startswith("file:"))


def dump_database(db: dict, target: Path, sqlite_connection=None) -> None:
    """SQLite: online backup (of `sqlite_connection` if given, e.g. Django's own connection);
    PostgreSQL: pg_dump custom format."""
    if vendor_of(db) == "sqlite":
        source = sqlite_connection or _sqlite_connect(db["NAME"])
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            if sqlite_connection is None:
                source.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)], db)


def load_database(db: dict, dump: Path) -> None:
    """Replace the database's contents with the dump (PostgreSQL: in one transaction)."""
    if vendor_of(db) == "sqlite":
        source = sqlite3.connect(dump)
        destination = _sqlite_connect(db["NAME"])
        try:
            with destination:
                source.backup(destination)
        finally:
            source.close()
            destination.close()
    else:
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            + ["--exit-on-error", "--dbname", db["NAME"], str(dump)],
            db,
        )


def media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def create(archive: Path, db: dict, media_root: Path, sqlite_connection=None) -> dict:
    """Write the archive atomically (temporary file, then rename); return the manifest."""
    archive = Path(archive)
    vendor = vendor_of(db)
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        dump_database(db, dump, sqlite_connection)
        members = {dump.name: dump}
        for path in media_files(media_root):
            members[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = path
        manifest = {
            "format": FORMAT_VERSION,
            "vendor": vendor,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": {name: sha256_file(path) for name, path in members.items()},
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, MANIFEST)
            for name, path in members.items():
                tar.add(path, name, recursive=False)
        os.chmod(partial, 0o600)
        os.replace(partial, archive)
    return manifest


def _corrupt(reason: str) -> BackupError:
    return BackupError(f"Tệp sao lưu hỏng hoặc đã bị sửa, không khôi phục: {reason}")


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def verify_and_extract(archive: Path, destination: Path, vendor: str) -> dict:
    """Extract into `destination` checking every member against the manifest; raise
    BackupError (and leave the caller's data alone) at the first discrepancy."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return _verify_and_extract(tar, destination, vendor)
    except BackupError:
        raise
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        raise _corrupt(f"không đọc được tệp nén ({exc})") from exc


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(tar.extractfile(tar.getmember(MANIFEST)).read().decode("utf-8"))
        manifest["files"] = dict(manifest["files"])
    except (KeyError, ValueError, AttributeError, TypeError) as exc:
        raise _corrupt(f"thiếu hoặc sai {MANIFEST}") from exc
    return manifest


def _verify_and_extract(tar: tarfile.TarFile, destination: Path, vendor: str) -> dict:
    manifest = _read_manifest(tar)
    expected = manifest["files"]
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Không hỗ trợ định dạng sao lưu {manifest.get('format')!r}.")
    if manifest.get("vendor") != vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest.get('vendor')}, không khôi phục được vào {vendor}."
        )
    if DUMP_NAMES[vendor] not in expected:
        raise _corrupt("thiếu bản sao cơ sở dữ liệu")
    seen = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        if not member.isfile() or not _safe_member_name(member.name):
            raise _corrupt(f"mục không hợp lệ {member.name!r}")
        if member.name not in expected or member.name in seen:
            raise _corrupt(f"mục không có trong danh mục {member.name!r}")
        seen.add(member.name)
        target = destination / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with tar.extractfile(member) as source, open(target, "wb") as out:
            while block := source.read(CHUNK):
                digest.update(block)
                out.write(block)
        if digest.hexdigest() != expected[member.name]:
            raise _corrupt(f"sai mã kiểm tra của {member.name}")
        os.chmod(target, member.mode & 0o777)  # uploads are 0640 (FILE_UPLOAD_PERMISSIONS)
    missing = set(expected) - seen
    if missing:
        raise _corrupt(f"thiếu {len(missing)} mục, ví dụ {sorted(missing)[0]}")
    return manifest


def restore(archive: Path, db: dict, media_root: Path) -> dict:
    """Verify the whole archive, then replace the database and the media folder."""
    vendor = vendor_of(db)
    media_root = Path(media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Extract next to MEDIA_ROOT so the final swap is a rename on one filesystem.
    with tempfile.TemporaryDirectory(prefix=".thidua-restore-", dir=media_root.parent) as work:
        work = Path(work)
        manifest = verify_and_extract(Path(archive), work, vendor)
        load_database(db, work / DUMP_NAMES[vendor])
        restored_media = work / MEDIA_PREFIX.rstrip("/")
        restored_media.mkdir(exist_ok=True)
        previous = work / "previous-media"
        if media_root.exists():
            shutil.copymode(media_root, restored_media)
            os.replace(media_root, previous)
        os.replace(restored_media, media_root)
    return manifest
