"""Navigation by role: every app lists its entries in `AppConfig.nav_items`; the menu
groups them by part of the domain so a standing-body officer is not faced with 25 links."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse

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
            items.append(
                {"order": order, "label": label, "url": url, "name": url_name, "app": config.label}
            )
    return sorted(items, key=lambda i: (i["order"], i["label"]))


def nav_groups(user) -> list[dict]:
    """[{"label", "items"}] in menu order; the home link stands alone."""
    groups: dict[str, dict] = {}
    for item in nav_for(user):
        if item["name"] == "home":
            continue
        order, label = GROUPS.get(item["app"], (80, "Khác"))
        group = groups.setdefault(label, {"label": label, "order": order, "items": []})
        group["items"].append(item)
    return sorted(groups.values(), key=lambda g: g["order"])
