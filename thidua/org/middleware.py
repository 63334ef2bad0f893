"""`request.unit`: the unit the user works as (unit switcher), defaulting to the first.

The user's scope and the units they hold a role in (each with its successor: the shell's
header names the unit a merged unit went into) are the request's `Seat`
(`thidua.org.scope.request_seat`): with `settings.SCOPE_CACHE` on, the user row, the seat
and the bell's count come from the shared cache in one round trip (no query); else the
scope's one query. The rest of the request reuses the scope (`scope_for` finds it on the
user)."""

from thidua.core.notify import seen_unread, unread_cache_key

from .scope import request_seat


class CurrentUnitMiddleware:
    """Sets `request.unit`, `request.own_unit_ids` and `request.own_units` (the units the
    user holds a role in, by name, for the shell's unit switcher)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = None
        user_id = _session_user_id(request)
        unread_key = unread_cache_key(user_id) if user_id is not None else None
        seat, found = request_seat(request, [unread_key] if unread_key else [])
        if seat is None:
            return self.get_response(request)
        user = request.user
        if unread_key != unread_cache_key(user.pk):
            unread_key = None  # not the user the session named: count theirs later
        own_ids = seat.own_ids
        chosen = request.session.get("unit_id")
        if chosen not in own_ids:
            chosen = own_ids[0] if own_ids else None
        request.unit = seat.unit(chosen) if chosen else None
        request.own_unit_ids = own_ids
        request.own_units = seat.own_units
        if unread_key is not None and unread_key in found:
            with seen_unread(user.pk, found[unread_key]):
                return self.get_response(request)
        return self.get_response(request)


def _session_user_id(request):
    from django.contrib.auth import SESSION_KEY

    session = getattr(request, "session", None)
    value = session.get(SESSION_KEY) if session is not None else None
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
