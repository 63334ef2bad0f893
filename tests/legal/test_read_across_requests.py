"""The legal tables are kept across requests (settings.LEGAL_TABLES_CACHE): in the shared
cache under a version key and in each process; every write path moves the version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.legal import read
from thidua.legal.models import LegalSetting
from thidua.legal.vocab import REFORM_2025


@pytest.fixture
def shared(settings):
    settings.LEGAL_TABLES_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    read._local.clear()
    yield cache
    cache.clear()
    read._local.clear()


def a_request():
    """What LegalTablesPerRequestMiddleware does around a view, and what views read."""
    with read.cached():
        return (
            read.rounding_step(),
            len(read.award_forms()),
            len(read.base_salaries()),
            len(read.voting_thresholds()),
            len(read.ground_lines(REFORM_2025)),
        )


def another_process():
    """A second worker: its own memo is empty, the shared cache (Redis) is the same."""
    read._local.clear()


def legal_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if '"legal_' in q["sql"]]


@pytest.mark.django_db
def test_a_second_request_does_not_query_the_legal_tables(shared):
    with CaptureQueriesContext(connection) as first:
        expected = a_request()
    assert len(legal_queries(first)) == 5
    with CaptureQueriesContext(connection) as second:
        assert a_request() == expected
    assert legal_queries(second) == []
    another_process()
    with CaptureQueriesContext(connection) as third:
        assert a_request() == expected
    assert legal_queries(third) == []


@pytest.mark.django_db
def test_without_the_setting_every_request_reads_the_tables(shared, settings):
    settings.LEGAL_TABLES_CACHE = False
    a_request()
    with CaptureQueriesContext(connection) as second:
        a_request()
    assert len(legal_queries(second)) == 5


def admin_post(client, row: LegalSetting, value: int):
    url = reverse("admin:legal_legalsetting_change", args=[row.pk])
    return client.post(
        url,
        {
            "key": row.key,
            "value": str(value),
            "label": row.label,
            "valid_from": row.valid_from.isoformat(),
            "valid_to": "",
            "citation": row.citation,
            "confirmed": "on",
            "note": row.note,
        },
    )


@pytest.mark.django_db
def test_an_admin_edit_is_seen_by_the_next_request_of_every_process(
    shared, admin_client, django_capture_on_commit_callbacks
):
    assert a_request()[0] == 10_000
    row = LegalSetting.objects.get(key="reward_rounding_step", valid_from=REFORM_2025)
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_post(admin_client, row, 20_000)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert a_request()[0] == 20_000
    another_process()
    assert a_request()[0] == 20_000
    with CaptureQueriesContext(connection) as again:
        assert a_request()[0] == 20_000
    assert legal_queries(again) == []


@pytest.mark.django_db
def test_the_version_moves_again_at_commit(shared, django_capture_on_commit_callbacks):
    """Between the write and its commit another worker may read the old rows and store
    them under the new version; the commit moves the version past them. Until then the
    writer reads its own rows from the database."""
    a_request()
    row = LegalSetting.objects.get(key="reward_rounding_step", valid_from=REFORM_2025)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row.value = 30_000
        row.save()
        assert a_request()[0] == 30_000  # the writer, inside its transaction
        # Another worker, still seeing the committed rows, fills the new version with them.
        another_process()
        version = shared.get(read._VERSION_KEY)
        stale = list(LegalSetting.objects.all())
        for item in stale:
            if item.pk == row.pk:
                item.value = 10_000
        label = LegalSetting._meta.label_lower
        shared.set(f"thidua:legal:{read._SCHEMA}:{version}:{label}", stale)
    assert callbacks
    for callback in callbacks:
        callback()
    assert shared.get(read._VERSION_KEY) != version
    assert not connection.thidua_legal_writing
    another_process()
    assert a_request()[0] == 30_000


@pytest.mark.django_db
def test_loading_the_seed_moves_the_version(shared, django_capture_on_commit_callbacks):
    from thidua.legal.services import sync_from_tables

    a_request()
    before = shared.get(read._VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        sync_from_tables()
    assert shared.get(read._VERSION_KEY) != before


def test_moving_the_version_without_a_cache_table_is_quiet_but_a_cache_failure_is_not(
    monkeypatch, caplog
):
    """A database being migrated has no cache table yet (nothing can be cached: quiet); an
    unreachable shared cache means other processes may read stale rows (a warning)."""
    from django.core.cache import caches
    from django.db import DatabaseError

    from thidua.core import cacheversion
    from thidua.legal import read

    cache = caches["default"]  # the backend `read` sets through the `cache` proxy

    def missing_table(*args, **kwargs):
        raise DatabaseError("no such table: thidua_cache")

    monkeypatch.setattr(cache, "set", missing_table)
    with caplog.at_level("DEBUG", logger=cacheversion.logger.name):
        read.TABLES.move()
    assert [r.levelname for r in caplog.records] == ["DEBUG"]

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis down")

    caplog.clear()
    monkeypatch.setattr(cache, "set", unreachable)
    with caplog.at_level("DEBUG", logger=cacheversion.logger.name):
        read.TABLES.move()
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "Redis down" in caplog.records[0].getMessage()
