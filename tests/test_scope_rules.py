"""The scope rules inside `ScopedQuerySet.for_user` (campaigns launched above a unit,
blocks of their members, registrations read by the block head): each grants exactly what
it says, and a forged request for another unit's data through them gets 404."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.campaigns.enums import CampaignStatus
from thidua.campaigns.models import Campaign
from thidua.org.enums import BlockLevel, UnitKind
from thidua.org.models import Block, BlockMember, Unit
from thidua.registrations.enums import RegistrationStatus
from thidua.registrations.models import Indicator, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_city(org):
    """A second city under the province, with its own ward, block and campaigns."""
    city = Unit.objects.create(
        code="D",
        name="Huyện Chợ Đồn",
        kind=UnitKind.CITY,
        parent=org["province"],
        is_authority=True,
    )
    ward = Unit.objects.create(
        code="DW", name="Thị trấn Bằng Lũng", kind=UnitKind.WARD, parent=city, is_authority=True
    )
    block = Block.objects.create(
        authority=city, year=date.today().year, name="Khối thị trấn", level=BlockLevel.COMMUNE
    )
    BlockMember.objects.create(block=block, unit=ward)
    return {"city": city, "ward": ward, "block": block}


def _campaign(issuer, status, title="Thi đua thử"):
    return Campaign.objects.create(issuer=issuer, title=title, status=status)


# ---- campaigns: drafts stay with the issuer, launched ones are seen below it ---------------


def test_a_unit_sees_launched_campaigns_above_it_and_never_a_draft_or_a_neighbour(
    org, users, other_city
):
    officer = users["officer_a"]
    city_launched = _campaign(org["city"], CampaignStatus.LAUNCHED)
    province_running = _campaign(org["province"], CampaignStatus.RUNNING)
    city_draft = _campaign(org["city"], CampaignStatus.DRAFT)
    own_draft = _campaign(org["ward_a"], CampaignStatus.DRAFT)
    neighbour_launched = _campaign(other_city["city"], CampaignStatus.LAUNCHED)
    visible = set(Campaign.objects.for_user(officer).values_list("pk", flat=True))
    assert visible == {city_launched.pk, province_running.pk, own_draft.pk}
    assert neighbour_launched.pk not in visible and city_draft.pk not in visible
    # Launched campaigns above are read, not changed.
    assert set(Campaign.objects.for_user(officer, "change").values_list("pk", flat=True)) == {
        own_draft.pk
    }


@pytest.mark.parametrize("which", ["draft_above", "neighbour"])
def test_forged_campaign_requests_get_404(org, users, other_city, client_for, which):
    campaign = (
        _campaign(org["city"], CampaignStatus.DRAFT)
        if which == "draft_above"
        else _campaign(other_city["city"], CampaignStatus.LAUNCHED)
    )
    client = client_for("officer_a")
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404
    transition_url = reverse("campaigns:transition", args=[campaign.pk, CampaignStatus.CLOSED])
    assert client.post(transition_url).status_code == 404
    campaign.refresh_from_db()
    assert campaign.status in {CampaignStatus.DRAFT, CampaignStatus.LAUNCHED}
    # The issuer's standing body does see it.
    if which == "draft_above":
        detail = client_for("standing").get(reverse("campaigns:detail", args=[campaign.pk]))
        assert detail.status_code == 200


# ---- blocks: by authority, by membership, by heading ---------------------------------------


def test_blocks_are_seen_by_members_and_heads_only(org, users, other_city, client_for):
    own_block, foreign_block = org["block"], other_city["block"]
    officer_b = users["officer_b"]  # ward B is a member of the city's block, not its head
    assert list(Block.objects.for_user(officer_b)) == [own_block]
    assert list(Block.objects.for_user(officer_b, "change")) == [own_block]
    assert list(Block.objects.for_user(users["council"], "change")) == []
    client = client_for("officer_b")
    assert client.get(reverse("org:block", args=[own_block.pk])).status_code == 200
    assert client.get(reverse("org:block", args=[foreign_block.pk])).status_code == 404


def test_a_block_member_counted_once(org, users):
    """Two members of the scope in one block do not repeat the block."""
    standing = users["standing"]
    assert Block.objects.for_user(standing).filter(pk=org["block"].pk).count() == 1


# ---- registrations: the block head reads the block's registrations ------------------------


@pytest.fixture
def registrations(org, other_city):
    campaign = _campaign(org["province"], CampaignStatus.RUNNING)
    ward_b = Registration.objects.create(
        campaign=campaign,
        unit=org["ward_b"],
        block=org["block"],
        status=RegistrationStatus.SUBMITTED,
    )
    foreign = Registration.objects.create(
        campaign=campaign, unit=other_city["ward"], block=other_city["block"]
    )
    indicator = Indicator.objects.create(registration=ward_b, name="Hộ nghèo giảm", target=2)
    return {"ward_b": ward_b, "foreign": foreign, "indicator": indicator}


def test_block_head_reads_the_blocks_registrations_but_changes_none(org, users, registrations):
    block_head, officer_a = users["block_head"], users["officer_a"]
    ward_b = registrations["ward_b"]
    assert list(Registration.objects.for_user(block_head)) == [ward_b]
    assert list(Registration.objects.for_user(block_head, "change")) == []
    assert list(Indicator.objects.for_user(block_head)) == [registrations["indicator"]]
    assert list(Registration.objects.for_user(officer_a)) == []
    assert list(Indicator.objects.for_user(officer_a)) == []


def test_forged_registration_requests_get_404(users, registrations, client_for):
    ward_b, foreign = registrations["ward_b"], registrations["foreign"]
    officer = client_for("officer_a")
    assert officer.get(reverse("registrations:detail", args=[ward_b.pk])).status_code == 404
    block_head = client_for("block_head")
    assert block_head.get(reverse("registrations:detail", args=[ward_b.pk])).status_code == 200
    assert block_head.get(reverse("registrations:detail", args=[foreign.pk])).status_code == 404
