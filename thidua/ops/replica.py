"""A local PostgreSQL streaming replica of the primary, for development and tests
(`thidua replica start|stop|status`, `make replica`).

`start` copies the primary (127.0.0.1:5432 by default) with `pg_basebackup` (WAL streamed,
a physical replication slot so the primary keeps the WAL the replica still needs, `-R`
writes `primary_conninfo`) into a data directory (`var/replica` by default), writes a
minimal postgresql.conf / pg_hba.conf there and starts it on port 5433 as a hot standby,
with Debian's PostgreSQL binaries. The primary must allow replication connections: its
`wal_level` must be `replica` (or `logical`), `max_wal_senders` > 0 and pg_hba.conf must
have a `replication` line for 127.0.0.1; when run as root on the local Debian cluster the
line is added and the configuration reloaded, otherwise the message says what to add.
`stop` stops the replica, drops its slot on the primary (else the primary keeps WAL for it
forever) and removes the data directory.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
HBA_LINE = "host replication all 127.0.0.1/32 trust"


class ReplicaError(RuntimeError):
    pass


@dataclass
class ReplicaConfig:
    primary_host: str = "127.0.0.1"
    primary_port: int = 5432
    user: str = "postgres"
    port: int = 5433
    data_dir: Path = Path("var/replica")

    @property
    def slot(self) -> str:
        return f"thidua_replica_{self.port}"

    def primary_dsn(self, dbname: str = "postgres") -> str:
        return f"host={self.primary_host} port={self.primary_port} user={self.user} dbname={dbname}"

    def replica_dsn(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={dbname}"

    def url(self, dbname: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{dbname}"


def _run_as_postgres(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    """The server refuses to run as root: run its tools as the `postgres` system user."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def _query(dsn: str, sql: str, *params):
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        return conn.execute(sql, params).fetchall()


def check_primary(cfg: ReplicaConfig) -> dict:
    """What the primary needs for streaming replication; fixes pg_hba when it may."""
    rows = dict(
        _query(
            cfg.primary_dsn(),
            "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
            [
                "wal_level",
                "max_wal_senders",
                "hba_file",
                "max_connections",
                "max_worker_processes",
                "max_prepared_transactions",
                "max_locks_per_transaction",
                "max_replication_slots",
            ],
        )
    )
    if rows["wal_level"] not in ("replica", "logical"):
        raise ReplicaError(
            f"wal_level của máy chủ chính là {rows['wal_level']}: cần 'replica' "
            "(ALTER SYSTEM SET wal_level = replica; rồi khởi động lại PostgreSQL)."
        )
    if int(rows["max_wal_senders"]) < 1 or int(rows["max_replication_slots"]) < 1:
        raise ReplicaError("max_wal_senders và max_replication_slots của máy chủ chính phải > 0.")
    if not _replication_allowed(cfg):
        hba = Path(rows["hba_file"])
        if os.access(hba, os.W_OK):
            with hba.open("a", encoding="utf-8") as fh:
                fh.write(f"\n# thidua replica (thidua replica start)\n{HBA_LINE}\n")
            _query(cfg.primary_dsn(), "SELECT pg_reload_conf()")
            time.sleep(0.5)
        if not _replication_allowed(cfg):
            raise ReplicaError(
                f"Máy chủ chính chưa cho kết nối sao chép: thêm dòng '{HBA_LINE}' vào {hba} "
                "rồi chạy SELECT pg_reload_conf();"
            )
    return rows


def _replication_allowed(cfg: ReplicaConfig) -> bool:
    try:
        with psycopg.connect(
            cfg.primary_dsn(), replication="true", autocommit=True, connect_timeout=5
        ) as conn:
            conn.execute("IDENTIFY_SYSTEM")
        return True
    except psycopg.Error:
        return False


def is_running(cfg: ReplicaConfig) -> bool:
    try:
        return _query(cfg.replica_dsn(), "SELECT pg_is_in_recovery()")[0][0] is True
    except psycopg.Error:
        return False


def start(cfg: ReplicaConfig, log=print) -> ReplicaConfig:
    """Start the replica (a fresh base backup unless its data directory is already there)."""
    if is_running(cfg):
        log(f"Bản sao đang chạy ở cổng {cfg.port} ({cfg.data_dir}).")
        return cfg
    settings = check_primary(cfg)
    data = cfg.data_dir.resolve()
    if not (data / "standby.signal").exists():
        if data.exists():
            shutil.rmtree(data)
        data.mkdir(parents=True)
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(data, pg.pw_uid, pg.pw_gid)
        data.chmod(0o700)
        _drop_slot(cfg)
        log(f"pg_basebackup từ {cfg.primary_host}:{cfg.primary_port} vào {data} …")
        t0 = time.perf_counter()
        done = _run_as_postgres(
            [
                str(PG_BIN / "pg_basebackup"),
                "-h",
                cfg.primary_host,
                "-p",
                str(cfg.primary_port),
                "-U",
                cfg.user,
                "-D",
                str(data),
                "-X",
                "stream",
                "-c",
                "fast",
                "-R",
                "-C",
                "-S",
                cfg.slot,
            ]
        )
        if done.returncode:
            raise ReplicaError(f"pg_basebackup lỗi: {done.stderr.strip()}")
        log(f"  xong trong {time.perf_counter() - t0:.1f} s")
        # Debian keeps the configuration in /etc: the copy has none of its own. A hot
        # standby needs at least the primary's values of these settings.
        same = [
            "max_connections",
            "max_worker_processes",
            "max_prepared_transactions",
            "max_locks_per_transaction",
            "max_wal_senders",
        ]
        conf = [
            f"port = {cfg.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{data}'",
            "hot_standby = on",
            "hot_standby_feedback = on",
            "max_standby_streaming_delay = 30s",
            "shared_buffers = 128MB",
            "logging_collector = off",
            *(f"{name} = {settings[name]}" for name in same),
        ]
        for name, text in (
            ("postgresql.conf", "\n".join(conf) + "\n"),
            ("pg_hba.conf", "local all all trust\nhost all all 127.0.0.1/32 trust\n"),
            ("pg_ident.conf", ""),
        ):
            path = data / name
            path.write_text(text, encoding="utf-8")
            if os.geteuid() == 0:
                os.chown(path, pg.pw_uid, pg.pw_gid)
    done = _run_as_postgres(
        [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w", "start"]
    )
    if done.returncode:
        raise ReplicaError(f"pg_ctl start lỗi: {done.stderr.strip() or done.stdout.strip()}")
    for _ in range(60):
        if is_running(cfg):
            break
        time.sleep(0.5)
    else:
        raise ReplicaError(f"Bản sao không trả lời ở cổng {cfg.port}; xem {data / 'server.log'}")
    log(f"Bản sao chạy ở 127.0.0.1:{cfg.port}: DATABASE_REPLICA_URL={cfg.url('<tên CSDL>')}")
    return cfg


def _drop_slot(cfg: ReplicaConfig) -> None:
    _query(
        cfg.primary_dsn(),
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
        "WHERE slot_name = %s AND NOT active",
        cfg.slot,
    )


def stop(cfg: ReplicaConfig, log=print, remove: bool = True) -> None:
    data = cfg.data_dir.resolve()
    if (data / "postmaster.pid").exists():
        _run_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
    _drop_slot(cfg)
    if remove and data.exists():
        shutil.rmtree(data)
    log(f"Đã dừng bản sao ở cổng {cfg.port}" + (" và xoá dữ liệu của nó." if remove else "."))


def status(cfg: ReplicaConfig) -> dict:
    """Lag as the primary sees it (bytes of WAL not yet replayed) and as the replica sees it."""
    out = {"running": is_running(cfg), "port": cfg.port, "data_dir": str(cfg.data_dir)}
    if out["running"]:
        rows = _query(
            cfg.primary_dsn(),
            "SELECT state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) "
            "FROM pg_stat_replication WHERE application_name = 'walreceiver' "
            "OR client_addr = '127.0.0.1'",
        )
        out["senders"] = [{"state": s, "replay_lag_bytes": int(lag or 0)} for s, lag in rows]
        out["replay_delay_s"] = _query(
            cfg.replica_dsn(),
            "SELECT COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)",
        )[0][0]
    return out


def wait_for_replay(cfg: ReplicaConfig, timeout: float = 30.0) -> float:
    """Wait until the replica has replayed everything the primary has written so far."""
    target = _query(cfg.primary_dsn(), "SELECT pg_current_wal_lsn()::text")[0][0]
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        caught_up = _query(
            cfg.replica_dsn(),
            "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0",
            target,
        )[0][0]
        if caught_up:
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise ReplicaError(f"Bản sao chưa bắt kịp máy chủ chính sau {timeout:.0f} s.")
