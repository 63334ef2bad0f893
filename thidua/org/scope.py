"""How a user's role assignments become a `thidua.core.permissions.Scope`.

- unit officer / unit head: their unit and its subtree (a commune also sees the
  villages, enterprises and co-ops under it), read and change;
- standing body, chairman: the whole subtree of the authority they serve, read and
  change (the chairman signs, the standing body prepares);
- council member: the authority's subtree, read only;
- block head: the member units of the blocks their unit heads, read only;
- admin / superuser: everything.

Merged units stay visible from their successor (`Unit.lineage_paths`). `OrgConfig.ready()`
registers `build_scope` with core, whose `scope_for` caches the result per request.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from thidua.core.permissions import Scope
from thidua.core.roles import Role

from .models import Block, RoleAssignment

READ_ONLY_ROLES = {Role.COUNCIL_MEMBER, Role.BLOCK_HEAD}


def build_scope(user) -> Scope:
    """The scope of an authenticated user, from the role assignments valid today."""
    scope = Scope(is_global=user.is_superuser)
    today = date.today()
    assignments = (
        RoleAssignment.objects.filter(user=user)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("unit")
    )
    view, change = [], []
    for assignment in assignments:
        scope.roles.setdefault(assignment.role, set()).add(assignment.unit_id)
        if assignment.role == Role.ADMIN:
            scope.is_global = True
        lineage = assignment.unit.lineage_paths()
        if assignment.role == Role.BLOCK_HEAD:
            blocks = Block.objects.filter(head=assignment.unit, year__gte=today.year - 1)
            scope.block_ids.update(blocks.values_list("pk", flat=True))
            member_paths = blocks.values_list("members__unit__path", flat=True)
            view.extend(path for path in member_paths if path)
            view.extend(lineage)
            continue
        view.extend(lineage)
        if assignment.role not in READ_ONLY_ROLES:
            change.extend(lineage)
    scope.view_paths = minimal_paths(view)
    scope.change_paths = minimal_paths(change)
    return scope


def minimal_paths(paths: list[str]) -> list[str]:
    """Drop paths already covered by a shorter prefix."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result
