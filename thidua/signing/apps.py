from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "thidua.signing"
    label = "signing"
    verbose_name = "Chữ ký số"
