"""Sessions go through the shared cache only when it is Redis (REDIS_URL)."""

import runpy
from pathlib import Path

import thidua

SETTINGS = Path(thidua.__file__).parent / "settings.py"


def settings_with(monkeypatch, **environ) -> dict:
    for name in ("REDIS_URL", "REDIS_URL_FILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_with_redis_sessions_are_cached_and_written_to_the_database(monkeypatch):
    values = settings_with(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3")
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert values["UNREAD_COUNT_CACHE"] and values["LEGAL_TABLES_CACHE"]


def test_without_redis_sessions_stay_in_the_database(monkeypatch):
    values = settings_with(monkeypatch)
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert values["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")
    assert not values["UNREAD_COUNT_CACHE"] and values["LEGAL_TABLES_CACHE"]
