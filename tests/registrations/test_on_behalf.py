"""A ward registering on behalf of its school or co-op (issue #15, item 15): the
registration records the ward as collector so its head can send it to the block head, and
whoever may create but not send is told who can."""

import pytest
from django.urls import reverse

from tests.dossiers.helpers import make_campaign
from thidua.org.enums import UnitKind
from thidua.org.models import BlockMember, Unit
from thidua.registrations import services


@pytest.fixture
def school(org):
    unit = Unit.objects.create(
        code="THDX", name="Trường Tiểu học Đức Xuân", kind=UnitKind.SCHOOL, parent=org["ward_a"]
    )
    BlockMember.objects.create(block=org["block"], unit=unit)
    return unit


def test_a_school_registered_by_its_ward_is_collected_and_sent_by_the_wards_head(
    org, users, school, client_for
):
    head = users["head_a"]
    head.first_name = "Nông Văn Thắng"
    head.save()
    campaign = make_campaign(org)
    reg = services.register(campaign, school, users["officer_a"])
    assert reg.collected_by == org["ward_a"]
    services.add_indicator(reg, users["officer_a"], name="Học sinh giỏi", target="2,8")

    # the officer who created it is told who sends it
    with pytest.raises(services.RegistrationError) as refused:
        services.submit(reg, users["officer_a"])
    assert str(refused.value.messages[0]) == (
        "Chỉ thủ trưởng Phường Đức Xuân (Nông Văn Thắng) được gửi đăng ký thi đua này "
        "tới trưởng khối."
    )
    page = client_for("officer_a").get(reverse("registrations:detail", args=[reg.pk]))
    assert "Nông Văn Thắng" in page.content.decode()

    assert services.submit(reg, head).status == "submitted"


def test_a_unit_without_a_head_says_who_must_grant_the_role(org, users):
    campaign = make_campaign(org)
    reg = services.register(campaign, org["ward_b"], users["officer_b"])
    assert reg.collected_by is None
    assert "chưa có ai được giao vai trò thủ trưởng" in services.who_can_submit(reg)
