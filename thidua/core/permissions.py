"""Permissions in one place: who may see or change what, by the unit tree.

Every list, detail and API query goes through `Model.objects.for_user(user, action)`
(`ScopedQuerySet`), and every object-level check through `can(user, action, obj)`.
A model says how it reaches its unit with `scope_unit_lookup`; the scope of a user is
computed once per request from their role assignments:

- unit officer / unit head: their unit and its subtree (a commune also sees the
  villages, enterprises and co-ops under it), read and change;
- standing body, chairman: the whole subtree of the authority they serve, read and
  change (the chairman signs, the standing body prepares);
- council member: the authority's subtree, read only;
- block head: the member units of the blocks their unit heads, read only;
- admin / superuser: everything.

Merged units stay visible from their successor (`Unit.lineage_paths`).

This module is the one entry and knows nothing of the unit tree: a `Scope` is a set of
unit paths per action; how role assignments become a scope is `thidua.org.scope`
(registered by `OrgConfig.ready()` through `use_scope_builder`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from .roles import Role


@dataclass
class Scope:
    is_global: bool = False
    view_paths: list[str] = field(default_factory=list)
    change_paths: list[str] = field(default_factory=list)
    block_ids: set[int] = field(default_factory=set)
    roles: dict[str, set[int]] = field(default_factory=dict)  # role -> unit ids
    # The path of each unit the user holds a role in (read with the roles, no query later).
    unit_paths: dict[int, str] = field(default_factory=dict)

    def paths(self, action: str) -> list[str]:
        return self.view_paths if action == "view" else self.change_paths

    def q(self, lookup: str, action: str = "view") -> Q:
        """A Q matching rows whose unit (reached by `lookup`) is inside the scope."""
        if self.is_global:
            return Q()
        prefix = f"{lookup}__path__startswith" if lookup else "path__startswith"
        q = Q(pk__in=[])
        for path in self.paths(action):
            q |= Q(**{prefix: path})
        return q

    def has_role(self, *roles: str) -> bool:
        return self.is_global or any(self.roles.get(r) for r in roles)

    def covers_path(self, path: str, action: str = "view") -> bool:
        return self.is_global or any(path.startswith(p) for p in self.paths(action))


ScopeBuilder = Callable[[Any], Scope]
_scope_builder: ScopeBuilder | None = None


def use_scope_builder(builder: ScopeBuilder) -> None:
    """Say how a user's role assignments become a `Scope`.

    The unit tree and the role assignments live in `thidua.org`, one layer above core:
    `OrgConfig.ready()` hands its builder (`thidua.org.scope.build_scope`) to core here, so
    every app keeps one permission entry (`for_user`, `can`, `require_role`) and core never
    imports org."""
    global _scope_builder
    _scope_builder = builder


def scope_for(user) -> Scope:
    """The user's scope, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return Scope()
    cached = getattr(user, "_thidua_scope", None)
    if cached is not None:
        return cached
    if _scope_builder is None:
        raise ImproperlyConfigured("thidua.org chưa được cài đặt: không tính được phạm vi quyền.")
    scope = _scope_builder(user)
    user._thidua_scope = scope
    return scope


class ScopedQuerySet(models.QuerySet):
    """Base queryset: `for_user` restricts rows to the user's unit scope.

    It is the one entry for "which rows may this user see or change". A model whose rows
    are also reachable another way lists that way in `scope_rules`: each rule is
    ``rule(scope, action) -> Q | None`` (None: the rule grants nothing for this action),
    and the rows it matches are added to those of the unit tree. Rules are declared with
    the model (``ScopedQuerySet.with_lookup("authority", rule, …)`` or a subclass's
    `scope_rules`), never as a second `for_user`.
    """

    scope_unit_lookup = "unit"
    scope_rules: tuple = ()

    @classmethod
    def with_lookup(cls, lookup: str, *rules) -> type[ScopedQuerySet]:
        return type(
            f"Scoped_{lookup or 'self'}_QuerySet",
            (cls,),
            {"scope_unit_lookup": lookup, "scope_rules": (*cls.scope_rules, *rules)},
        )

    def for_user(self, user, action: str = "view"):
        scope = scope_for(user)
        if scope.is_global:
            return self
        granted = [rule(scope, action) for rule in self.scope_rules]
        granted = [condition for condition in granted if condition is not None]
        if not scope.paths(action) and not granted:
            return self.none()
        condition = scope.q(self.scope_unit_lookup, action)
        for extra in granted:
            condition |= extra
        return self.filter(condition)


def unit_of(obj):
    """The unit an object belongs to, following its queryset's scope lookup."""
    lookup = type(obj).objects.get_queryset().scope_unit_lookup
    target = obj
    for part in [p for p in lookup.split("__") if p]:
        target = getattr(target, part)
    return target


def can(user, action: str, obj) -> bool:
    scope = scope_for(user)
    if scope.is_global:
        return True
    unit = unit_of(obj)
    return unit is not None and scope.covers_path(unit.path, action)


def get_for_user_or_404(queryset, user, action: str = "view", **lookup):
    """Fetch one object inside the user's scope; outside it, the object does not exist."""
    try:
        return queryset.for_user(user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        if action != "view" and queryset.for_user(user, "view").filter(**lookup).exists():
            raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu này.") from exc
        raise Http404("Không tìm thấy hoặc bạn không có quyền xem.") from exc


def require_role(user, *roles: str) -> Scope:
    scope = scope_for(user)
    if not scope.has_role(*roles):
        raise PermissionDenied("Chức năng này dành cho: " + ", ".join(Role(r).label for r in roles))
    return scope
