import json

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.core.roles import Role

pytestmark = pytest.mark.django_db


def test_healthz_answers_json_with_vendor(client):
    from django.db import connection

    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert json.loads(resp.content) == {"status": "ok", "database": connection.vendor}


def test_login_page_is_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html and "Mật khẩu" in html


def test_login_with_wrong_password_shows_vietnamese_error(org, users, client):
    html = client.post(
        reverse("login"), {"username": "officer_a", "password": "sai"}
    ).content.decode()
    assert "không đúng" in html


@pytest.mark.parametrize(
    "name", ["officer_a", "head_a", "standing", "council", "chairman", "block_head"]
)
def test_home_shows_role_and_unit(org, users, client_for, name):
    html = client_for(name).get("/").content.decode()
    assert "Vai trò" in html
    assert "Đăng xuất" in html


def test_home_navigation_depends_on_role(org, users, client_for):
    officer = client_for("officer_a").get("/").content.decode()
    standing = client_for("standing").get("/").content.decode()
    assert "Danh mục khen thưởng" in standing and "Danh mục khen thưởng" not in officer


def test_security_headers_present(client):
    resp = client.get(reverse("login"))
    assert "script-src 'self'" in resp["Content-Security-Policy"]
    assert resp["X-Frame-Options"] == "DENY"


def test_audit_log_scoped_to_user_units(org, users, client_for):
    AuditEvent.objects.create(
        action="x.visible", object_repr="Sự kiện phường A", unit=org["ward_a"]
    )
    AuditEvent.objects.create(action="x.hidden", object_repr="Sự kiện phường B", unit=org["ward_b"])
    html = client_for("officer_a").get(reverse("audit_log")).content.decode()
    assert "Sự kiện phường A" in html and "Sự kiện phường B" not in html


def test_unit_switcher_refuses_foreign_unit(org, users, client_for):
    c = client_for("officer_a")
    c.post(reverse("switch_unit"), {"unit_id": org["ward_b"].pk})
    assert c.session.get("unit_id") is None


def test_admin_is_for_system_administrators_only(org, users, client_for):
    """Issue #10: the standing body used the admin as a back door (roles, other cities)."""
    from tests.conftest import make_user

    assert client_for("standing").get("/admin/").status_code == 302  # is_staff, not admin
    users["officer_a"].is_staff = True
    users["officer_a"].save()
    assert client_for("officer_a").get("/admin/").status_code == 302
    sysadmin = make_user("sysadmin", Role.ADMIN, org["city"], is_staff=True)
    client = client_for("nobody")
    client.force_login(sysadmin)
    assert client.get("/admin/").status_code == 200


def test_post_without_csrf_token_is_refused(org, users):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(users["officer_a"])
    assert c.post(reverse("switch_unit"), {"unit_id": org["ward_a"].pk}).status_code == 403
