"""Scoping through the unit tree: who sees and changes which units and persons."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from thidua.core.permissions import can, get_for_user_or_404, scope_for
from thidua.org.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_unit_officer_sees_own_ward_and_its_subtree_only(org, users):
    visible = set(Unit.objects.for_user(users["officer_a"]).values_list("code", flat=True))
    assert visible == {"WA", "WA1", "HTXA"}


def test_standing_body_sees_whole_city(org, users):
    visible = set(Unit.objects.for_user(users["standing"]).values_list("code", flat=True))
    assert visible == {"C", "WA", "WB", "WA1", "WB1", "HTXA", "PNV", "PGD"}


def test_council_member_reads_city_but_changes_nothing(org, users):
    council = users["council"]
    assert Unit.objects.for_user(council).filter(code="WB").exists()
    assert not Unit.objects.for_user(council, "change").exists()


def test_block_head_reads_block_members_but_cannot_change_them(org, users):
    bh = users["block_head"]
    assert set(
        Unit.objects.for_user(bh).filter(code__in=["WA", "WB"]).values_list("code", flat=True)
    ) == {"WA", "WB"}
    assert not Person.objects.for_user(bh, "change").filter(unit=org["ward_b"]).exists()


def test_user_without_roles_sees_nothing(org, users):
    assert not Unit.objects.for_user(users["nobody"]).exists()
    assert scope_for(users["nobody"]).view_paths == []


def test_other_units_person_is_not_found_by_guessing_id(org, users):
    with pytest.raises(Http404):
        get_for_user_or_404(Person.objects, users["officer_a"], pk=org["person_b"].pk)


def test_read_only_role_gets_403_on_change(org, users):
    with pytest.raises(PermissionDenied):
        get_for_user_or_404(Person.objects, users["council"], "change", pk=org["person_b"].pk)


def test_can_checks_object_against_scope(org, users):
    assert can(users["officer_a"], "change", org["person_a"])
    assert not can(users["officer_a"], "view", org["person_b"])


def test_superuser_sees_everything(org):
    from tests.conftest import make_user

    root = make_user("root", is_superuser=True)
    assert Unit.objects.for_user(root).count() == Unit.objects.count()


def test_merged_units_are_found_under_successor(org, users):
    from datetime import date

    from tests.conftest import make_user
    from thidua.core.roles import Role
    from thidua.org.services import merge_units

    new_ward = Unit.objects.create(
        code="WN", name="Phường Bắc Kạn", kind="ward", parent=org["province"]
    )
    merge_units(
        [org["ward_a"], org["ward_b"]], new_ward, date(2025, 7, 1), legal_basis="NQ 202/2025/QH15"
    )
    officer = make_user("officer_new", Role.UNIT_OFFICER, new_ward)
    visible = set(Unit.objects.for_user(officer).values_list("code", flat=True))
    assert {"WN", "WA", "WB", "WA1", "WB1", "HTXA"} <= visible
    assert Person.objects.for_user(officer).filter(pk=org["person_b"].pk).exists()
