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

from django.db import connection

from thidua.core.permissions import Scope
from thidua.core.roles import Role

from .models import Block, BlockMember, RoleAssignment, Unit

READ_ONLY_ROLES = {Role.COUNCIL_MEMBER, Role.BLOCK_HEAD}


def build_scope(user) -> Scope:
    """The scope of an authenticated user, from the role assignments valid today: one
    query (the assignments with the lineage of each unit through a recursive CTE, and the
    blocks a block head's unit heads with their member units)."""
    scope = Scope(is_global=user.is_superuser)
    today = date.today()
    view, change = [], []
    with connection.cursor() as cursor:
        cursor.execute(
            _SCOPE_SQL,
            [user.pk, today, today, today.year - 1, Role.BLOCK_HEAD, user.pk, today, today],
        )
        rows = cursor.fetchall()
    for role, unit_id, path, block_id, path_of in rows:
        scope.roles.setdefault(role, set()).add(unit_id)
        if path_of == unit_id and block_id is None:
            scope.unit_paths[unit_id] = path
        if role == Role.ADMIN:
            scope.is_global = True
        if block_id is not None:
            scope.block_ids.add(block_id)
        if not path:
            continue
        view.append(path)
        if block_id is None and role not in READ_ONLY_ROLES:
            change.append(path)
    scope.view_paths = minimal_paths(view)
    scope.change_paths = minimal_paths(change)
    return scope


def _scope_sql() -> str:
    ra = RoleAssignment._meta.db_table
    unit = Unit._meta.db_table
    block = Block._meta.db_table
    member = BlockMember._meta.db_table
    valid = (
        "(ra.valid_from IS NULL OR ra.valid_from <= %s) "
        "AND (ra.valid_to IS NULL OR ra.valid_to >= %s)"
    )
    # Rows: (role, unit, a path the role sees, the block when the path is a block member's,
    # the unit whose path it is).
    # A unit's lineage: the unit and every unit merged into it, recursively (UNION: once).
    return f"""
        WITH RECURSIVE lineage(assignment_id, unit_id, path) AS (
            SELECT ra.id, u.id, u.path FROM {ra} ra JOIN {unit} u ON u.id = ra.unit_id
            WHERE ra.user_id = %s AND {valid}
            UNION
            SELECT l.assignment_id, p.id, p.path
            FROM lineage l JOIN {unit} p ON p.successor_id = l.unit_id
        )
        SELECT ra.role, ra.unit_id, l.path, NULL, l.unit_id
        FROM lineage l JOIN {ra} ra ON ra.id = l.assignment_id
        UNION ALL
        SELECT ra.role, ra.unit_id, mu.path, b.id, mu.id
        FROM {ra} ra
        JOIN {block} b ON b.head_id = ra.unit_id AND b.year >= %s
        LEFT JOIN {member} m ON m.block_id = b.id
        LEFT JOIN {unit} mu ON mu.id = m.unit_id
        WHERE ra.role = %s AND ra.user_id = %s AND {valid}
    """  # noqa: S608 — table names from the models' meta, values as parameters


_SCOPE_SQL = _scope_sql()


def minimal_paths(paths: list[str]) -> list[str]:
    """Drop paths already covered by a shorter prefix."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result
