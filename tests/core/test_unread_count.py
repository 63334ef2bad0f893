"""The bell's unread count is kept per user in the shared cache and follows every write of
a notification: created (notify, or one row), read (the page's button), deleted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.models import Notification
from thidua.core.notify import notify


@pytest.fixture
def locmem(settings):
    settings.UNREAD_COUNT_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def bell(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("notifications"))
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    return page.context["unread_count"], [q for q in counts if "core_notification" in q]


@pytest.mark.django_db
def test_the_count_is_read_once_then_follows_every_write(
    locmem, users, client_for, django_capture_on_commit_callbacks
):
    officer = client_for("officer_a")
    bell(officer)
    count, queries = bell(officer)
    assert count == 0 and queries == []  # counted by the first page, cached since
    with django_capture_on_commit_callbacks(execute=True):
        notify([users["officer_a"], users["officer_b"]], "Hồ sơ đã được tiếp nhận.")
    count, queries = bell(officer)
    assert count == 1 and len(queries) == 1
    assert bell(officer) == (1, [])
    with django_capture_on_commit_callbacks(execute=True):
        Notification.objects.create(user=users["officer_a"], message="Thông báo thứ hai.")
    assert bell(officer)[0] == 2
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(reverse("notifications_read"))
    assert bell(officer)[0] == 0
    with django_capture_on_commit_callbacks(execute=True):
        third = Notification.objects.create(user=users["officer_a"], message="Thứ ba.")
    assert bell(officer)[0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        third.delete()
    assert bell(officer)[0] == 0
    # Another user's count is their own.
    assert bell(client_for("officer_b"))[0] == 1
