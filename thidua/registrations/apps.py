from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"
    nav_items = [
        (30, "Đăng ký thi đua", "registrations:list", None),
        (
            32,
            "Theo dõi khối",
            "registrations:dashboard",
            {"standing_body", "council_member", "block_head", "admin"},
        ),
        (34, "Xếp loại năm trước", "registrations:prior_ratings", {"standing_body", "admin"}),
        (
            35,
            "Công trình, sự kiện",
            "registrations:commitments",
            {"standing_body", "admin"},
        ),
    ]

    def ready(self):
        from thidua.campaigns.services import on_status_change

        from .snapshots import campaign_moved, connect

        connect()
        on_status_change(campaign_moved)
