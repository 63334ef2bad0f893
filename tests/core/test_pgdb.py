"""The benches create their PostgreSQL database when it does not exist yet."""

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg

from thidua.core.pgdb import ensure_database, machine_reference_ms

SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "")
    base = base if base.startswith(("postgres://", "postgresql://")) else SERVER
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def test_ensure_database_creates_once_and_the_database_is_usable():
    # A name that needs quoting: created as written, not folded or injected.
    name = f"thidua_Bench-{uuid.uuid4().hex[:8]}"
    url = _url(name)
    admin = _url("postgres")
    try:
        assert ensure_database(url) is True
        assert ensure_database(url) is False
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT current_database()").fetchone()[0] == name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_machine_reference_is_a_positive_duration():
    assert machine_reference_ms() > 0
