"""Versions in the shared cache: one source for "what was cached from these tables is no
longer good" (the org's seats in `thidua.org.scope`, the legal tables in
`thidua.legal.read`).

An entry is stored and read under a version key's value; a write of the tables moves the
version (a new random value), so entries stored under the old one are never read again and
expire on their own. A write inside a transaction moves it at once (other processes stop
using what they cached) and again at the commit (an entry another process built meanwhile
from the rows before the commit is stored under a version nobody asks for); until the
commit the writing connection reads the database itself (`writing()`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


class CacheVersion:
    """The version key `key` of the tables called `name` ("org", "legal": also the name of
    the connection's flag `thidua_<name>_writing`)."""

    def __init__(self, name: str, key: str):
        self.name = name
        self.key = key
        self._flag = f"thidua_{name}_writing"

    def move(self, key: str | None = None) -> None:
        """A new value for the version (or for `key`, a finer version of the same tables).
        A cache that cannot be written is logged, never raised: the write goes on."""
        from django.core.cache import cache

        try:
            cache.set(key or self.key, uuid.uuid4().hex, None)
        except DatabaseError as exc:
            # The database cache's table does not exist yet (a new database being migrated;
            # it is created after the migrations): nothing can have been cached.
            logger.debug("%s: no cache table yet: %s", self.name, exc)
        except Exception as exc:  # noqa: BLE001 — e.g. Redis unreachable
            logger.warning("%s: could not move the cache version: %s", self.name, exc)

    def written(self, using: str | None = None) -> None:
        """The tables were written on `using`: move the version now and at the commit; until
        the commit that connection reads the database (`writing()`)."""
        connection = transaction.get_connection(using)
        if connection.in_atomic_block:
            setattr(connection, self._flag, True)
        self.move()
        transaction.on_commit(lambda: self._committed(connection), using=using)

    def written_key(self, key: str, using: str | None = None) -> None:
        """A finer version (one user's rows): moved now and again at the commit."""
        self.move(key)
        transaction.on_commit(lambda: self.move(key), using=using)

    def _committed(self, connection) -> None:
        setattr(connection, self._flag, False)
        self.move()

    def writing(self, using: str | None = None) -> bool:
        """This connection wrote the tables in its open transaction."""
        connection = transaction.get_connection(using)
        if not connection.in_atomic_block:
            setattr(connection, self._flag, False)  # committed or rolled back
        return getattr(connection, self._flag, False)

    def current(self, keys: Sequence[str] | None = None, found: dict | None = None) -> tuple:
        """The values of the version keys (`keys`, default this version alone), taken from
        `found` (a `get_many` that read them with other keys) when there; a key missing from
        the cache is created. Raises what the cache raises."""
        from django.core.cache import cache

        keys = list(keys or [self.key])
        values = found if found is not None else cache.get_many(keys)
        versions = tuple(values.get(key) for key in keys)
        if None in versions:
            for key, value in zip(keys, versions, strict=True):
                if value is None:
                    cache.add(key, uuid.uuid4().hex, None)
            values = cache.get_many(keys)
            versions = tuple(values.get(key) for key in keys)
        return versions
