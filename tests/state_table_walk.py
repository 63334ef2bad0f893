"""Walking a state table: every listed move works, every other source state is refused.

Each app's `tests/<app>/test_state_table.py` parametrises `every_move_from_every_state`
over its table and builds a saved object in the given state; `walk` then either makes
the move (the target is stored and audited with the move's action) or checks that the
table refuses it in Vietnamese and changes nothing.
"""

import pytest

from thidua.core.models import AuditEvent
from thidua.core.states import StateTable, TransitionError


def every_move_from_every_state(table: StateTable) -> list:
    return [
        pytest.param(move.action, state, id=f"{move.action}-from-{state}")
        for move in table.moves
        for state in table.states
    ]


def walk(table: StateTable, obj, action: str, actor=None) -> None:
    move = table.move(action)
    state = getattr(obj, table.field_name)
    audit_action = f"{table.audit_prefix}.{action}"
    events = AuditEvent.objects.filter(action=audit_action, object_id=str(obj.pk))
    if state in move.sources:
        table.apply(obj, action, actor, reason="đi thử bảng trạng thái")
        obj.refresh_from_db()
        assert getattr(obj, table.field_name) == move.target
        event = events.get()
        assert (event.from_state, event.to_state) == (state, move.target)
        assert event.reason == "đi thử bảng trạng thái"
        return
    with pytest.raises(TransitionError) as refused:
        table.apply(obj, action, actor)
    assert refused.value.messages == [
        f"Không thể «{move.label}» {table.noun} đang ở trạng thái «{table.label_of(state)}»."
    ]
    obj.refresh_from_db()
    assert getattr(obj, table.field_name) == state
    assert not events.exists()
