"""The demo loader: skips without the seed campaigns, loads seed 004 when present, idempotent."""

from datetime import date

from thidua.campaigns.enums import CampaignStatus, DeadlineKind
from thidua.campaigns.models import Campaign, CampaignDeadline
from thidua.demo_data.seed_rules import SEED_004
from thidua.org import demo as org_demo
from thidua.org.models import Unit
from thidua.registrations import demo
from thidua.registrations.leaders import propose_block_leaders
from thidua.registrations.models import BlockReview, Registration


def test_demo_skips_gracefully_without_the_campaign(db):
    assert demo.load() == {"004": 0, "000": 0}


def test_demo_loads_seed_004_once(db):
    org_demo.load()
    campaign = Campaign.objects.create(
        issuer=Unit.objects.get(code="TP_LC"),
        title="Đợt thi đua 30 năm tái lập tỉnh",
        seed_code="004",
        status=CampaignStatus.RUNNING,
        rules=SEED_004,
        start_date=date(2020, 10, 1),
        end_date=date(2021, 6, 30),
    )
    CampaignDeadline.objects.create(
        campaign=campaign, kind=DeadlineKind.REGISTRATION, label="Đăng ký", date=date(2020, 10, 20)
    )
    assert demo.load()["004"] == 9
    assert demo.load()["004"] == 9  # idempotent
    assert Registration.objects.filter(campaign=campaign, status="forwarded").count() == 9
    assert list(Registration.objects.filter(is_late=True).values_list("unit__code", flat=True)) == [
        "LC_X_VQ"
    ]
    assert BlockReview.objects.filter(campaign=campaign).count() == 1
    [result] = propose_block_leaders(campaign, date(2021, 6, 30))
    assert [r.unit_name for r, _ in result.excluded] == ["Phường Cốc Lếu"]
    assert [r.unit_name for r in result.leaders] == ["Phường Kim Tân"]
