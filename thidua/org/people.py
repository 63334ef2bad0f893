"""Persons and collectives entered while proposing an award: one record per human, one
unit per collective. The org app owns persons and units; the dossier services call these."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core import audit
from thidua.core.text import fold

from .enums import UnitKind
from .ethnic import normalise_ethnicity
from .models import Membership, Person, Unit


class PersonError(ValidationError):
    """A person or collective cannot be created or matched; the message is Vietnamese."""


def _ethnicity(text) -> str:
    """The official name of the group typed ("H'Mông" → "Mông"), Kinh when blank."""
    try:
        return normalise_ethnicity(text or "Kinh")
    except ValidationError as exc:
        raise PersonError(exc.messages[0]) from exc


@transaction.atomic
def find_or_create_person(actor, proposer: Unit, data: dict) -> Person:
    """One record per human: match by citizen ID, then personnel code; else create."""
    citizen_id = (data.get("citizen_id") or "").strip() or None
    code = (data.get("personnel_code") or "").strip() or None
    if not citizen_id and not code:
        raise PersonError("Nhập số CCCD hoặc mã cán bộ để không tạo trùng cá nhân.")
    person = None
    if citizen_id:
        person = Person.objects.filter(citizen_id=citizen_id).first()
    if person is None and code:
        person = Person.objects.filter(personnel_code=code).first()
    if person is not None:
        if citizen_id and person.citizen_id and person.citizen_id != citizen_id:
            raise PersonError("Mã cán bộ đã thuộc một người có số CCCD khác.")
        return person
    name = " ".join((data.get("full_name") or "").split())
    if len(name) < 2:
        raise PersonError("Nhập họ và tên người được đề nghị.")
    unit = data.get("unit") or proposer
    if not unit.path.startswith(proposer.path):
        raise PersonError("Cá nhân mới phải thuộc đơn vị đề nghị hoặc đơn vị trực thuộc.")
    category = data.get("category") or "nguoi_lao_dong"
    person = Person.objects.create(
        full_name=name,
        gender=data.get("gender") or "nam",
        birth_date=data.get("birth_date"),
        ethnicity=_ethnicity(data.get("ethnicity")),
        category=category,
        position=data.get("position") or "",
        citizen_id=citizen_id,
        personnel_code=code,
        unit=unit,
        is_direct_worker=Person.default_direct_worker(category),
    )
    Membership.objects.create(person=person, unit=unit, position=person.position)
    audit.record(person, "org.person.created", actor, unit=unit, data={"via": "dossier"})
    return person


@transaction.atomic
def new_collective(actor, proposer: Unit, name: str) -> Unit:
    """A collective entered once is kept as a TEAM unit under the proposer."""
    name = " ".join(name.split())
    if len(name) < 3:
        raise PersonError("Nhập tên tập thể.")
    existing = Unit.objects.filter(
        parent=proposer, kind=UnitKind.TEAM, search_text__startswith=fold(name)
    ).first()
    if existing and fold(existing.name) == fold(name):
        return existing
    code = f"{proposer.code}_TT{Unit.objects.filter(parent=proposer).count() + 1}"
    while Unit.objects.filter(code=code).exists():
        code += "X"
    unit = Unit.objects.create(code=code[:40], name=name, kind=UnitKind.TEAM, parent=proposer)
    audit.record(unit, "org.unit.created", actor, unit=unit, data={"via": "dossier"})
    return unit


ADULT_AGE = 18


def age_on(person, on: date) -> int | None:
    born = getattr(person, "birth_date", None)
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def honorific(person, on: date | None = None) -> str:
    """How documents and lists address `person`: "Em" for a child or a pupil under 18
    (a 16-year-old pupil is "em", never "Bà"), otherwise "Ông" or "Bà" by sex."""
    on = on or date.today()
    age = age_on(person, on)
    if (age is not None and age < ADULT_AGE) or (
        age is None and getattr(person, "category", "") == "hoc_sinh"
    ):
        return "Em"
    return "Bà" if getattr(person, "gender", "") == "nu" else "Ông"


def addressed(person, name: str | None = None, on: date | None = None) -> str:
    """ "Bà Ma Thị Lan", "Em Hoàng Thị Mai" — unless the name already carries a title."""
    name = " ".join((name or getattr(person, "full_name", "") or "").split())
    if name.split(" ", 1)[0] in {"Ông", "Bà", "Em", "Anh", "Chị"}:
        return name
    return f"{honorific(person, on)} {name}"
