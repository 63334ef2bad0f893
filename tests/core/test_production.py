"""The README's production steps, for real: production settings, migrate, collectstatic,
check --deploy, gunicorn on 127.0.0.1 behind a TLS proxy (X-Forwarded-Proto: https); then
/healthz must turn 503 when the static manifest is broken. Plus /healthz in-process."""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import requests
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

HOST = "thidua.example.gov.vn"
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture
def production_env(tmp_path):
    """Environment of a production install; a fresh PostgreSQL database when the suite runs on
    PostgreSQL (DATABASE_URL), else SQLite under THIDUA_VAR_DIR."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "DATABASE_URL"))
    }
    env.update(
        THIDUA_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        SITE_URL=f"https://{HOST}",
        THIDUA_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="thidua.settings",
    )
    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        yield env
        return
    name = f"thidua_production_{uuid.uuid4().hex[:8]}"
    admin_url = urlunsplit(urlsplit(base_url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _thidua(env, *args):
    result = subprocess.run(
        [str(BIN / "thidua"), *args],
        env=env,
        cwd=env["THIDUA_VAR_DIR"].rsplit("/", 1)[0],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"thidua {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _gunicorn(env, output: list | None = None):
    port = _free_port()
    process = subprocess.Popen(
        # as the README: the config preloads the app and warms it up before forking
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:thidua.ops.gunicorn_conf",
            "thidua.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"gunicorn không khởi động được:\n{process.stdout.read()}")
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        if output is not None:
            output.append(process.stdout.read())


def _get(base, path):
    return requests.get(
        base + path,
        headers={"Host": HOST, "X-Forwarded-Proto": "https"},
        allow_redirects=False,
        timeout=30,
    )


def _raw_post_status(base: str, announced: int) -> int:
    """Announce a huge body, send 1 KB of it: the server must answer without waiting for more."""
    port = int(base.rsplit(":", 1)[1])
    head = (
        f"POST /dang-nhap/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {announced}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + b"a" * 1024)
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])


@pytest.mark.slow
def test_readme_production_steps_serve_pages_and_health_tracks_static(production_env):
    env = production_env
    Path(env["THIDUA_VAR_DIR"]).mkdir()
    _thidua(env, "migrate", "--no-input", "-v0")
    _thidua(env, "collectstatic", "--no-input", "-v0")
    _thidua(env, "check", "--deploy", "--fail-level", "WARNING")
    manifest = Path(env["THIDUA_VAR_DIR"]) / "static" / "staticfiles.json"
    assert manifest.exists()

    output: list[str] = []
    with _gunicorn(env, output) as base:
        login = _get(base, "/dang-nhap/")
        assert login.status_code == 200, login.text[:2000]
        assert "<form" in login.text and "text/html" in login.headers["Content-Type"]
        assert login.headers["Strict-Transport-Security"].startswith("max-age=")
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', login.text)
        assert assets, "trang đăng nhập không dẫn tới tệp tĩnh nào"
        for asset in assets:
            # Hashed names (app.1a2b3c4d5e6f.js) served by whitenoise.
            assert re.search(r"\.[0-9a-f]{12}\.", asset), asset
            assert _get(base, asset).status_code == 200, asset
        plain_http = requests.get(
            base + "/dang-nhap/", headers={"Host": HOST}, allow_redirects=False, timeout=30
        )
        assert plain_http.status_code == 301
        assert plain_http.headers["Location"].startswith("https://")
        health = _get(base, "/healthz")
        assert health.status_code == 200, health.text
        assert health.json()["status"] == "ok"
        assert _raw_post_status(base, announced=200 * 1024 * 1024) == 413

    # the app was loaded and warmed up in the master, before the worker was forked
    warm = re.search(r"thidua warm-up: (\d+) templates compiled, (\d+) static files", output[0])
    assert warm and int(warm[1]) > 50 and int(warm[2]) > 10, output[0][-2000:]

    manifest.write_text("{not json", encoding="utf-8")
    with _gunicorn(env) as base:
        health = _get(base, "/healthz")
        assert health.status_code == 503
        assert "staticfiles.json" in health.json()["error"]

    manifest.unlink()
    with _gunicorn(env) as base:
        health = _get(base, "/healthz")
        assert health.status_code == 503
        assert "collectstatic" in health.json()["error"]


def test_vendored_assets_reference_no_missing_files():
    """Manifest storage rewrites sourceMappingURL comments and fails on a missing .map."""
    for asset in (ROOT / "thidua").glob("*/static/**/*.[jc]s*"):
        text = asset.read_text(encoding="utf-8", errors="replace")
        for target in re.findall(r"sourceMappingURL=([^\s*]+)", text):
            assert (asset.parent / target).exists(), f"{asset} → {target}"


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_503_when_a_migration_is_not_applied(client, db):
    MigrationRecorder.Migration.objects.filter(app="core").order_by("-id")[:1].get().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert any(name.startswith("core.") for name in body["unapplied_migrations"])


def test_healthz_503_when_database_unreachable(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OSError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "cơ sở dữ liệu" in response.json()["error"]


def test_healthz_503_when_static_manifest_missing(client, db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "collectstatic" in response.json()["error"]

    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"a.js": "a.0123456789ab.js"}}), encoding="utf-8"
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "a.0123456789ab.js" in response.json()["error"]

    (tmp_path / "static" / "a.0123456789ab.js").write_text("1", encoding="utf-8")
    assert client.get("/healthz").status_code == 200
