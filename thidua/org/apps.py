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
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from thidua.core.permissions import use_scope_builder

        from .models import Block, BlockMember, RoleAssignment, Unit, UnitMerge
        from .scope import build_scope, forget_seats, forget_user_seat

        use_scope_builder(build_scope)
        # The seats kept in the shared cache (scope.py) follow every write of what they are
        # read from: role assignments, units (tree, lineage, names), merges, blocks.
        for model in (RoleAssignment, Unit, UnitMerge, Block, BlockMember):
            uid = f"thidua.org.seats.{model._meta.label_lower}"
            post_save.connect(forget_seats, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_seats, sender=model, dispatch_uid=f"{uid}.d")
        # ...and the user row kept with each seat, every write of that user.
        user = get_user_model()
        post_save.connect(forget_user_seat, sender=user, dispatch_uid="thidua.org.seats.user")
        post_delete.connect(forget_user_seat, sender=user, dispatch_uid="thidua.org.seats.user.d")
