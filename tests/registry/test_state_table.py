"""The certificate batch state table, walked: every listed move works, every other is
refused."""

import pytest

from tests.registry.conftest import make_decision
from tests.state_table_walk import every_move_from_every_state, walk
from thidua.registry.models import CertificateBatch
from thidua.registry.states import CERTIFICATE_BATCH


@pytest.mark.parametrize(("action", "state"), every_move_from_every_state(CERTIFICATE_BATCH))
def test_walk_the_certificate_batch_table(org, action, state):
    batch = CertificateBatch.objects.create(decision=make_decision(org["city"]), status=state)
    walk(CERTIFICATE_BATCH, batch, action)
