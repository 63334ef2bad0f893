"""Reads that tolerate lag go to a PostgreSQL streaming replica; everything else to the primary.

Settings: `DATABASE_REPLICA_URL` adds the `replica` database (settings.py). Without it this
module changes nothing: every read and write goes to `default`.

- `ReplicaRouter`: writes always go to `default`; a read goes to `replica` only while
  `read_replica()` is active, no transaction is open on `default` (a read inside
  `transaction.atomic()` must see what that transaction wrote and hold its locks) and the
  model is not one that must be exact to the millisecond (sessions, login throttling, the
  cache table, the task queue).
- `ReplicaMiddleware`: GET/HEAD requests to the lag-tolerant views named in
  `settings.REPLICA_VIEWS` (public registry, portal, public campaigns, reports, dashboards)
  run inside `read_replica()`. Read-your-writes: any other request (POST, PUT, PATCH, DELETE)
  sets the cookie `thidua_primary_until` to now + `REPLICA_PIN_SECONDS` (default 10 s, more
  than the replica's usual lag), and while it is in the future every request of that
  browser reads from the primary, so the writer sees what they just wrote.
- `read_replica()`: the same marker for code outside a request (exports, commands).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PIN_COOKIE = "thidua_primary_until"
PRIMARY_ONLY_APPS = {"sessions", "axes", "django_cache", "django_tasks_database"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

_use_replica: ContextVar[bool] = ContextVar("thidua_use_replica", default=False)


def has_replica() -> bool:
    return REPLICA in connections.settings


@contextmanager
def read_replica(enabled: bool = True):
    """Reads inside go to the replica (when there is one)."""
    token = _use_replica.set(enabled)
    try:
        yield
    finally:
        _use_replica.reset(token)


@contextmanager
def read_primary():
    """Reads inside go to the primary, even inside `read_replica()`."""
    with read_replica(False):
        yield


def reading_replica() -> bool:
    return _use_replica.get() and has_replica()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _use_replica.get() or not has_replica():
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def pinned_to_primary(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "REPLICA_VIEWS", ()))

    def __call__(self, request):
        request.replica_token = None
        try:
            response = self.get_response(request)
        finally:
            if request.replica_token is not None:
                _use_replica.reset(request.replica_token)
                request.replica_token = None
        if request.method not in SAFE_METHODS and has_replica():
            seconds = int(getattr(settings, "REPLICA_PIN_SECONDS", 10))
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.3f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method in ("GET", "HEAD")
            and has_replica()
            and request.resolver_match is not None
            and request.resolver_match.view_name in self.views
            and not pinned_to_primary(request)
        ):
            request.replica_token = _use_replica.set(True)
        return None
