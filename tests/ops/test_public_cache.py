"""Anonymous public pages come from the shared cache (Redis in production) when enabled."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_anonymous_public_pages_are_served_from_the_cache_without_queries(page_cache, users):
    for url in (reverse("campaigns:public_list"), reverse("portal:home")):
        anonymous = Client()
        first = anonymous.get(url)
        assert first.status_code == 200 and "X-Thidua-Cache" not in first
        with CaptureQueriesContext(connection) as queries:
            second = anonymous.get(url)
        assert second["X-Thidua-Cache"] == "hit" and len(queries) == 0
        assert second.content == first.content
        # Another query string is another page.
        assert "X-Thidua-Cache" not in anonymous.get(url + "?trang=2")


@pytest.mark.django_db
def test_logged_in_users_and_other_pages_are_never_cached(page_cache, users, client_for):
    url = reverse("campaigns:public_list")
    Client().get(url)
    officer = client_for("officer_a")
    assert "X-Thidua-Cache" not in officer.get(url)  # a session: always fresh
    anonymous = Client()
    anonymous.get(reverse("login"))
    assert "X-Thidua-Cache" not in anonymous.get(reverse("login"))  # not a public view


@pytest.mark.django_db
def test_without_redis_nothing_is_cached(settings, users):
    settings.PUBLIC_PAGE_CACHE = False
    anonymous = Client()
    anonymous.get(reverse("portal:home"))
    assert "X-Thidua-Cache" not in anonymous.get(reverse("portal:home"))
