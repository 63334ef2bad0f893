"""Create a benchmark's PostgreSQL database when it does not exist yet."""

from __future__ import annotations

import hashlib
import time


def ensure_database(url: str) -> bool:
    """Create the database named at the end of `url` (postgres://…/NAME) through the
    server's `postgres` database; True if it was created. Raises psycopg.OperationalError
    when the server cannot be reached."""
    import psycopg
    from psycopg import sql

    dbname = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
        return True


def machine_reference_ms() -> float:
    """One PBKDF2-SHA256 of 1.000.000 iterations (a login's password check), in ms: printed
    by the benches so figures from machines of different speed can be compared."""
    start = time.perf_counter()
    hashlib.pbkdf2_hmac("sha256", b"thidua", b"reference-salt", 1_000_000)
    return (time.perf_counter() - start) * 1000
