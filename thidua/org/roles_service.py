"""Granting and revoking roles: the one way to write a `RoleAssignment`, with its own rule.

A role is power over a unit's subtree, so who may hand it out is itself a permission:

- the system administrator (role `admin` or superuser) may grant and revoke any role on
  any unit;
- the standing body serving an authority may grant, on units inside that authority's
  subtree only:
  - unit officer, unit head — on any unit of the subtree (its own included);
  - block head — likewise, unless the unit heads a block organised by an authority outside
    the subtree (a block head sees the block's members, which would reach other units);
  - council member — on an authority of the subtree (its own council included): the role
    is read-only;
  - standing body — only on an authority strictly below its own (a city's Phòng Nội vụ
    sets up the ward officers), never on its own unit or beside or above it, so no one
    multiplies or widens the power they hold;
  - never chairman (who signs decisions: separation of duties between the body that
    prepares and the one that signs) nor system administrator;
- nobody else grants anything; a non-administrator never grants or revokes their own roles;
- revoking follows the same rule as granting the assignment being revoked.

Every grant and revoke writes an audit event inside the transaction that made it.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from thidua.core import audit
from thidua.core.permissions import scope_for
from thidua.core.roles import Role

from .models import Block, RoleAssignment, Unit

# Roles a standing body may grant anywhere in its subtree, its own unit included.
SUBTREE_GRANTABLE = {Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.BLOCK_HEAD, Role.COUNCIL_MEMBER}
# Roles only the system administrator grants.
ADMIN_ONLY = {Role.CHAIRMAN, Role.ADMIN}
# Roles that only make sense at an authority (a level of government with a council).
AUTHORITY_ONLY = {Role.STANDING_BODY, Role.COUNCIL_MEMBER, Role.CHAIRMAN}


def _standing_body_units(actor) -> list[Unit]:
    today = date.today()
    return [
        a.unit
        for a in RoleAssignment.objects.filter(user=actor, role=Role.STANDING_BODY)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("unit")
    ]


def check_grant(actor, user, role: str, unit: Unit) -> None:
    """Raise PermissionDenied (Vietnamese) unless `actor` may give `role` on `unit` to `user`."""
    role = Role(role)
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied("Bạn cần đăng nhập để phân quyền.")
    if scope_for(actor).is_global:
        return
    if role in ADMIN_ONLY:
        raise PermissionDenied(
            f"Chỉ quản trị hệ thống được giao vai trò “{role.label}”; "
            "cơ quan thường trực không giao được vai trò này."
        )
    if user.pk == actor.pk:
        raise PermissionDenied("Không thể tự giao hoặc thu hồi vai trò của chính mình.")
    own_units = _standing_body_units(actor)
    if not own_units:
        raise PermissionDenied(
            "Chỉ cơ quan thường trực (Nội vụ) và quản trị hệ thống được phân quyền."
        )
    for own in own_units:
        lineage = own.lineage_paths()
        inside = any(unit.path.startswith(p) for p in lineage)
        if not inside:
            continue
        if role == Role.BLOCK_HEAD and _heads_blocks_outside(unit, lineage):
            continue
        if role in SUBTREE_GRANTABLE:
            return
        if role == Role.STANDING_BODY and unit.path not in lineage:
            return
    if role == Role.STANDING_BODY:
        raise PermissionDenied(
            "Cơ quan thường trực chỉ giao vai trò “Cơ quan thường trực” cho cấp chính quyền "
            f"trực thuộc, không giao tại {unit.name} (cùng cấp, cấp trên hoặc ngoài phạm vi)."
        )
    if role == Role.BLOCK_HEAD and any(
        any(unit.path.startswith(p) for p in own.lineage_paths()) for own in own_units
    ):
        raise PermissionDenied(
            f"{unit.name} làm trưởng cụm, khối thi đua của cấp trên; vai trò trưởng khối tại "
            "đơn vị này cho xem các đơn vị ngoài phạm vi của bạn, do quản trị hệ thống giao."
        )
    raise PermissionDenied(f"{unit.name} nằm ngoài phạm vi đơn vị của bạn; không thể phân quyền.")


def _heads_blocks_outside(unit: Unit, lineage: list[str]) -> bool:
    """Whether `unit` heads a block organised outside `lineage` (a block head sees the
    block's member units, so the role would reach beyond the granter's subtree)."""
    inside = Q(pk__in=[])
    for p in lineage:
        inside |= Q(authority__path__startswith=p)
    return Block.objects.filter(head=unit).exclude(inside).exists()


def validate_assignment(user, role: str, unit: Unit, valid_from, valid_to) -> None:
    errors = {}
    if not user.is_active:
        errors["user"] = f"Tài khoản {user.get_username()} đã bị khóa."
    if role in AUTHORITY_ONLY and not unit.is_authority:
        errors["unit"] = (
            f"Vai trò “{Role(role).label}” chỉ giao tại cấp chính quyền; {unit.name} không phải."
        )
    if not unit.is_active():
        errors["unit"] = f"{unit.name} đã ngừng hoạt động; không thể phân quyền tại đơn vị này."
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = "Ngày hết hiệu lực phải sau ngày bắt đầu."
    if errors:
        raise ValidationError(errors)


def _forget_scope(user) -> None:
    if hasattr(user, "_thidua_scope"):
        del user._thidua_scope


@transaction.atomic
def grant_role(
    actor,
    user,
    role: str,
    unit: Unit,
    *,
    valid_from: date | None = None,
    valid_to: date | None = None,
    reason: str = "",
) -> RoleAssignment:
    """Give `user` the `role` on `unit`, if `actor` may; audited."""
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    check_grant(actor, user, role, unit)
    validate_assignment(user, role, unit, valid_from, valid_to)
    if RoleAssignment.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationError(
            f"{user.get_username()} đã có vai trò “{Role(role).label}” tại {unit.name}."
        )
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(
                user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
            )
    except IntegrityError as exc:  # a concurrent grant of the same role
        raise ValidationError(
            f"{user.get_username()} đã có vai trò “{Role(role).label}” tại {unit.name}."
        ) from exc
    audit.record(
        assignment,
        "role_granted",
        actor,
        unit=unit,
        to_state=role,
        reason=reason,
        data={
            "user": user.get_username(),
            "user_name": audit.person_name(user),
            "user_id": user.pk,
            "role": role,
            "unit_id": unit.pk,
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_to": valid_to.isoformat() if valid_to else None,
        },
    )
    _forget_scope(user)
    return assignment


@transaction.atomic
def revoke_role(actor, assignment: RoleAssignment, *, reason: str = "") -> None:
    """Remove one role assignment, if `actor` could have granted it; audited."""
    assignment = (
        RoleAssignment.objects.select_for_update()
        .select_related("user", "unit")
        .filter(pk=assignment.pk)
        .first()
    )
    if assignment is None:
        raise ValidationError("Phân quyền này không còn tồn tại.")
    check_grant(actor, assignment.user, assignment.role, assignment.unit)
    audit.record(
        assignment,
        "role_revoked",
        actor,
        unit=assignment.unit,
        from_state=assignment.role,
        reason=reason,
        data={
            "user": assignment.user.get_username(),
            "user_name": audit.person_name(assignment.user),
            "user_id": assignment.user_id,
            "role": assignment.role,
            "unit_id": assignment.unit_id,
        },
    )
    assignment.delete()
    _forget_scope(assignment.user)


def grantable_roles(actor) -> list[tuple[str, str]]:
    """The roles `actor` may hand out somewhere (for forms)."""
    if scope_for(actor).is_global:
        return list(Role.choices)
    if not _standing_body_units(actor):
        return []
    return [(r.value, r.label) for r in Role if r not in ADMIN_ONLY]


def grantable_units(actor):
    """Units on which `actor` may grant at least one role."""
    if scope_for(actor).is_global:
        return Unit.objects.active()
    q = Q(pk__in=[])
    for own in _standing_body_units(actor):
        for p in own.lineage_paths():
            q |= Q(path__startswith=p)
    return Unit.objects.active().filter(q)


def move_roles_on_merge(predecessor: Unit, successor: Unit, effective: date, actor=None) -> int:
    """The people who act for `predecessor` act for `successor` from `effective`: each role
    still valid then ends the day before and starts again at the successor (unless the user
    already has it there). Part of the merge (org.services.merge_units), audited; returns
    how many roles moved."""
    from datetime import timedelta

    moved = 0
    current = (
        RoleAssignment.objects.select_for_update()
        .filter(unit=predecessor)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=effective))
        .select_related("user")
    )
    for old in current:
        if not RoleAssignment.objects.filter(user=old.user, unit=successor, role=old.role).exists():
            RoleAssignment.objects.create(
                user=old.user,
                unit=successor,
                role=old.role,
                valid_from=max(effective, old.valid_from) if old.valid_from else effective,
                valid_to=old.valid_to,
            )
        if old.valid_from and old.valid_from >= effective:
            old.delete()
        else:
            old.valid_to = effective - timedelta(days=1)
            old.save(update_fields=["valid_to"])
        audit.record(
            old.user,
            "org.role.moved",
            actor,
            unit=successor,
            to_state=old.role,
            data={
                "user_id": old.user_id,
                "user_name": audit.person_name(old.user),
                "role": old.role,
                "from_unit": predecessor.pk,
                "to_unit": successor.pk,
                "effective": effective.isoformat(),
            },
        )
        _forget_scope(old.user)
        moved += 1
    return moved
