"""After a merger the people of a merged-away unit act for the successor (issue #15,
item 18): the merge moves their roles (audited), a unit kept by hand says clearly which
unit one now acts for, and registering the old unit for a new campaign says where to."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.dossiers.helpers import make_campaign
from thidua.campaigns.models import Campaign
from thidua.core import audit
from thidua.core.models import AuditEvent
from thidua.core.permissions import scope_for
from thidua.core.roles import Role
from thidua.org.models import RoleAssignment, Unit
from thidua.org.services import merge_units
from thidua.registrations import services as reg_services


@pytest.fixture
def successor(org):
    return Unit.objects.create(
        code="WN", name="Phường Bắc Kạn", kind="ward", parent=org["city"], is_authority=True
    )


def test_the_merge_moves_the_old_units_people_to_the_successor(org, users, successor):
    officer = users["officer_a"]
    officer.first_name = "Ma Thị Lan"
    officer.save()
    effective = timezone.localdate() - timedelta(days=10)
    merge_units([org["ward_a"]], successor, effective, actor=users["standing"])

    old = RoleAssignment.objects.get(user=officer, unit=org["ward_a"], role=Role.UNIT_OFFICER)
    assert old.valid_to == effective - timedelta(days=1)  # history kept
    new = RoleAssignment.objects.get(user=officer, unit=successor, role=Role.UNIT_OFFICER)
    assert new.valid_from == effective
    officer = type(officer).objects.get(pk=officer.pk)
    assert scope_for(officer).roles[Role.UNIT_OFFICER] == {successor.pk}
    event = AuditEvent.objects.filter(action="org.role.moved", data__user_id=officer.pk).get()
    assert audit.describe(event) == (
        "standing chuyển vai trò «Cán bộ thi đua đơn vị» của Ma Thị Lan sang Phường Bắc Kạn "
        "sau sáp nhập"
    )
    # the moved officer registers the new ward for a new campaign
    campaign = make_campaign(org)
    Campaign.objects.filter(pk=campaign.pk).update(start_date=timezone.localdate())
    campaign.refresh_from_db()
    reg = reg_services.register(campaign, successor, officer)
    assert reg.unit == successor


def test_a_merge_kept_by_hand_tells_the_old_units_people_where_they_act(
    org, users, successor, client_for
):
    merge_units([org["ward_a"]], successor, date(2025, 7, 1), move_users=False)
    assert RoleAssignment.objects.filter(user=users["officer_a"], unit=org["ward_a"]).exists()
    html = client_for("officer_a").get(reverse("home")).content.decode()
    assert 'id="merged-unit"' in html
    assert "Phường Đức Xuân đã sáp nhập vào <strong>Phường Bắc Kạn</strong>" in html

    campaign = make_campaign(org)
    Campaign.objects.filter(pk=campaign.pk).update(start_date=date(2026, 1, 1))
    campaign.refresh_from_db()
    with pytest.raises(reg_services.RegistrationError, match="dưới tên Phường Bắc Kạn"):
        reg_services.register(campaign, Unit.objects.get(pk=org["ward_a"].pk), users["officer_a"])
