"""Writes to the organisation: persons, merges and imports, each in one transaction with
audit."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core import audit

from .models import Membership, Person, Unit, UnitMerge


class OrgError(ValidationError):
    pass


@transaction.atomic
def save_person(person: Person, actor) -> Person:
    """Create or update a person; a new person also gets their first membership (unit and
    position). The row, the membership and the audit entry are saved together or not at
    all."""
    created = person.pk is None
    person.save()
    if created:
        Membership.objects.create(person=person, unit=person.unit, position=person.position)
    audit.record(
        person,
        "org.person.created" if created else "org.person.updated",
        actor,
        unit=person.unit,
    )
    return person


@transaction.atomic
def merge_units(
    predecessors: list[Unit],
    successor: Unit,
    effective: date,
    *,
    actor=None,
    legal_basis: str = "",
    move_children: bool = True,
    move_users: bool = True,
) -> Unit:
    """Units A, B… become `successor` on `effective`.

    The old units end the day before and point to the successor; they keep their own
    history (persons, awards, dossiers) and are found under the successor through
    `Unit.lineage_paths`. Active children are moved under the successor when asked, and
    the people acting for an old unit act for the successor from `effective` (their roles
    move, audited) unless `move_users` is False.
    """
    if not predecessors:
        raise OrgError("Cần chọn ít nhất một đơn vị được sáp nhập.")
    locked = list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in predecessors]))
    for unit in locked:
        if unit.pk == successor.pk:
            raise OrgError(f"Không thể sáp nhập {unit.name} vào chính nó.")
        if unit.successor_id:
            raise OrgError(f"{unit.name} đã được sáp nhập vào {unit.successor.name}.")
        if successor.path.startswith(unit.path):
            raise OrgError(f"{successor.name} nằm trong {unit.name}; không thể sáp nhập ngược.")
    if successor.valid_from is None or successor.valid_from > effective:
        successor.valid_from = effective
        successor.save(update_fields=["valid_from"])
    for unit in locked:
        if move_children:
            for child in unit.children.active(effective):
                old_parent = child.parent_id
                child.parent = successor
                child.save()
                audit.record(
                    child,
                    "org.unit.moved",
                    actor,
                    data={"from_parent": old_parent, "to_parent": successor.pk},
                )
        if move_users:
            from .roles_service import move_roles_on_merge

            move_roles_on_merge(unit, successor, effective, actor)
        unit.valid_to = effective - timedelta(days=1)
        unit.successor = successor
        unit.save(update_fields=["valid_to", "successor"])
        UnitMerge.objects.create(
            successor=successor, predecessor=unit, effective_date=effective, legal_basis=legal_basis
        )
        audit.record(
            unit,
            "org.unit.merged",
            actor,
            unit=successor,
            data={
                "successor": successor.pk,
                "effective": effective.isoformat(),
                "legal_basis": legal_basis,
            },
        )
    return successor
