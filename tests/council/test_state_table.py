"""Walk the council session's state table: planned → open → closed and nothing else."""

from datetime import date

import pytest

from tests.state_table_walk import every_move_from_every_state, walk
from thidua.core.models import AuditEvent
from thidua.core.states import TransitionError
from thidua.council.enums import SessionStatus
from thidua.council.models import CouncilSession
from thidua.council.states import SESSION


def test_the_table_lists_the_session_life_cycle():
    moves = {move.action: (set(move.sources), move.target) for move in SESSION.moves}
    assert moves == {
        "opened": ({SessionStatus.PLANNED}, SessionStatus.OPEN),
        "closed": ({SessionStatus.OPEN}, SessionStatus.CLOSED),
    }


@pytest.mark.parametrize(("action", "state"), every_move_from_every_state(SESSION))
def test_every_move_from_every_state(org, users, state, action):
    session = CouncilSession.objects.create(
        authority=org["city"], title="Phiên họp thử", date=date(2025, 1, 18), status=state
    )
    walk(SESSION, session, action, users["standing"])


def test_the_services_move_through_the_table(org, users, council, campaign, dossiers):
    """A closed session (built by the services) cannot be opened or closed again, and the
    dossiers it decided moved through their own table (council_approved)."""
    from tests.council import builders
    from thidua.council import services

    session = builders.approve_all(org, users, date(2025, 1, 18), campaign)
    assert session.status == SessionStatus.CLOSED
    for action in ("council.session.opened", "council.session.closed"):
        assert AuditEvent.objects.for_object(session).filter(action=action).count() == 1
    with pytest.raises(TransitionError, match="«Kết thúc» phiên họp đang ở trạng thái «Đã kết"):
        services.close_session(session, users["standing"])
    with pytest.raises(TransitionError, match="«Khai mạc» phiên họp đang ở trạng thái «Đã kết"):
        services.open_session(session, users["standing"])
    decided = AuditEvent.objects.filter(action="dossiers.dossier.council_approved")
    assert decided.count() == len(dossiers)
