"""Persons and collectives entered while proposing an award (thidua.org.people)."""

import pytest

from thidua.core.models import AuditEvent
from thidua.org.enums import UnitKind
from thidua.org.models import Membership, Person, Unit
from thidua.org.people import PersonError, find_or_create_person, new_collective


def test_a_known_citizen_id_returns_the_same_person(org, users):
    found = find_or_create_person(
        users["officer_a"], org["ward_a"], {"full_name": "Tên khác", "citizen_id": "006000000001"}
    )
    assert found == org["person_a"]
    assert Person.objects.filter(citizen_id="006000000001").count() == 1


def test_a_personnel_code_of_someone_else_with_another_citizen_id_is_refused(org, users):
    Person.objects.filter(pk=org["person_a"].pk).update(personnel_code="CB01")
    with pytest.raises(PersonError, match="Mã cán bộ đã thuộc một người có số CCCD khác"):
        find_or_create_person(
            users["officer_a"],
            org["ward_a"],
            {"full_name": "Ai đó", "citizen_id": "006000009999", "personnel_code": "CB01"},
        )


def test_no_identifier_is_refused(org, users):
    with pytest.raises(PersonError, match="Nhập số CCCD hoặc mã cán bộ"):
        find_or_create_person(users["officer_a"], org["ward_a"], {"full_name": "Nông Văn Ba"})


def test_a_new_person_gets_a_membership_and_an_audit_event(org, users):
    person = find_or_create_person(
        users["officer_a"],
        org["ward_a"],
        {"full_name": "  Nông   Văn Ba ", "citizen_id": "006000000777", "gender": "nam"},
    )
    assert (person.full_name, person.unit) == ("Nông Văn Ba", org["ward_a"])
    assert Membership.objects.filter(person=person, unit=org["ward_a"]).exists()
    event = AuditEvent.objects.for_object(person).get(action="org.person.created")
    assert event.data == {"via": "dossier"}


def test_a_new_person_outside_the_proposer_is_refused(org, users):
    with pytest.raises(PersonError, match="phải thuộc đơn vị đề nghị"):
        find_or_create_person(
            users["officer_a"],
            org["ward_a"],
            {"full_name": "Nông Văn Ba", "citizen_id": "006000000778", "unit": org["ward_b"]},
        )
    assert not Person.objects.filter(citizen_id="006000000778").exists()


def test_a_collective_entered_twice_is_one_team_unit(org, users):
    first = new_collective(users["officer_a"], org["ward_a"], "Tổ phụ nữ  số 3")
    again = new_collective(users["officer_a"], org["ward_a"], "tổ phụ nữ số 3")
    assert first == again
    assert (first.kind, first.parent, first.name) == (
        UnitKind.TEAM,
        org["ward_a"],
        "Tổ phụ nữ số 3",
    )
    assert Unit.objects.filter(parent=org["ward_a"], kind=UnitKind.TEAM).count() == 1


def test_a_collective_needs_a_name(org, users):
    with pytest.raises(PersonError, match="Nhập tên tập thể"):
        new_collective(users["officer_a"], org["ward_a"], " a ")
