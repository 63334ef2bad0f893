from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "thidua.legal"
    label = "legal"
    verbose_name = "Văn bản pháp lý, danh mục khen thưởng"
    nav_items = [(80, "Danh mục khen thưởng", "legal:award_forms", {"standing_body", "admin"})]
