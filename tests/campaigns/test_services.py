from datetime import date

import pytest

from tests.conftest import make_user
from thidua.campaigns import services
from thidua.campaigns.enums import CampaignStatus
from thidua.campaigns.models import Campaign
from thidua.core.models import AuditEvent, Notification
from thidua.core.roles import Role
from thidua.core.states import TransitionError
from thidua.org.models import RoleAssignment, Unit


def _fields(**kw):
    return {
        "title": "Thi đua chào mừng Đại hội",
        "start_date": date(2025, 1, 1),
        "end_date": date(2025, 6, 30),
        **kw,
    }


def test_create_campaign_by_standing_body_writes_audit(org, users):
    c = services.create_campaign(users["standing"], org["city"], **_fields())
    assert c.status == CampaignStatus.DRAFT
    assert (
        AuditEvent.objects.filter(action="campaigns.campaign.created", object_id=str(c.pk)).count()
        == 1
    )


def test_create_campaign_refused_for_unit_officer(org, users):
    with pytest.raises(services.CampaignError, match="Chỉ cơ quan thường trực"):
        services.create_campaign(users["officer_a"], org["city"], **_fields())
    assert not Campaign.objects.exists()


def test_create_campaign_refuses_end_before_start(org, users):
    with pytest.raises(services.CampaignError, match="Ngày kết thúc phải sau"):
        services.create_campaign(
            users["standing"], org["city"], **_fields(end_date=date(2024, 1, 1))
        )
    assert not Campaign.objects.exists()


def test_invalid_rule_is_refused_in_vietnamese_and_nothing_changes(campaign, users):
    before = list(campaign.rules)
    bad = [
        {
            "id": "x",
            "kind": "quota",
            "scope": "per_proposer",
            "match": {"forms": ["khong_co"]},
            "max": 1,
            "label": "tập thể",
        }
    ]
    with pytest.raises(services.CampaignError) as exc:
        services.set_rules(campaign, bad, users["standing"])
    assert "không có hình thức khen thưởng mã “khong_co”" in " ".join(exc.value.messages)
    campaign.refresh_from_db()
    assert campaign.rules == before


def test_set_rules_refuses_duplicate_ids(campaign, users):
    rule = dict(campaign.rules[0])
    with pytest.raises(services.CampaignError, match="trùng"):
        services.set_rules(campaign, [rule, dict(rule)], users["standing"])


def test_launch_sets_time_generates_plan_and_notifies_subtree_only(campaign, users, org):
    outsider_unit = Unit.objects.create(
        code="X", name="Huyện khác", kind="city", parent=org["province"]
    )
    outsider = make_user("outsider", Role.UNIT_OFFICER, outsider_unit)
    launched = services.launch(campaign, users["standing"])
    assert launched.status == CampaignStatus.LAUNCHED
    assert launched.launched_at is not None
    assert launched.plan_docx.name.endswith(".docx")
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert {"officer_a", "officer_b", "edu_officer", "chairman"} <= notified
    assert outsider.username not in notified
    assert "standing" not in notified  # the actor
    ev = AuditEvent.objects.get(action="campaigns.campaign.launched", object_id=str(campaign.pk))
    assert (ev.from_state, ev.to_state) == ("draft", "launched")


def test_full_life_cycle_writes_one_audit_row_per_step(campaign, users):
    actor = users["standing"]
    for step in (services.launch, services.start, services.close, services.summarise):
        step(campaign, actor)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SUMMARISED
    actions = list(
        AuditEvent.objects.filter(object_id=str(campaign.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-4:] == [
        "campaigns.campaign.launched",
        "campaigns.campaign.started",
        "campaigns.campaign.closed",
        "campaigns.campaign.summarised",
    ]


def test_cannot_close_a_draft(campaign, users):
    with pytest.raises(
        TransitionError, match="Không thể «Kết thúc» phong trào đang ở trạng thái «Dự thảo»"
    ):
        services.close(campaign, users["standing"])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT


def test_cannot_launch_twice(campaign, users):
    services.launch(campaign, users["standing"])
    with pytest.raises(TransitionError, match="Không thể «Phát động»"):
        services.launch(campaign, users["standing"])


def test_launch_requires_period(org, users):
    c = services.create_campaign(users["standing"], org["city"], title="Không có thời gian")
    with pytest.raises(services.CampaignError, match="còn thiếu ngày bắt đầu, ngày kết thúc"):
        services.launch(c, users["standing"])
    c.refresh_from_db()
    assert c.status == CampaignStatus.DRAFT and not c.plan_docx


def test_council_member_cannot_launch(campaign, users):
    with pytest.raises(services.CampaignError):
        services.launch(campaign, users["council"])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT


def test_update_refused_after_close(campaign, users):
    services.launch(campaign, users["standing"])
    services.close(campaign, users["standing"])
    with pytest.raises(services.CampaignError, match="đã kết thúc"):
        services.update_campaign(campaign, users["standing"], title="Mới")


def test_update_records_changed_fields(campaign, users):
    services.update_campaign(
        campaign, users["standing"], slogan="Khẩu hiệu mới", title=campaign.title
    )
    ev = AuditEvent.objects.get(action="campaigns.campaign.updated")
    assert ev.data == {"fields": ["slogan"]}


def test_standing_body_of_another_city_cannot_manage(campaign, org):
    other = Unit.objects.create(
        code="TP2", name="Thành phố khác", kind="city", parent=org["province"], is_authority=True
    )
    user = make_user("nv2", Role.STANDING_BODY, other)
    assert services.can_manage(user, campaign.issuer) is False
    RoleAssignment.objects.create(user=user, unit=org["city"], role=Role.STANDING_BODY)
    user = type(user).objects.get(pk=user.pk)
    assert services.can_manage(user, campaign.issuer) is True


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2021", date(2021, 12, 31)),
        ("2021-09", date(2021, 9, 30)),
        ("2022-Q3", date(2022, 9, 30)),
        ("2024-02", date(2024, 2, 29)),
        ("hang_nam", None),
        ("", None),
    ],
)
def test_milestone_date(when, expected):
    assert services.milestone_date(when) == expected
