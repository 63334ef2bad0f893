"""Login throttling per account and per address (issue #10, item 7)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, make_user
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.20"
LOCKED_TEXT = "Đăng nhập tạm thời bị khóa"


def _login(username: str, password: str, address: str = ATTACKER, **extra):
    c = Client(REMOTE_ADDR=address, **extra)
    resp = c.post(reverse("login"), {"username": username, "password": password})
    return resp, c


def _signed_in(c: Client) -> bool:
    return "_auth_user_id" in c.session


def _fail(username: str, times: int, address: str = ATTACKER, **extra):
    for _ in range(times):
        resp, _ = _login(username, "sai-mat-khau", address, **extra)
        assert resp.status_code in (200, 429)


def test_failure_limit_is_between_five_and_ten():
    assert 5 <= settings.AXES_FAILURE_LIMIT <= 10


def test_ten_wrong_passwords_lock_the_account_and_write_the_audit(db):
    make_user("lan")
    _fail("lan", 10)
    resp, c = _login("lan", PASSWORD)
    assert resp.status_code == 429 and not _signed_in(c)
    assert LOCKED_TEXT in resp.content.decode()
    locked = AuditEvent.objects.get(action="auth.locked_out")
    assert locked.data["username"] == "lan" and locked.data["ip"] == ATTACKER
    assert locked.object_repr == "lan" and locked.actor is None
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= 1
    # The account stays locked from another address too (the per-account rule).
    resp, c = _login("lan", PASSWORD, "198.51.100.44")
    assert resp.status_code == 429 and not _signed_in(c)


def test_a_different_account_from_the_same_address_is_locked_too(db):
    make_user("hung")
    accounts = [f"khong-co-{i}" for i in range(10)]
    for name in accounts:  # one wrong password each: only the address rule can trip
        _fail(name, 1)
    resp, c = _login("hung", PASSWORD)
    assert resp.status_code == 429 and not _signed_in(c)
    # From another address the same account signs in.
    resp, c = _login("hung", PASSWORD, "198.51.100.45")
    assert resp.status_code == 302 and _signed_in(c)


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled_not_the_proxy(db, settings):
    settings.THIDUA_TRUSTED_PROXIES = ["10.0.0.0/24"]
    make_user("an")
    for i in range(10):
        _fail(f"khong-co-{i}", 1, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    resp, c = _login("an", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert resp.status_code == 429
    resp, c = _login("an", PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert resp.status_code == 302 and _signed_in(c)


def test_the_lock_ends_after_the_cool_off(db):
    make_user("binh")
    _fail("binh", 10)
    assert _login("binh", PASSWORD)[0].status_code == 429
    cool_off = settings.AXES_COOLOFF_TIME
    assert timedelta(minutes=5) <= cool_off <= timedelta(hours=1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(seconds=1))
    resp, c = _login("binh", PASSWORD)
    assert resp.status_code == 302 and _signed_in(c)


def test_a_few_mistakes_do_not_lock_and_success_resets_the_count(db):
    make_user("chi")
    _fail("chi", settings.AXES_FAILURE_LIMIT - 1)
    resp, c = _login("chi", PASSWORD)
    assert resp.status_code == 302 and _signed_in(c)
    _fail("chi", settings.AXES_FAILURE_LIMIT - 1)
    resp, c = _login("chi", PASSWORD)
    assert resp.status_code == 302 and _signed_in(c)
    assert not AuditEvent.objects.filter(action="auth.locked_out").exists()


def test_a_wrong_password_shows_the_usual_message(db):
    make_user("dung")
    resp, c = _login("dung", "sai")
    assert resp.status_code == 200 and not _signed_in(c)
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in resp.content.decode()


def test_force_login_still_works(client, db):
    user = make_user("em")
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
