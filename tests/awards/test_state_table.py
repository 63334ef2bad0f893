"""Walk the decision's state table: a draft is signed; a signed decision is amended or
revoked; nothing else, and a refused move changes nothing."""

import pytest

from tests.state_table_walk import every_move_from_every_state, walk
from thidua.awards.models import Decision, DecisionStatus
from thidua.awards.states import DECISION
from thidua.core.models import AuditEvent


def test_the_table_lists_the_decision_life_cycle():
    moves = {move.action: (set(move.sources), move.target) for move in DECISION.moves}
    assert moves == {
        "signed": ({DecisionStatus.DRAFT}, DecisionStatus.SIGNED),
        "amended": ({DecisionStatus.SIGNED}, DecisionStatus.AMENDED),
        "revoked": ({DecisionStatus.SIGNED}, DecisionStatus.REVOKED),
    }


@pytest.mark.parametrize(("action", "state"), every_move_from_every_state(DECISION))
def test_every_move_from_every_state(org, users, state, action):
    decision = Decision.objects.create(
        issuer=org["city"], year=2025, number=7, title="Quyết định thử", status=state
    )
    walk(DECISION, decision, action, users["chairman"])


def test_signing_and_revoking_go_through_the_table(approved_session, users):
    from datetime import date

    from thidua.awards import services

    on = date(2025, 1, 20)
    draft = services.draft_from_session(approved_session, users["standing"], on=on)
    signed = services.sign(draft, users["chairman"])
    assert signed.status == DecisionStatus.SIGNED
    revocation = services.draft_revocation(signed, users["standing"], "Sai đối tượng", on=on)
    services.sign(revocation, users["chairman"])
    signed.refresh_from_db()
    assert signed.status == DecisionStatus.REVOKED
    actions = list(
        AuditEvent.objects.for_object(signed)
        .filter(action__in=["awards.decision.signed", "awards.decision.revoked"])
        .order_by("pk")
        .values_list("action", "from_state", "to_state")
    )
    assert actions == [
        ("awards.decision.signed", "draft", "signed"),
        ("awards.decision.revoked", "signed", "revoked"),
    ]
