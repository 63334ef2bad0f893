from django.apps import AppConfig

ALL = None


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = "Tổ chức"
    nav_items = [
        (
            10,
            "Đơn vị",
            "org:units",
            {"standing_body", "admin", "unit_officer", "unit_head", "chairman", "council_member"},
        ),
        (11, "Cá nhân", "org:persons", {"standing_body", "admin", "unit_officer", "unit_head"}),
        (12, "Khối thi đua", "org:blocks", ALL),
        (13, "Phân quyền", "org:roles", {"standing_body", "admin"}),
    ]

    def ready(self):
        from thidua.core.permissions import use_scope_builder

        from .scope import build_scope

        use_scope_builder(build_scope)
