"""API for units, persons, blocks and users, scoped like the pages."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from thidua.core import audit
from thidua.core.permissions import get_for_user_or_404, scope_for
from thidua.core.schema import CleanStr, Id, Year

from .enums import Gender, PersonCategory
from .models import Block, Membership, Person, RoleAssignment, Unit

router = Router(tags=["Tổ chức"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    valid_from: date | None
    valid_to: date | None
    successor_id: int | None


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    birth_date: date | None
    ethnicity: str
    category: str
    position: str
    is_direct_worker: bool
    unit_id: int


class PersonIn(Schema):
    full_name: CleanStr = Field(min_length=2, max_length=120)
    gender: Gender
    birth_date: date | None = None
    ethnicity: CleanStr = "Kinh"
    category: PersonCategory
    position: CleanStr = ""
    is_direct_worker: bool = False
    citizen_id: CleanStr | None = Field(default=None, pattern=r"^\d{12}$")
    personnel_code: CleanStr | None = None
    unit_id: Id


class BlockOut(Schema):
    id: int
    year: int
    name: str
    level: str
    authority_id: int
    head_id: int | None
    deputy_id: int | None
    member_ids: list[int]


class RoleOut(Schema):
    role: str
    unit_id: int
    unit_name: str


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    roles: list[RoleOut]


@router.get("/units", response=list[UnitOut])
@paginate
def list_units(request, q: CleanStr = "", kind: CleanStr = ""):
    units = Unit.objects.for_user(request.auth).search(q)
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("path")


@router.get("/units/{unit_id}", response=UnitOut)
def get_unit(request, unit_id: Id):
    return get_for_user_or_404(Unit.objects, request.auth, pk=unit_id)


@router.get("/persons", response=list[PersonOut])
@paginate
def list_persons(request, q: CleanStr = "", unit_id: Id | None = None):
    persons = Person.objects.for_user(request.auth).search(q)
    if unit_id:
        persons = persons.filter(unit_id=unit_id)
    return persons.vietnamese_order()


@router.get("/persons/{person_id}", response=PersonOut)
def get_person(request, person_id: Id):
    return get_for_user_or_404(Person.objects, request.auth, pk=person_id)


@router.post("/persons", response={201: PersonOut, 409: dict})
def create_person(request, payload: PersonIn):
    unit = get_for_user_or_404(Unit.objects, request.auth, "change", pk=payload.unit_id)
    data = payload.dict()
    for key in ("citizen_id", "personnel_code"):
        if data.get(key) and Person.objects.filter(**{key: data[key]}).exists():
            return 409, {
                "detail": f"Đã có cá nhân với {'số CCCD' if key == 'citizen_id' else 'mã cán bộ'} này."
            }
    data["unit"] = unit
    data.pop("unit_id")
    with transaction.atomic():
        person = Person.objects.create(**data)
        Membership.objects.create(person=person, unit=unit, position=person.position)
        audit.record(person, "org.person.created", request.auth, unit=unit, data={"via": "api"})
    return Status(201, person)


@router.get("/blocks", response=list[BlockOut])
@paginate
def list_blocks(request, year: Year | None = None):
    blocks = Block.objects.for_user(request.auth).prefetch_related("members")
    if year:
        blocks = blocks.filter(year=year)
    return [
        BlockOut(
            id=b.pk,
            year=b.year,
            name=b.name,
            level=b.level,
            authority_id=b.authority_id,
            head_id=b.head_id,
            deputy_id=b.deputy_id,
            member_ids=[m.unit_id for m in b.members.all()],
        )
        for b in blocks.order_by("-year", "name")
    ]


def _user_out(user) -> UserOut:
    roles = [
        RoleOut(role=a.role, unit_id=a.unit_id, unit_name=a.unit.name)
        for a in user.role_assignments.all()
    ]
    return UserOut(
        id=user.pk,
        username=user.username,
        full_name=user.get_full_name(),
        email=user.email,
        roles=roles,
    )


@router.get("/users/me", response=UserOut)
def me(request):
    return _user_out(request.auth)


@router.get("/users", response=list[UserOut])
def list_users(request):
    """Users holding a role inside the caller's scope (standing body and admins)."""
    scope = scope_for(request.auth)
    if not scope.has_role("standing_body", "admin"):
        return []
    visible_units = Unit.objects.for_user(request.auth).values("pk")
    user_ids = RoleAssignment.objects.filter(unit__in=visible_units).values("user_id")
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .prefetch_related("role_assignments__unit")
        .order_by("username")
    )
    return [_user_out(u) for u in users]


@router.get("/users/{user_id}", response=UserOut)
def get_user(request, user_id: Id):
    visible_units = Unit.objects.for_user(request.auth).values("pk")
    qs = get_user_model().objects.filter(role_assignments__unit__in=visible_units).distinct()
    if user_id == request.auth.pk:
        qs = get_user_model().objects.all()
    return _user_out(get_object_or_404(qs.prefetch_related("role_assignments__unit"), pk=user_id))
