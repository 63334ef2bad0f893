"""Granting and revoking roles (issue #10, item 1): the rule of `roles_service`, its audit,
the "Phân quyền" page, and the admin's role form going through the same rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.conftest import make_user
from thidua.core.models import AuditEvent
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.enums import UnitKind
from thidua.org.models import RoleAssignment, Unit
from thidua.org.roles_service import grant_role, revoke_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_city(org):
    province = Unit.objects.create(
        code="TLC", name="Tỉnh Lào Cai", kind=UnitKind.PROVINCE, is_authority=True
    )
    city = Unit.objects.create(
        code="CLC", name="Thành phố Lào Cai", kind=UnitKind.CITY, parent=province, is_authority=True
    )
    ward = Unit.objects.create(
        code="LCW", name="Phường Cốc Lếu", kind=UnitKind.WARD, parent=city, is_authority=True
    )
    return {"province": province, "city": city, "ward": ward}


@pytest.fixture
def sysadmin(org):
    return make_user("sysadmin", Role.ADMIN, org["city"], is_staff=True, is_superuser=True)


def _snapshot():
    return sorted(RoleAssignment.objects.values_list("user_id", "unit_id", "role"))


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.ADMIN])
@pytest.mark.parametrize("where", ["own_city", "own_ward", "other_city", "province"])
def test_standing_body_cannot_make_itself_chairman_or_admin(org, users, other_city, role, where):
    standing = users["standing"]
    unit = {
        "own_city": org["city"],
        "own_ward": org["ward_a"],
        "other_city": other_city["city"],
        "province": org["province"],
    }[where]
    before, audits = _snapshot(), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied) as exc:
        grant_role(standing, standing, role, unit)
    assert "quản trị hệ thống" in str(exc.value).lower() or "phạm vi" in str(exc.value)
    # Nor for an accomplice.
    with pytest.raises(PermissionDenied):
        grant_role(standing, users["officer_a"], role, unit)
    assert _snapshot() == before
    assert AuditEvent.objects.count() == audits
    assert not scope_for(standing).is_global


def test_standing_body_cannot_grant_outside_its_subtree(org, users, other_city):
    standing = users["standing"]
    before = _snapshot()
    for unit in (other_city["city"], other_city["ward"], org["province"]):
        for role in (Role.UNIT_OFFICER, Role.STANDING_BODY, Role.COUNCIL_MEMBER):
            with pytest.raises(PermissionDenied, match="phạm vi|cấp chính quyền trực thuộc"):
                grant_role(standing, users["officer_a"], role, unit)
    assert _snapshot() == before


def test_standing_body_cannot_grant_standing_body_at_its_own_level(org, users):
    standing = users["standing"]
    with pytest.raises(PermissionDenied, match="trực thuộc"):
        grant_role(standing, users["officer_a"], Role.STANDING_BODY, org["city"])
    assert not RoleAssignment.objects.filter(
        user=users["officer_a"], role=Role.STANDING_BODY
    ).exists()


def test_standing_body_never_grants_to_itself(org, users):
    with pytest.raises(PermissionDenied, match="chính mình"):
        grant_role(users["standing"], users["standing"], Role.UNIT_OFFICER, org["ward_a"])


@pytest.mark.parametrize("name", ["officer_a", "head_a", "chairman", "council", "block_head"])
def test_other_roles_grant_nothing(org, users, name):
    with pytest.raises(PermissionDenied):
        grant_role(users[name], users["nobody"], Role.UNIT_OFFICER, org["ward_a"])
    assert not RoleAssignment.objects.filter(user=users["nobody"]).exists()


def test_standing_body_grants_in_its_subtree_with_audit(org, users):
    standing, nobody = users["standing"], users["nobody"]
    officer = grant_role(standing, nobody, Role.UNIT_OFFICER, org["ward_b"], reason="Quyết định 12")
    ward_standing = grant_role(standing, nobody, Role.STANDING_BODY, org["ward_a"])
    council = grant_role(standing, nobody, Role.COUNCIL_MEMBER, org["city"])
    assert scope_for(nobody).covers_path(org["ward_b"].path, "change")
    events = AuditEvent.objects.filter(action="role_granted").order_by("pk")
    assert [e.object_id for e in events] == [
        str(officer.pk),
        str(ward_standing.pk),
        str(council.pk),
    ]
    first = events[0]
    assert (
        first.actor == standing and first.unit == org["ward_b"] and first.reason == "Quyết định 12"
    )
    assert first.data["user"] == "nobody" and first.data["role"] == Role.UNIT_OFFICER


def test_revoke_follows_the_grant_rule_and_is_audited(org, users, other_city, sysadmin):
    standing = users["standing"]
    officer_b = RoleAssignment.objects.get(user=users["officer_b"])
    revoke_role(standing, officer_b, reason="Chuyển công tác")
    assert not RoleAssignment.objects.filter(pk=officer_b.pk).exists()
    event = AuditEvent.objects.get(action="role_revoked")
    assert event.actor == standing and event.data["user"] == "officer_b"
    # The chairman's role and the standing body's own role are out of its reach.
    for assignment in (
        RoleAssignment.objects.get(user=users["chairman"]),
        RoleAssignment.objects.get(user=standing),
        RoleAssignment.objects.get(user=sysadmin),
    ):
        with pytest.raises(PermissionDenied):
            revoke_role(standing, assignment)
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(action="role_revoked").count() == 1


def test_system_admin_grants_anything_anywhere(org, users, other_city, sysadmin):
    chair = grant_role(sysadmin, users["nobody"], Role.CHAIRMAN, other_city["city"])
    admin = grant_role(sysadmin, users["nobody"], Role.ADMIN, org["province"])
    assert scope_for(users["nobody"]).is_global
    assert AuditEvent.objects.filter(action="role_granted").count() == 2
    revoke_role(sysadmin, admin)
    revoke_role(sysadmin, chair)
    assert not RoleAssignment.objects.filter(user=users["nobody"]).exists()


def test_invalid_grants_are_refused_in_vietnamese(org, users, sysadmin):
    with pytest.raises(ValidationError, match="đã có vai trò"):
        grant_role(sysadmin, users["officer_a"], Role.UNIT_OFFICER, org["ward_a"])
    with pytest.raises(ValidationError, match="cấp chính quyền"):
        grant_role(sysadmin, users["nobody"], Role.CHAIRMAN, org["village_a"])
    users["nobody"].is_active = False
    users["nobody"].save()
    with pytest.raises(ValidationError, match="bị khóa"):
        grant_role(sysadmin, users["nobody"], Role.UNIT_OFFICER, org["ward_a"])
    assert not RoleAssignment.objects.filter(user=users["nobody"]).exists()


def test_roles_page_grants_and_refuses(org, users, other_city, client_for):
    client = client_for("standing")
    url = reverse("org:roles")
    page = client.get(url)
    assert page.status_code == 200
    assert "officer_a" in page.content.decode()
    role_choices = [v for v, _ in page.context["form"].fields["role"].choices]
    assert Role.CHAIRMAN not in role_choices and Role.ADMIN not in role_choices
    assert other_city["city"] not in page.context["form"].fields["unit"].queryset
    ok = client.post(
        url, {"username": "nobody", "role": Role.UNIT_OFFICER, "unit": org["ward_a"].pk}
    )
    assert ok.status_code == 302
    assert RoleAssignment.objects.filter(user=users["nobody"], unit=org["ward_a"]).exists()
    # Forged choices: chairman of its own city, a unit of another city.
    before = _snapshot()
    for data in (
        {"username": "standing", "role": Role.CHAIRMAN, "unit": org["city"].pk},
        {"username": "standing", "role": Role.ADMIN, "unit": org["city"].pk},
        {"username": "nobody", "role": Role.UNIT_OFFICER, "unit": other_city["city"].pk},
        {"username": "nobody", "role": Role.STANDING_BODY, "unit": org["city"].pk},
    ):
        resp = client.post(url, data)
        assert resp.status_code == 400, data
    assert _snapshot() == before


def test_roles_page_revoke(org, users, other_city, client_for, sysadmin):
    client = client_for("standing")
    chairman = RoleAssignment.objects.get(user=users["chairman"])
    resp = client.post(reverse("org:role_revoke", args=[chairman.pk]), follow=True)
    assert "Chỉ quản trị hệ thống" in resp.content.decode()
    assert RoleAssignment.objects.filter(pk=chairman.pk).exists()
    outside = grant_role(sysadmin, users["nobody"], Role.UNIT_OFFICER, other_city["ward"])
    assert client.post(reverse("org:role_revoke", args=[outside.pk])).status_code == 404
    officer_b = RoleAssignment.objects.get(user=users["officer_b"])
    assert client.post(reverse("org:role_revoke", args=[officer_b.pk])).status_code == 302
    assert not RoleAssignment.objects.filter(pk=officer_b.pk).exists()
    assert (
        client_for("officer_a").post(reverse("org:role_revoke", args=[chairman.pk])).status_code
        == 403
    )


def test_admin_role_form_goes_through_the_rule(org, users, other_city, sysadmin, client):
    client.force_login(sysadmin)
    url = reverse("admin:org_roleassignment_add")
    resp = client.post(
        url, {"user": users["nobody"].pk, "unit": other_city["city"].pk, "role": Role.CHAIRMAN}
    )
    assert resp.status_code == 302
    assignment = RoleAssignment.objects.get(user=users["nobody"])
    assert AuditEvent.objects.filter(action="role_granted", object_id=str(assignment.pk)).exists()
    resp = client.post(
        url, {"user": users["nobody"].pk, "unit": org["village_a"].pk, "role": Role.CHAIRMAN}
    )
    assert resp.status_code == 200 and "cấp chính quyền" in resp.content.decode()
    delete = reverse("admin:org_roleassignment_delete", args=[assignment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert AuditEvent.objects.filter(action="role_revoked", object_id=str(assignment.pk)).exists()


def test_legal_tables_are_edited_by_the_system_administrator_only(org, users, client_for, sysadmin):
    url = reverse("legal:award_forms")
    standing_page = client_for("standing").get(url).content.decode()
    assert "/admin/legal/" not in standing_page and "quản trị hệ thống" in standing_page
    client = client_for("nobody")
    client.force_login(sysadmin)
    assert "/admin/legal/" in client.get(url).content.decode()
    assert client_for("standing").get("/admin/legal/awardform/").status_code == 302


def test_block_head_of_a_higher_block_is_not_granted_by_the_standing_body(org, users, sysadmin):
    """A block head sees the block's member units: heading a province cluster would reach
    other cities, beyond the granting standing body's subtree."""
    from datetime import date

    from thidua.org.models import Block

    Block.objects.create(
        authority=org["province"],
        year=date.today().year,
        name="Cụm các huyện, thành phố",
        head=org["city"],
    )
    with pytest.raises(PermissionDenied, match="cụm, khối thi đua của cấp trên"):
        grant_role(users["standing"], users["nobody"], Role.BLOCK_HEAD, org["city"])
    assert not RoleAssignment.objects.filter(user=users["nobody"]).exists()
    # The ward heads only the city's own block: granted.
    grant_role(users["standing"], users["nobody"], Role.BLOCK_HEAD, org["ward_a"])
    grant_role(sysadmin, users["nobody"], Role.BLOCK_HEAD, org["city"])
