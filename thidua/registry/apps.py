from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "thidua.registry"
    label = "registry"
    verbose_name = "Sổ khen thưởng, giấy chứng nhận"
    nav_items: list = [
        (70, "Sổ khen thưởng", "registry:search", None),
        (72, "In giấy khen", "registry:printing", {"standing_body", "admin"}),
        (73, "Mẫu in giấy khen", "registry:layouts", {"standing_body", "admin"}),
        (74, "Kiểm tra chữ ký số", "registry:signature_check", None),
    ]

    def ready(self):
        from . import signals  # noqa: F401 — connects the award search-key index
