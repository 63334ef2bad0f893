from django.apps import AppConfig


class PlanImportConfig(AppConfig):
    """No models: the importer is pure text processing exposed through commands."""

    name = "thidua.planimport"
    label = "planimport"
    verbose_name = "Nhập kế hoạch"
