"""`request.unit`: the unit the user works as (unit switcher), defaulting to the first.

The user's scope and the units they hold a role in (each with its successor: the shell's
header names the unit a merged unit went into) are the request's `Seat`
(`thidua.org.scope.seat_for`): from the shared cache in one round trip when
`settings.SCOPE_CACHE` is on (with the bell's count), else two queries. The rest of the
request reuses the scope (`scope_for` finds it on the user)."""

from thidua.core.notify import seen_unread, unread_cache_key

from .scope import seat_for


class CurrentUnitMiddleware:
    """Sets `request.unit`, `request.own_unit_ids` and `request.own_units` (the units the
    user holds a role in, by name, for the shell's unit switcher)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = None
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        unread_key = unread_cache_key(user.pk)
        seat, found = seat_for(user, [unread_key] if unread_key else [])
        own_ids = seat.own_ids
        chosen = request.session.get("unit_id")
        if chosen not in own_ids:
            chosen = own_ids[0] if own_ids else None
        request.unit = seat.unit(chosen) if chosen else None
        request.own_unit_ids = own_ids
        request.own_units = seat.own_units
        if unread_key in found:
            with seen_unread(user.pk, found[unread_key]):
                return self.get_response(request)
        return self.get_response(request)
