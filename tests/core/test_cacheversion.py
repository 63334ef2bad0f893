"""`CacheVersion`: the one rule of "what was cached from these tables is no longer good",
used by the org's seats and the legal tables."""

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test import override_settings

from thidua.core.cacheversion import CacheVersion

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def version():
    with override_settings(CACHES={**LOCMEM, "default": {**LOCMEM["default"], "LOCATION": "cv"}}):
        cache.clear()
        yield CacheVersion("test", "thidua:test:version")


def test_current_creates_a_missing_version_once_and_then_reads_it(version):
    first = version.current()
    assert first[0] and cache.get("thidua:test:version") == first[0]
    assert version.current() == first
    both = version.current(["thidua:test:version", "thidua:test:user:7"])
    assert both[0] == first[0] and both[1] and both[1] != first[0]


def test_current_takes_what_a_get_many_already_read(version):
    cache.set("thidua:test:version", "from-the-cache")
    found = {"thidua:test:version": "read-with-other-keys"}
    assert version.current(found=found) == ("read-with-other-keys",)


@pytest.mark.django_db(transaction=True)
def test_a_write_moves_the_version_at_once_and_at_the_commit_and_the_writer_reads_the_database(
    version,
):
    start = version.current()[0]
    assert not version.writing()
    with transaction.atomic():
        version.written()
        during = cache.get("thidua:test:version")
        assert during != start
        assert version.writing()
        # another process stores an entry under `during` from the rows before the commit
    after = cache.get("thidua:test:version")
    assert after not in (start, during)
    assert not version.writing() and not connection.thidua_test_writing


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_writer_reading_the_cache_again(version):
    version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        version.written()
        assert version.writing()
        raise RuntimeError
    assert not version.writing()


@pytest.mark.django_db(transaction=True)
def test_a_finer_key_moves_at_once_and_at_the_commit(version):
    key = "thidua:test:user:7"
    before = version.current([key])[0]
    with transaction.atomic():
        version.written_key(key)
        during = cache.get(key)
        assert during != before
    assert cache.get(key) not in (before, during)
    assert not version.writing()  # a user's rows do not send the writer to the database


def test_a_cache_that_cannot_be_written_is_logged_not_raised(version, monkeypatch, caplog):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis down")

    monkeypatch.setattr(caches["default"], "set", unreachable)
    with caplog.at_level("WARNING", logger="thidua.core.cacheversion"):
        version.move()
    assert "test: could not move the cache version: Redis down" in caplog.text
