from .nav import nav_for, nav_groups
from .notify import unread_count
from .permissions import scope_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "nav_groups": [], "unread_count": 0}
    scope = scope_for(user)
    own_ids = getattr(request, "own_unit_ids", [])
    nav = nav_for(user)
    return {
        "nav": nav,
        "nav_groups": nav_groups(user, nav),
        "current_unit": getattr(request, "unit", None),
        # `request.own_units` is set by thidua.org.middleware.CurrentUnitMiddleware.
        "my_units": getattr(request, "own_units", []) if len(own_ids) > 1 else [],
        "my_roles": sorted(scope.roles),
        "unread_count": unread_count(user),
    }
