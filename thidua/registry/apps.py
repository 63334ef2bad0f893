from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "thidua.registry"
    label = "registry"
    verbose_name = "Sổ khen thưởng, giấy chứng nhận"
    nav_items: list = []
