"""The campaign state table, walked: every listed move works, every other is refused."""

import pytest

from tests.state_table_walk import every_move_from_every_state, walk
from thidua.campaigns import services
from thidua.campaigns.enums import CampaignStatus
from thidua.campaigns.models import Campaign
from thidua.campaigns.states import CAMPAIGN, action_to
from thidua.core.states import TransitionError


@pytest.mark.parametrize(("action", "state"), every_move_from_every_state(CAMPAIGN))
def test_walk_the_campaign_table(org, users, action, state):
    campaign = Campaign.objects.create(issuer=org["city"], title="Thi đua thử", status=state)
    walk(CAMPAIGN, campaign, action, users["standing"])


def test_every_state_but_draft_is_reached_and_only_running_by_two_moves():
    """ "running" is reached by starting a launched campaign and by reopening a closed one
    (issue 15.12); every other state by exactly one move."""
    targets = [move.target for move in CAMPAIGN.moves]
    assert sorted(targets) == sorted(
        [*(set(CampaignStatus) - {CampaignStatus.DRAFT}), CampaignStatus.RUNNING]
    )
    assert action_to(CampaignStatus.CLOSED) == "closed"
    assert action_to(CampaignStatus.RUNNING, CampaignStatus.LAUNCHED) == "started"
    assert action_to(CampaignStatus.RUNNING, CampaignStatus.CLOSED) == "reopened"
    assert action_to(CampaignStatus.DRAFT) is None


def test_the_service_refuses_through_the_table_and_keeps_its_guards(org, users):
    campaign = Campaign.objects.create(
        issuer=org["city"], title="Thi đua thử", status=CampaignStatus.CLOSED
    )
    with pytest.raises(TransitionError, match="«Phát động» phong trào .* «Đã kết thúc»"):
        services.transition(campaign, CampaignStatus.LAUNCHED, users["standing"])
    draft = Campaign.objects.create(issuer=org["city"], title="Chưa có thời gian")
    with pytest.raises(services.CampaignError, match="còn thiếu ngày bắt đầu"):
        services.transition(draft, CampaignStatus.LAUNCHED, users["standing"])
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.DRAFT
