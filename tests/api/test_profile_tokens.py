"""API keys issued and revoked by their user on the profile page, the key shown once."""

from django.urls import reverse

from thidua.core.models import ApiToken, AuditEvent


def _issue(c, name="Phần mềm kế toán"):
    resp = c.post(reverse("profile"), {"name": name})
    html = resp.content.decode()
    key = html.split('<code class="key">')[1].split("</code>")[0]
    return resp, key


def test_user_issues_a_key_shown_once_and_stored_hashed(client_for, users, client):
    c = client_for("officer_a")
    resp, key = _issue(c)
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=users["officer_a"])
    assert token.key_hash == ApiToken.hash(key) and key not in token.key_hash
    assert token.prefix == key[:8]
    # The key works on the API, and the profile page never shows it again.
    api = client.get("/api/users/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200
    assert key not in c.get(reverse("profile")).content.decode()
    event = AuditEvent.objects.get(action="api.token.issued")
    assert key not in str(event.data) and event.actor == users["officer_a"]


def test_user_revokes_own_key_and_it_stops_working(client_for, users, client):
    c = client_for("officer_a")
    _, key = _issue(c)
    token = ApiToken.objects.get()
    resp = c.post(reverse("token_revoke", args=[token.pk]), follow=True)
    assert "Đã thu hồi khóa" in resp.content.decode()
    assert not ApiToken.objects.exists()
    assert client.get("/api/users/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert AuditEvent.objects.filter(action="api.token.revoked").count() == 1


def test_another_users_key_cannot_be_revoked(client_for, users):
    token, _ = ApiToken.issue(users["officer_b"], "của người khác")
    resp = client_for("officer_a").post(reverse("token_revoke", args=[token.pk]))
    assert resp.status_code == 404 and ApiToken.objects.filter(pk=token.pk).exists()


def test_blank_name_is_a_vietnamese_error(client_for):
    resp = client_for("officer_a").post(reverse("profile"), {"name": "  "})
    html = resp.content.decode()
    assert 'href="#id_name"' in html and "Đặt tên cho khóa" in html
    assert not ApiToken.objects.exists()


def test_admin_cannot_add_keys(client_for, users):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "r@x.vn", "Thidua@2024")
    from django.test import Client

    c = Client()
    c.force_login(admin)
    assert c.get("/admin/core/apitoken/add/").status_code == 403
