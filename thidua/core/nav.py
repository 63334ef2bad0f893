"""Navigation by role: every app lists its entries in `AppConfig.nav_items`."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from .permissions import scope_for


def nav_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    scope = scope_for(user)
    items = []
    for config in apps.get_app_configs():
        for order, label, url_name, roles in getattr(config, "nav_items", []):
            if (
                roles is not None
                and not scope.is_global
                and not any(scope.roles.get(r) for r in roles)
            ):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"order": order, "label": label, "url": url, "name": url_name})
    return sorted(items, key=lambda i: (i["order"], i["label"]))
