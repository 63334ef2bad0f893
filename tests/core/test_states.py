"""The generic state table: listed moves work and are audited, others are refused in Vietnamese."""

import pytest
from django.db import models

from thidua.core.models import AuditEvent
from thidua.core.states import Move, StateTable, TransitionError
from thidua.org.enums import UnitKind
from thidua.org.models import Unit


class Light(models.TextChoices):
    # Reuses Unit.kind as the "state" so the table runs against a real saved row.
    PROVINCE = UnitKind.PROVINCE, "Tỉnh"
    CITY = UnitKind.CITY, "Thành phố"
    WARD = UnitKind.WARD, "Phường"


TABLE = StateTable(
    audit_prefix="tests.unit",
    labels=Light,
    noun="đơn vị",
    field_name="kind",
    moves=[
        Move("shrink", {Light.PROVINCE}, Light.CITY, "Thu nhỏ", who="quản trị"),
        Move("shrink_more", {Light.CITY}, Light.WARD, "Thu nhỏ nữa", may=lambda a, o: a == "ok"),
    ],
)


@pytest.fixture
def unit(db):
    return Unit.objects.create(code="X", name="Tỉnh X", kind=UnitKind.PROVINCE)


def test_listed_move_changes_saves_and_audits(unit):
    TABLE.apply(unit, "shrink", None, reason="thử")
    unit.refresh_from_db()
    assert unit.kind == UnitKind.CITY
    event = AuditEvent.objects.get(action="tests.unit.shrink")
    assert (event.from_state, event.to_state, event.reason) == ("province", "city", "thử")


def test_unlisted_source_is_refused_in_vietnamese_and_changes_nothing(unit):
    with pytest.raises(
        TransitionError, match="Không thể «Thu nhỏ nữa» đơn vị đang ở trạng thái «Tỉnh»"
    ):
        TABLE.apply(unit, "shrink_more", "ok")
    unit.refresh_from_db()
    assert unit.kind == UnitKind.PROVINCE
    assert not AuditEvent.objects.filter(action__startswith="tests.unit").exists()


def test_predicate_is_enforced(unit):
    TABLE.apply(unit, "shrink")
    with pytest.raises(TransitionError, match="không có quyền"):
        TABLE.apply(unit, "shrink_more", "nope")
    assert TABLE.can(unit, "shrink_more", "ok") and not TABLE.can(unit, "shrink_more", "nope")


def test_table_rejects_unknown_states_and_duplicate_actions():
    with pytest.raises(ValueError, match="trạng thái lạ"):
        StateTable(
            audit_prefix="x", labels=Light, noun="x", moves=[Move("a", {"zzz"}, Light.CITY, "A")]
        )
    with pytest.raises(ValueError, match="cùng tên"):
        StateTable(
            audit_prefix="x",
            labels=Light,
            noun="x",
            moves=[
                Move("a", {Light.CITY}, Light.WARD, "A"),
                Move("a", {Light.WARD}, Light.CITY, "A"),
            ],
        )
