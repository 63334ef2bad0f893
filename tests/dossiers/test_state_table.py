"""Walk the dossier's state table: from every state, every move either works (lands in its
target and is audited) or is refused with a Vietnamese TransitionError, changing nothing."""

import pytest

from tests.state_table_walk import every_move_from_every_state, walk
from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.models import Dossier
from thidua.dossiers.states import DOSSIER


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


@pytest.mark.parametrize(("action", "state"), every_move_from_every_state(DOSSIER))
def test_every_move_from_every_state(org, users, state, action):
    dossier = make_dossier(org, state)
    walk(DOSSIER, dossier, action, users["standing"])
    if state in DOSSIER.move(action).sources:
        assert dossier.status_changed_at is not None
