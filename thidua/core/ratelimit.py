"""Rate limits kept in the shared cache (Redis or the database), never in one worker's memory.

A limit of N hits per window is N slots per key. A hit claims the first free slot with
`cache.add`, which is atomic on every shared backend (Redis SET NX, a primary-key insert
in the database cache); each slot expires one window after it was claimed. So at most N
hits pass in any window, however many workers serve the requests, and counting does not
rely on `cache.incr`, which the database cache implements as a read followed by a write.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _slot_key(scope: str, key: str, slot: int) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"thidua:rate:{scope}:{digest}:{slot}"


def take(scope: str, key: str, *, limit: int, window: int) -> str | None:
    """Claim one hit for `key`. Returns a token (to `give_back`) or None when over the limit."""
    for slot in range(limit):
        slot_key = _slot_key(scope, key, slot)
        if cache.add(slot_key, 1, timeout=window):
            return slot_key
    return None


def give_back(token: str | None) -> None:
    """Undo a `take` whose action did not happen (the hit should not count)."""
    if token:
        cache.delete(token)
