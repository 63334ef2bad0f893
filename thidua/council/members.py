"""Council membership: the standing body adds a member in one step (an existing account or
a new one) with the council role and the login role, audited."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core import audit
from thidua.core.roles import Role
from thidua.org import roles_service
from thidua.org.models import CouncilMember, RoleAssignment, Unit

from .services import CouncilError, _require_secretariat


def temporary_password() -> str:
    """Shown once to the standing body, who hands it to the new member."""
    return f"Td-{secrets.token_urlsafe(9)}"


@transaction.atomic
def add_member(
    actor,
    authority: Unit,
    *,
    role: str,
    title: str = "",
    user=None,
    username: str = "",
    full_name: str = "",
    email: str = "",
    heads_unit: Unit | None = None,
) -> tuple[CouncilMember, str | None]:
    """Seat `user` (or a new account `username`) on `authority`'s council with `role`.

    Returns the member and, for a new account, its temporary password (shown once)."""
    _require_secretariat(authority, actor)
    password = None
    User = get_user_model()
    if user is None:
        username = (username or "").strip()
        if not username or not full_name.strip():
            raise CouncilError("Tài khoản mới cần tên đăng nhập và họ tên.")
        if User.objects.filter(username__iexact=username).exists():
            raise CouncilError(
                f"Tên đăng nhập “{username}” đã có; chọn “Tài khoản có sẵn” hoặc tên khác."
            )
        first, _, last = full_name.strip().rpartition(" ")
        user = User(username=username, first_name=first or last, last_name=last if first else "")
        user.email = email.strip()
        password = temporary_password()
        user.set_password(password)
        user.save()
        audit.record(
            user,
            "council.member.account_created",
            actor,
            unit=authority,
            data={"user": username},
        )
    name = full_name.strip() or user.get_full_name() or user.get_username()
    today = timezone.localdate()
    if (
        CouncilMember.objects.filter(authority=authority, user=user)
        .exclude(valid_to__lt=today)
        .exists()
    ):
        raise CouncilError(f"{name} đã là thành viên Hội đồng của {authority.name}.")
    member = CouncilMember.objects.create(
        authority=authority,
        full_name=name,
        title=title.strip(),
        role=role,
        user=user,
        heads_unit=heads_unit,
        valid_from=today,
    )
    if not RoleAssignment.objects.filter(
        user=user, unit=authority, role=Role.COUNCIL_MEMBER
    ).exists():
        try:
            roles_service.grant_role(
                actor, user, Role.COUNCIL_MEMBER, authority, reason="Thành viên Hội đồng TĐKT"
            )
        except PermissionDenied as exc:
            raise CouncilError(str(exc)) from exc
        except ValidationError as exc:
            raise CouncilError(exc.messages) from exc
    audit.record(
        member,
        "council.member.added",
        actor,
        unit=authority,
        to_state=role,
        data={"member": member.pk, "name": name, "user": user.get_username()},
    )
    return member, password


@transaction.atomic
def end_membership(actor, member: CouncilMember) -> CouncilMember:
    """The member leaves the council from today (kept for the sessions they sat in)."""
    _require_secretariat(member.authority, actor)
    member.valid_to = timezone.localdate()
    member.save(update_fields=["valid_to"])
    audit.record(
        member,
        "council.member.ended",
        actor,
        unit=member.authority,
        data={"member": member.pk, "name": member.full_name},
    )
    return member
