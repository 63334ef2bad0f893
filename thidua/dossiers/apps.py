from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ khen thưởng"
    nav_items: list = []
