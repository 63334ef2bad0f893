from django.apps import AppConfig


class OpsConfig(AppConfig):
    """The top layer: management commands that use every app (demo data, benchmarks)."""

    name = "thidua.ops"
    label = "ops"
    verbose_name = "Vận hành"
