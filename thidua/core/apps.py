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

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import loginguard
        from .models import Notification
        from .notify import forget_unread_of

        post_migrate.connect(_create_cache_table, sender=self)
        user_login_failed.connect(loginguard.on_login_failed, dispatch_uid="thidua.login_failed")
        user_locked_out.connect(loginguard.on_locked_out, dispatch_uid="thidua.locked_out")
        # The bell's cached count (core/notify.py) follows every write of a notification.
        post_save.connect(forget_unread_of, sender=Notification, dispatch_uid="thidua.unread")
        post_delete.connect(forget_unread_of, sender=Notification, dispatch_uid="thidua.unread.d")


def _create_cache_table(sender, using="default", verbosity=1, **kwargs):
    """`migrate` also creates the database cache's table (rate limits, login throttling),
    so a fresh deployment and the test database never miss it. Idempotent."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=verbosity)
