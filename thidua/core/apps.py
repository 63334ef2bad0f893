from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = "Hệ thống"
    # Navigation entries: (order, label, url name, roles that see it; None = every signed-in user)
    nav_items = [
        (0, "Trang chủ", "home", None),
        (
            90,
            "Nhật ký thao tác",
            "audit_log",
            {"standing_body", "admin", "unit_head", "unit_officer"},
        ),
    ]
