"""`request.unit`: the unit the user works as (unit switcher), defaulting to the first.

Resolved once per request, in one query with its successor (the shell's header names the
unit a merged unit went into); the roles and their units come from the scope, which the
rest of the request reuses (`scope_for` caches it on the user)."""

from thidua.core.permissions import scope_for

from .models import Unit


class CurrentUnitMiddleware:
    """Sets `request.unit`, `request.own_unit_ids` and `request.own_units` (a lazy queryset
    of the units the user holds a role in, for the shell's unit switcher)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.unit = None
        if request.user.is_authenticated:
            scope = scope_for(request.user)
            own_ids = sorted({uid for ids in scope.roles.values() for uid in ids})
            chosen = request.session.get("unit_id")
            if chosen not in own_ids:
                chosen = own_ids[0] if own_ids else None
            if chosen:
                request.unit = Unit.objects.select_related("successor").filter(pk=chosen).first()
            request.own_unit_ids = own_ids
            request.own_units = Unit.objects.filter(pk__in=own_ids).order_by("name")
        return self.get_response(request)
