"""Signing credentials: loaded by the system administrator only, checked against their owner,
key material stored encrypted and never shown again."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.signing import appearance, services, vault
from thidua.signing.errors import SigningRefused
from thidua.signing.models import SigningCredential

from .conftest import CHAIRMAN_NAME, ISSUER_NAME, PASSWORD, add_p12


def test_key_material_is_stored_encrypted(org, users, chairman_cert, settings):
    credential = add_p12(users["chairman"], chairman_cert, kind="personal")
    stored = bytes(SigningCredential.objects.get(pk=credential.pk).secret)
    p12 = vault.unseal(stored)["p12"]
    assert PASSWORD.encode() not in stored and p12 not in stored
    assert chairman_cert.key_pkcs8_der()[40:80] not in stored
    settings.THIDUA_SIGNING_KEY = "another key from the environment"
    with pytest.raises(SigningRefused, match="THIDUA_SIGNING_KEY"):
        vault.unseal(stored)
    assert AuditEvent.objects.filter(action="signing_credential_added").count() == 1


def test_wrong_p12_password_refused(org, users, chairman_cert):
    with pytest.raises(SigningRefused, match="mật khẩu không đúng"):
        services.register_pkcs12(
            kind="personal",
            owner=users["chairman"],
            data=chairman_cert.pkcs12(PASSWORD),
            password="sai",
            image=appearance.demo_signature_png(CHAIRMAN_NAME),
            actor=None,
        )


def test_unit_certificate_must_name_the_unit(org, ca):
    with pytest.raises(SigningRefused, match="không phải của Phường Đức Xuân"):
        add_p12(org["ward_a"], ca.issue(ISSUER_NAME, ISSUER_NAME), kind="unit")


def test_personal_certificate_must_name_the_user(org, ca):
    user = get_user_model().objects.create_user("lan", first_name="Lan", last_name="Ma Thị")
    with pytest.raises(SigningRefused, match="không phải của"):
        add_p12(user, ca.issue(CHAIRMAN_NAME), kind="personal")


def test_expired_certificate_cannot_be_loaded(org, users, ca):
    from datetime import UTC, datetime, timedelta

    old = ca.issue(CHAIRMAN_NAME, days=10, not_before=datetime.now(UTC) - timedelta(days=20))
    with pytest.raises(SigningRefused, match="đã hết hạn"):
        add_p12(users["chairman"], old, kind="personal")


def test_image_must_be_png(org, users, chairman_cert):
    with pytest.raises(SigningRefused, match="PNG"):
        add_p12(users["chairman"], chairman_cert, kind="personal", image=b"GIF89a....")


def test_only_the_system_administrator_loads_credentials(org, users, chairman_cert):
    with pytest.raises(SigningRefused, match="Chỉ quản trị hệ thống"):
        services.register_pkcs12(
            kind="personal",
            owner=users["chairman"],
            data=chairman_cert.pkcs12(PASSWORD),
            password=PASSWORD,
            image=appearance.demo_signature_png(CHAIRMAN_NAME),
            actor=users["standing"],
        )


def test_admin_adds_a_p12_and_never_shows_the_secret(org, users, chairman_cert, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.core.roles import Role
    from thidua.org.models import RoleAssignment

    admin = get_user_model().objects.create_user("quantri", is_staff=True, is_superuser=True)
    RoleAssignment.objects.create(user=admin, role=Role.ADMIN, unit=org["city"])
    client.force_login(admin)
    resp = client.post(
        reverse("admin:signing_signingcredential_add"),
        {
            "kind": "personal",
            "user": users["chairman"].pk,
            "source": "pkcs12",
            "p12_file": SimpleUploadedFile("cuong.p12", chairman_cert.pkcs12(PASSWORD)),
            "p12_password": PASSWORD,
            "image_file": SimpleUploadedFile(
                "chuky.png", appearance.demo_signature_png(CHAIRMAN_NAME)
            ),
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    credential = SigningCredential.objects.get()
    assert credential.user == users["chairman"] and credential.subject.startswith("CN=")
    page = client.get(reverse("admin:signing_signingcredential_change", args=[credential.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and CHAIRMAN_NAME in html
    assert "secret" not in html and PASSWORD not in html
    standing = users["standing"]
    client.force_login(standing)
    assert client.get(reverse("admin:signing_signingcredential_changelist")).status_code == 302
