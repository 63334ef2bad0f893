"""Navigation by role: every app lists its entries in `AppConfig.nav_items`; the menu
groups them by part of the domain so a standing-body officer is not faced with 25 links."""

from functools import lru_cache

from django.apps import apps
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from .permissions import scope_for

GROUPS = {
    "org": (10, "Tổ chức"),
    "campaigns": (20, "Phong trào"),
    "registrations": (30, "Đăng ký, theo dõi"),
    "dossiers": (40, "Hồ sơ khen thưởng"),
    "council": (50, "Hội đồng, quyết định"),
    "awards": (50, "Hội đồng, quyết định"),
    "registry": (60, "Sổ khen thưởng"),
    "reports": (70, "Báo cáo, điển hình"),
    "legal": (90, "Hệ thống"),
    "core": (90, "Hệ thống"),
}


def nav_for(user) -> list[dict]:
    """The menu entries of the user's roles. They depend only on which roles the user
    holds, so they are computed once per set of roles and process (about 30 `reverse`
    calls, twice per page before) and copied for each request."""
    if not user.is_authenticated:
        return []
    scope = scope_for(user)
    roles = frozenset(role for role, unit_ids in scope.roles.items() if unit_ids)
    items = _nav_items(roles, scope.is_global, get_script_prefix(), get_urlconf())
    return [dict(item) for item in items]


@lru_cache(maxsize=512)
def _nav_items(roles: frozenset, is_global: bool, prefix: str, urlconf) -> tuple[dict, ...]:
    items = []
    for config in apps.get_app_configs():
        for order, label, url_name, needed in getattr(config, "nav_items", []):
            if needed is not None and not is_global and not roles.intersection(needed):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append(
                {"order": order, "label": label, "url": url, "name": url_name, "app": config.label}
            )
    return tuple(sorted(items, key=lambda i: (i["order"], i["label"])))


def nav_groups(user, nav_items: list[dict] | None = None) -> list[dict]:
    """[{"label", "items"}] in menu order; the home link stands alone."""
    groups: dict[str, dict] = {}
    for item in nav_items if nav_items is not None else nav_for(user):
        if item["name"] == "home":
            continue
        order, label = GROUPS.get(item["app"], (80, "Khác"))
        group = groups.setdefault(label, {"label": label, "order": order, "items": []})
        group["items"].append(item)
    return sorted(groups.values(), key=lambda g: g["order"])
