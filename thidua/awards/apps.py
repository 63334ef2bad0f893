from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Quyết định, khen thưởng"
    nav_items: list = [
        (
            70,
            "Quyết định khen thưởng",
            "awards:decisions",
            {"standing_body", "chairman", "admin", "unit_officer", "unit_head"},
        ),
        (75, "Chi thưởng", "awards:payments", {"standing_body", "admin"}),
    ]
