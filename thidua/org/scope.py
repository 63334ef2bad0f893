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

import copy
import dataclasses
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from thidua.core.cacheversion import CacheVersion
from thidua.core.permissions import Scope
from thidua.core.roles import Role

from .models import Block, BlockMember, RoleAssignment, Unit

logger = logging.getLogger(__name__)

READ_ONLY_ROLES = {Role.COUNCIL_MEMBER, Role.BLOCK_HEAD}


def build_scope(user) -> Scope:
    """The scope of an authenticated user, from the role assignments valid today: one
    query (the assignments with the lineage of each unit through a recursive CTE, and the
    blocks a block head's unit heads with their member units)."""
    return _read_roles(user)[0]


def _read_roles(user) -> tuple[Scope, list[Unit]]:
    """The scope and the units the user holds a role in (by name, each with its successor),
    in one query."""
    scope = Scope(is_global=user.is_superuser)
    today = date.today()
    view, change = [], []
    with connection.cursor() as cursor:
        cursor.execute(
            _SCOPE_SQL,
            [user.pk, today, today, today.year - 1, Role.BLOCK_HEAD, user.pk, today, today],
        )
        rows = cursor.fetchall()
    units: dict[int, Unit] = {}
    width = len(_UNIT_FIELDS)
    for row in rows:
        role, unit_id, path, block_id, path_of = row[:5]
        if row[5] is not None and row[5] not in units:
            units[row[5]] = _unit(row[5 : 5 + width], row[5 + width :])
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
    return scope, list(units.values())


# The unit columns read with the roles: the unit of each assignment and its successor, as
# `Unit.objects.select_related("successor")` would (values through the fields' converters).
_UNIT_FIELDS = Unit._meta.concrete_fields
_UNIT_NAMES = [f.attname for f in _UNIT_FIELDS]


_converters: dict[str, list] = {}  # per database alias: [(column, its converters)]


def _from_row(values) -> Unit:
    plan = _converters.get(connection.alias)
    if plan is None:
        plan = _converters[connection.alias] = [
            (col, connection.ops.get_db_converters(col) + field.get_db_converters(connection))
            for field in _UNIT_FIELDS
            for col in [field.get_col(Unit._meta.db_table)]
        ]
    converted = []
    for (col, converters), value in zip(plan, values, strict=True):
        if value is not None:
            for converter in converters:
                value = converter(value, col, connection)
        converted.append(value)
    return Unit.from_db(connection.alias, _UNIT_NAMES, converted)


def _unit(values, successor_values) -> Unit:
    unit = _from_row(values)
    unit._state.fields_cache["successor"] = (
        _from_row(successor_values) if successor_values[0] is not None else None
    )
    return unit


def _scope_sql() -> str:
    ra = RoleAssignment._meta.db_table
    unit = Unit._meta.db_table
    block = Block._meta.db_table
    member = BlockMember._meta.db_table
    quote = connection.ops.quote_name
    own = ", ".join(f"o.{quote(f.column)}" for f in _UNIT_FIELDS)
    succ = ", ".join(f"s.{quote(f.column)}" for f in _UNIT_FIELDS)
    nulls = ", ".join(["NULL"] * (2 * len(_UNIT_FIELDS)))
    name_at = 6 + next(i for i, f in enumerate(_UNIT_FIELDS) if f.attname == "name")
    valid = (
        "(ra.valid_from IS NULL OR ra.valid_from <= %s) "
        "AND (ra.valid_to IS NULL OR ra.valid_to >= %s)"
    )
    # Rows: (role, unit, a path the role sees, the block when the path is a block member's,
    # the unit whose path it is, then on the row of the assignment's own unit its columns
    # and its successor's).
    # A unit's lineage: the unit and every unit merged into it, recursively (UNION: once).
    return f"""
        WITH RECURSIVE lineage(assignment_id, unit_id, path) AS (
            SELECT ra.id, u.id, u.path FROM {ra} ra JOIN {unit} u ON u.id = ra.unit_id
            WHERE ra.user_id = %s AND {valid}
            UNION
            SELECT l.assignment_id, p.id, p.path
            FROM lineage l JOIN {unit} p ON p.successor_id = l.unit_id
        )
        SELECT ra.role, ra.unit_id, l.path, NULL, l.unit_id, {own}, {succ}
        FROM lineage l JOIN {ra} ra ON ra.id = l.assignment_id
        LEFT JOIN {unit} o ON o.id = l.unit_id AND l.unit_id = ra.unit_id
        LEFT JOIN {unit} s ON s.id = o.successor_id
        UNION ALL
        SELECT ra.role, ra.unit_id, mu.path, b.id, mu.id, {nulls}
        FROM {ra} ra
        JOIN {block} b ON b.head_id = ra.unit_id AND b.year >= %s
        LEFT JOIN {member} m ON m.block_id = b.id
        LEFT JOIN {unit} mu ON mu.id = m.unit_id
        WHERE ra.role = %s AND ra.user_id = %s AND {valid}
        ORDER BY {name_at}
    """  # noqa: S608 — table and column names from the models' meta, values as parameters


_SCOPE_SQL = _scope_sql()


def minimal_paths(paths: list[str]) -> list[str]:
    """Drop paths already covered by a shorter prefix."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return result


# ---- the seat: user, scope and own units of a signed-in request, in the shared cache -----
#
# `CurrentUnitMiddleware` needs, for every signed-in request, the user row, their scope and
# the units they hold a role in (the current unit with its successor for the header, all of
# them for the switcher). With `settings.SCOPE_CACHE` (on with Redis) they are kept in the
# shared cache per user, read in one round trip with the org version, the user's version
# (and the bell's count, `thidua.core.notify`); an entry counts only under both versions
# and on the day it was built (roles and blocks are dated).
#
# - Every save or delete of a unit, a merge, a block, a block member or a role assignment
#   (`forget_seats`) moves the org version, and every save or delete of a user
#   (`forget_user_seat`) that user's version, at once and again when the transaction
#   commits (`thidua.core.cacheversion`, as for the legal tables): a request that read the
#   old rows meanwhile stored them under a version nobody asks for. Signals connected in `OrgConfig.ready()`;
#   a write that sends no signal (`QuerySet.update`, `bulk_create`) must call them.
# - The cached user row is taken only when the session's password hash verifies against it
#   (an old session after a password change is refused, even without a signal), the user
#   is active and the session names the same backend; otherwise Django reads the user.
# - When the user was read from the database already (`seat_for`), the entry must also
#   hold the same row (superuser, active, password hash, date joined).

_SEAT_SCHEMA = hashlib.sha256(
    repr(
        [
            [f.attname for f in Unit._meta.concrete_fields],
            [f.name for f in dataclasses.fields(Scope)],
            [f.attname for f in get_user_model()._meta.concrete_fields],
        ]
    ).encode()
).hexdigest()[:10]
VERSION_KEY = f"thidua:org:version:{_SEAT_SCHEMA}"
SEATS = CacheVersion("org", VERSION_KEY)
SEAT_SECONDS = 3600  # a safety net only: writes move the version


@dataclass
class Seat:
    """What a signed-in request knows of the org before its view."""

    scope: Scope
    own_ids: list[int]  # the units the user holds a role in, by id
    own_units: list[Unit]  # the same units by name, each with its successor

    def unit(self, pk) -> Unit | None:
        return next((unit for unit in self.own_units if unit.pk == pk), None)


def seat_cache_on() -> bool:
    return bool(getattr(settings, "SCOPE_CACHE", False))


def _seat_key(user_id) -> str:
    return f"thidua:org:seat:{_SEAT_SCHEMA}:{user_id}"


def build_seat(user) -> Seat:
    """From the database, in one query: the scope and the own units."""
    scope, units = _read_roles(user)
    own_ids = sorted({uid for ids in scope.roles.values() for uid in ids})
    return Seat(scope=scope, own_ids=own_ids, own_units=units)


def _user_version_key(user_id) -> str:
    return f"thidua:org:user:{_SEAT_SCHEMA}:{user_id}"


def _stamp(versions) -> tuple:
    return (*versions, date.today().isoformat())


def _same_row(cached, user) -> bool:
    """The user row the entry was built for is the request's (no signal needed for a change
    of the user, and a user id reused after a flush misses)."""
    return cached is not None and all(
        getattr(cached, name) == getattr(user, name)
        for name in ("pk", "is_superuser", "is_active", "password", "date_joined")
    )


def seat_for(user, extra_keys: Sequence[str] = ()) -> tuple[Seat, dict]:
    """The seat of a user already read from the database, and the values found for
    `extra_keys` when it came from the shared cache (read in the same round trip). The scope
    is also set on the user (`scope_for`)."""
    extra: dict = {}
    if not seat_cache_on() or SEATS.writing():
        seat = build_seat(user)
    else:
        found, versions = _read(user.pk, extra_keys)
        extra = {k: found[k] for k in extra_keys if k in found}
        entry = found.get(_seat_key(user.pk))
        if _fresh(entry, versions) and _same_row(entry[1], user):
            seat = entry[3]
        else:
            seat = _store(user, None, versions)
    user._thidua_scope = seat.scope
    return seat, extra


def request_seat(request, extra_keys: Sequence[str] = ()) -> tuple[Seat | None, dict]:
    """The signed-in user of the request and their seat, with the values of `extra_keys`.

    With the seat cache on and `request.user` not read yet (`AuthenticationMiddleware`
    leaves it lazy), the user row comes from the same cache entry, in the same round trip:
    the entry is taken only when the session names that user through the same backend and
    its password hash verifies (`django.contrib.auth.get_user`'s check) and the user is
    active; on any doubt Django reads the user (and may sign the session out). Every save or
    delete of a user moves their version (`forget_user_seat`). Returns (None, ...) for an
    anonymous request; sets `request.user`."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth import get_user as django_get_user
    from django.utils.crypto import constant_time_compare
    from django.utils.functional import SimpleLazyObject, empty

    lazy = request.user
    if (
        not seat_cache_on()
        or SEATS.writing()
        or not isinstance(lazy, SimpleLazyObject)
        or lazy._wrapped is not empty
    ):
        user = request.user
        return seat_for(user, extra_keys) if user.is_authenticated else (None, {})
    try:
        user_id = get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])
        backend = request.session[BACKEND_SESSION_KEY]
    except (KeyError, ValueError, TypeError):
        user_id = backend = None
    if user_id is None or backend not in settings.AUTHENTICATION_BACKENDS:
        request.user = django_get_user(request)
        user = request.user
        return seat_for(user, extra_keys) if user.is_authenticated else (None, {})
    found, versions = _read(user_id, extra_keys)
    extra = {k: found[k] for k in extra_keys if k in found}
    entry = found.get(_seat_key(user_id))
    if _fresh(entry, versions) and entry[2] == backend:
        cached = entry[1]
        session_hash = request.session.get(HASH_SESSION_KEY)
        if (
            cached.pk == user_id
            and cached.is_active
            and session_hash
            and constant_time_compare(session_hash, cached.get_session_auth_hash())
        ):
            request.user = cached
            cached._thidua_scope = entry[3].scope
            return entry[3], extra
    user = django_get_user(request)
    request.user = user
    if not user.is_authenticated:
        return None, extra
    entry = found.get(_seat_key(user.pk))
    if _fresh(entry, versions) and _same_row(entry[1], user):
        seat = entry[3]
    else:
        same = user.pk == user_id and request.session.get(BACKEND_SESSION_KEY) == backend
        seat = _store(user, backend if same else None, versions)
    user._thidua_scope = seat.scope
    return seat, extra


def _read(user_id, extra_keys: Sequence[str]) -> tuple[dict, tuple | None]:
    """One round trip: the org version, the user's version, their entry, `extra_keys`."""
    from django.core.cache import cache

    keys = [VERSION_KEY, _user_version_key(user_id)]
    try:
        found = cache.get_many([*keys, _seat_key(user_id), *extra_keys])
    except Exception as exc:  # noqa: BLE001 — e.g. Redis unreachable: read the database
        logger.warning("org: could not read the seat cache: %s", exc)
        return {}, None
    try:
        versions = SEATS.current(keys, found)
    except Exception as exc:  # noqa: BLE001
        logger.warning("org: could not read the org cache version: %s", exc)
        return found, None
    return found, (None if None in versions else versions)


def _fresh(entry, versions) -> bool:
    return versions is not None and entry is not None and entry[0] == _stamp(versions)


def _store(user, backend: str | None, versions) -> Seat:
    """Build the seat from the database (the versions were read before: a write committed
    after that point moves them) and keep it with the user row."""
    from django.core.cache import cache

    seat = build_seat(user)
    if versions is not None:
        row = copy.copy(user)  # the row only, without what the request may have cached on it
        for name in ("_thidua_scope", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            row.__dict__.pop(name, None)
        try:
            cache.set(_seat_key(user.pk), (_stamp(versions), row, backend, seat), SEAT_SECONDS)
        except Exception as exc:  # noqa: BLE001
            logger.warning("org: could not store the seat: %s", exc)
    return seat


def forget_seats(**kwargs) -> None:
    """Move the org version (post_save / post_delete of the models the scope and the
    units' header are read from; connected in `OrgConfig.ready()`; call it after a bulk
    write that sends no signal)."""
    if not seat_cache_on():
        return
    SEATS.written(using=kwargs.get("using"))


def forget_user_seat(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a user (connected in `OrgConfig.ready()`): their cached
    row and seat are not used again, at once and again when the write commits."""
    if not seat_cache_on():
        return
    SEATS.written_key(_user_version_key(instance.pk), using=kwargs.get("using"))
