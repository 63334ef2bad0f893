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


CSRF_MARKERS = ("csrf-token", "csrfmiddlewaretoken")


@pytest.mark.django_db
def test_a_cached_public_page_carries_no_csrf_token_to_the_next_visitor(page_cache, users):
    """The first anonymous visitor's CSRF token must not be stored with the page and handed
    to everyone after (it was: base.html rendered it into a meta tag for htmx)."""
    for url in (reverse("campaigns:public_list"), reverse("portal:home")):
        first = Client().get(url)
        second = Client().get(url)
        assert second["X-Thidua-Cache"] == "hit"
        for response in (first, second):
            html = response.content.decode()
            assert not any(marker in html for marker in CSRF_MARKERS), url
            assert settings_csrf_cookie() not in response.cookies
            assert not response.cookies and "Set-Cookie" not in response


def settings_csrf_cookie():
    from django.conf import settings

    return settings.CSRF_COOKIE_NAME


@pytest.mark.django_db
def test_a_page_that_used_a_csrf_token_is_not_stored(page_cache, settings, users):
    """A public view whose page embeds a token (a form that posts) is rendered afresh."""
    settings.PUBLIC_CACHE_VIEWS = [*settings.PUBLIC_CACHE_VIEWS, "login"]
    first = Client().get(reverse("login"))
    second = Client().get(reverse("login"))
    assert "X-Thidua-Cache" not in second
    assert "csrfmiddlewaretoken" in second.content.decode()
    assert first.cookies[settings.CSRF_COOKIE_NAME].value != (
        second.cookies[settings.CSRF_COOKIE_NAME].value
    )


@pytest.mark.django_db
def test_signed_in_pages_keep_the_token_and_login_works_with_csrf_enforced(page_cache, users):
    from tests.conftest import PASSWORD

    browser = Client(enforce_csrf_checks=True)
    login_page = browser.get(reverse("login"))
    assert "no-cache" in login_page["Cache-Control"] or "max-age=0" in login_page["Cache-Control"]
    token = login_page.context["csrf_token"]
    assert f'value="{token}"' in login_page.content.decode()
    refused = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "officer_a", "password": PASSWORD}
    )
    assert refused.status_code == 403
    answer = browser.post(
        reverse("login"),
        {"username": "officer_a", "password": PASSWORD, "csrfmiddlewaretoken": str(token)},
    )
    assert answer.status_code == 302
    home = browser.get(reverse("campaigns:public_list"))
    assert "X-Thidua-Cache" not in home
    assert '<meta name="csrf-token" content="' in home.content.decode()
