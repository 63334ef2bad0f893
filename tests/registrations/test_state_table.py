"""The registration state table, walked: every listed move works, every other is refused."""

import pytest

from tests.state_table_walk import every_move_from_every_state, walk
from thidua.campaigns.enums import CampaignStatus
from thidua.campaigns.models import Campaign
from thidua.registrations.models import Registration
from thidua.registrations.states import REGISTRATION


@pytest.mark.parametrize(("action", "state"), every_move_from_every_state(REGISTRATION))
def test_walk_the_registration_table(org, users, action, state):
    campaign = Campaign.objects.create(
        issuer=org["city"], title="Thi đua thử", status=CampaignStatus.RUNNING
    )
    registration = Registration.objects.create(
        campaign=campaign, unit=org["ward_a"], block=org["block"], status=state
    )
    walk(REGISTRATION, registration, action, users["block_head"])
