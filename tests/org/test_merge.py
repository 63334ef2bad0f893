from datetime import date

import pytest

from thidua.core.models import AuditEvent
from thidua.org.models import Unit, UnitMerge
from thidua.org.services import OrgError, merge_units

pytestmark = pytest.mark.django_db


def test_merge_ends_old_units_the_day_before_and_links_successor(org):
    new = Unit.objects.create(code="WN", name="Phường Bắc Kạn", kind="ward", parent=org["city"])
    merge_units([org["ward_a"], org["ward_b"]], new, date(2025, 7, 1))
    a = Unit.objects.get(code="WA")
    assert a.valid_to == date(2025, 6, 30)
    assert a.successor_id == new.pk
    assert UnitMerge.objects.filter(successor=new).count() == 2
    assert AuditEvent.objects.filter(action="org.unit.merged").count() == 2


def test_merge_moves_active_children_and_keeps_history(org):
    new = Unit.objects.create(code="WN", name="Phường Bắc Kạn", kind="ward", parent=org["city"])
    merge_units([org["ward_a"]], new, date(2025, 7, 1))
    village = Unit.objects.get(code="WA1")
    assert village.parent_id == new.pk
    assert village.path.startswith(new.path)
    assert org["person_a"].unit_id == org["ward_a"].pk  # the old ward keeps its people
    assert set(new.subtree().values_list("code", flat=True)) >= {"WN", "WA", "WA1", "HTXA"}


def test_merge_twice_is_refused(org):
    new = Unit.objects.create(code="WN", name="Phường Bắc Kạn", kind="ward", parent=org["city"])
    merge_units([org["ward_a"]], new, date(2025, 7, 1))
    other = Unit.objects.create(code="WM", name="Phường Khác", kind="ward", parent=org["city"])
    with pytest.raises(OrgError, match="đã được sáp nhập"):
        merge_units([Unit.objects.get(code="WA")], other, date(2025, 8, 1))


def test_merge_into_own_descendant_is_refused(org):
    with pytest.raises(OrgError, match="không thể sáp nhập ngược"):
        merge_units([org["ward_a"]], org["village_a"], date(2025, 7, 1))


def test_unit_path_follows_reparenting(org):
    village = org["village_a"]
    village.parent = org["ward_b"]
    village.save()
    village.refresh_from_db()
    assert village.path == f"{org['ward_b'].path}{village.pk:07d}."
    assert village.depth == org["ward_b"].depth + 1
