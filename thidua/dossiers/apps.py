from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ khen thưởng"
    nav_items = [
        (40, "Hồ sơ khen thưởng", "dossiers:list", None),
        (41, "Thẩm định", "dossiers:queue", {"standing_body", "admin"}),
        (42, "Khiếu nại, góp ý", "dossiers:complaints", {"standing_body", "admin"}),
    ]
