"""Walk the dossier's state table: from every state, every move either works (lands in its
target and is audited) or is refused with a Vietnamese TransitionError, changing nothing."""

import pytest

from thidua.core.models import AuditEvent
from thidua.core.states import TransitionError
from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.models import Dossier
from thidua.dossiers.states import DOSSIER

PAIRS = [(state, move.action) for state in DOSSIER.states for move in DOSSIER.moves]


def make_dossier(org, status: str) -> Dossier:
    return Dossier.objects.create(
        form_code="giay_khen_chu_tich_huyen",
        kind="dot_xuat",
        proposer=org["ward_a"],
        authority=org["city"],
        title="Hồ sơ thử bảng trạng thái",
        status=status,
    )


def test_the_table_lists_the_life_cycle():
    moves = {move.action: (set(move.sources), move.target) for move in DOSSIER.moves}
    assert moves["submitted"] == ({DossierStatus.DRAFT}, DossierStatus.SUBMITTED)
    assert moves["resubmitted"] == ({DossierStatus.RETURNED}, DossierStatus.RESUBMITTED)
    assert moves["decided"] == (
        {DossierStatus.APPROVED, DossierStatus.DISCLOSED},
        DossierStatus.DECIDED,
    )
    assert DossierStatus.DECIDED not in moves["withdrawn"][0]
    assert all(move.who for move in DOSSIER.moves)


@pytest.mark.parametrize(("state", "action"), PAIRS)
def test_every_move_from_every_state(org, users, state, action):
    dossier = make_dossier(org, state)
    move = DOSSIER.move(action)
    if state in move.sources:
        DOSSIER.apply(dossier, action, users["standing"], reason="thử")
        dossier.refresh_from_db()
        assert dossier.status == move.target
        assert dossier.status_changed_at is not None
        event = AuditEvent.objects.for_object(dossier).get(action=f"dossiers.dossier.{action}")
        assert (event.from_state, event.to_state) == (state, move.target)
    else:
        expected = (
            f"Không thể «{move.label}» hồ sơ đang ở trạng thái «{DossierStatus(state).label}»."
        )
        with pytest.raises(TransitionError) as refused:
            DOSSIER.apply(dossier, action, users["standing"])
        assert refused.value.messages == [expected]
        dossier.refresh_from_db()
        assert dossier.status == state
        assert not AuditEvent.objects.for_object(dossier).exists()
