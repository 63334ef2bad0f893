from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "thidua.council"
    label = "council"
    verbose_name = "Hội đồng TĐKT"
    nav_items: list = [
        (
            60,
            "Hội đồng TĐKT",
            "council:sessions",
            {"standing_body", "council_member", "chairman", "admin"},
        ),
    ]
