from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    label = "campaigns"
    verbose_name = "Phong trào thi đua"
    nav_items: list = [
        (20, "Phong trào thi đua", "campaigns:list", None),
        (21, "Lịch thời hạn", "campaigns:calendar", None),
        (22, "Nhập kế hoạch", "campaigns:import", {"standing_body", "admin"}),
    ]
