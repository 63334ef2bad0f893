"""Public comment limits hold across workers and behind a proxy (issue #10, item 8)."""

import pytest
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.test import Client, RequestFactory
from django.urls import reverse

from thidua.core.net import client_ip
from thidua.dossiers import services
from thidua.dossiers.disclosure import publish_disclosure
from thidua.dossiers.enums import LineResult
from thidua.dossiers.views_disclosure import COMMENTS_PER_HOUR

from .helpers import person, ready_dossier

PROXY = "10.0.0.2"
COMMENT = {"name": "Nguyễn Văn Dân", "contact": "0912345678", "text": "Góp ý về danh sách."}
REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_reachable() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001 — any failure means "no Redis here"
        return False
    return True


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    if request.param == "redis":
        if not _redis_reachable():
            pytest.fail(
                "Redis không truy cập được tại "
                + REDIS_URL
                + ": chạy `make test` (cài và khởi động Redis)."
            )
        settings.CACHES = {
            "default": {
                "BACKEND": "thidua.core.rediscache.RedisCache",  # as settings.py
                "LOCATION": REDIS_URL,
            }
        }
    caches["default"].clear()
    yield request.param
    caches["default"].clear()


@pytest.fixture
def disclosure(users, org, campaign):
    p = person(org["ward_a"], "Lục Văn An", "006000000101")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [p])
    services.submit(d, users["officer_a"])
    d.refresh_from_db()
    services.appraise_line(
        d.nominees.get(), users["standing"], LineResult.ELIGIBLE, wording="Có thành tích"
    )
    services.finish_appraisal(d, users["standing"])
    return publish_disclosure(campaign, users["standing"], days=5)


def _another_worker():
    """What a second gunicorn worker sees: none of this process's local memory."""
    locmem._caches.clear()
    locmem._expire_info.clear()
    locmem._locks.clear()
    caches.close_all()
    if hasattr(caches._connections, "default"):
        delattr(caches._connections, "default")


def test_default_cache_is_shared_between_workers():
    from django.conf import settings

    assert "locmem" not in settings.CACHES["default"]["BACKEND"]


def test_forty_comments_from_one_address_over_two_workers_store_exactly_the_limit(
    disclosure, shared_cache
):
    url = reverse("dossiers:public", args=[disclosure.pk])
    workers = [Client(REMOTE_ADDR="203.0.113.9"), Client(REMOTE_ADDR="203.0.113.9")]
    codes = []
    for i in range(40):
        _another_worker()
        codes.append(workers[i % 2].post(url, COMMENT).status_code)
    assert disclosure.comments.count() == COMMENTS_PER_HOUR
    assert codes.count(302) == COMMENTS_PER_HOUR and codes.count(429) == 40 - COMMENTS_PER_HOUR
    refused = workers[0].post(url, COMMENT)
    assert "Bạn đã gửi quá nhiều góp ý" in refused.content.decode()


def test_clients_behind_a_trusted_proxy_get_separate_limits(disclosure, shared_cache, settings):
    settings.THIDUA_TRUSTED_PROXIES = ["10.0.0.0/24"]
    url = reverse("dossiers:public", args=[disclosure.pk])
    for client_address in ("198.51.100.1", "198.51.100.2"):
        # The client may prepend anything; the proxy appends the address it saw.
        c = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_address}")
        for _ in range(COMMENTS_PER_HOUR + 3):
            c.post(url, COMMENT)
    assert disclosure.comments.count() == 2 * COMMENTS_PER_HOUR
    assert set(disclosure.comments.values_list("ip", flat=True)) == {
        "198.51.100.1",
        "198.51.100.2",
    }


def test_forwarded_for_from_an_untrusted_peer_is_ignored(disclosure, shared_cache, settings):
    settings.THIDUA_TRUSTED_PROXIES = ["10.0.0.0/24"]
    url = reverse("dossiers:public", args=[disclosure.pk])
    for i in range(COMMENTS_PER_HOUR + 5):
        Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").post(url, COMMENT)
    assert disclosure.comments.count() == COMMENTS_PER_HOUR
    assert set(disclosure.comments.values_list("ip", flat=True)) == {"203.0.113.7"}


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # untrusted peer: header ignored
        (PROXY, "198.51.100.1", "198.51.100.1"),
        (PROXY, "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # forged left part ignored
        (PROXY, "198.51.100.1, 10.0.0.3", "198.51.100.1"),  # two proxies in a chain
        (PROXY, "", PROXY),
        (PROXY, "not-an-ip", PROXY),
        ("2001:db8::5", "198.51.100.1", "2001:db8::5"),
    ],
)
def test_client_ip_takes_the_right_most_untrusted_hop(settings, remote, forwarded, expected):
    settings.THIDUA_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_trusted_proxies_the_peer_address_is_the_client(settings):
    settings.THIDUA_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == PROXY
