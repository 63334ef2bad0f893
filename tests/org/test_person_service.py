"""Adding or editing a person goes through `org.services.save_person`: the person, their
first membership and the audit entry are saved together, or nothing is."""

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.org import services
from thidua.org.models import Membership, Person

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "full_name": "Hoàng Thị Mai",
    "gender": "nu",
    "category": "cong_chuc",
    "position": "Công chức Văn phòng - Thống kê",
    "ethnicity": "Tày",
}


def test_adding_a_person_through_the_page_saves_person_membership_and_audit(org, users, client_for):
    response = client_for("officer_a").post(
        reverse("org:person_add"), {**NEW_PERSON, "unit": org["ward_a"].pk}
    )
    person = Person.objects.get(full_name="Hoàng Thị Mai")
    assert response.status_code == 302 and response.url == reverse("org:person", args=[person.pk])
    membership = Membership.objects.get(person=person)
    assert (membership.unit, membership.position) == (org["ward_a"], NEW_PERSON["position"])
    event = AuditEvent.objects.get(action="org.person.created", object_id=str(person.pk))
    assert (event.actor, event.unit) == (users["officer_a"], org["ward_a"])


def test_editing_audits_the_update_without_a_second_membership(org, users):
    person = services.save_person(Person(unit=org["ward_a"], **NEW_PERSON), users["officer_a"])
    person.phone = "0209 3870 000"
    services.save_person(person, users["officer_a"])
    assert Membership.objects.filter(person=person).count() == 1
    assert AuditEvent.objects.filter(action="org.person.updated", object_id=str(person.pk)).exists()


def test_a_failure_half_way_saves_nothing(org, users, monkeypatch):
    persons_before, memberships_before = Person.objects.count(), Membership.objects.count()

    def audit_store_down(*args, **kwargs):
        raise RuntimeError("nhật ký không ghi được")

    monkeypatch.setattr(services.audit, "record", audit_store_down)
    with pytest.raises(RuntimeError, match="nhật ký"):
        services.save_person(Person(unit=org["ward_a"], **NEW_PERSON), users["officer_a"])
    assert Person.objects.count() == persons_before
    assert Membership.objects.count() == memberships_before
    assert not Person.objects.filter(full_name="Hoàng Thị Mai").exists()
