from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "thidua.legal"
    label = "legal"
    verbose_name = "Văn bản pháp lý, danh mục khen thưởng"
    nav_items = [(80, "Danh mục khen thưởng", "legal:award_forms", {"standing_body", "admin"})]

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import read
        from .models import AwardForm, BaseSalary, LegalGround, LegalSetting, VotingThreshold

        for model in (AwardForm, BaseSalary, LegalSetting, VotingThreshold, LegalGround):
            post_save.connect(read.forget, sender=model, dispatch_uid=f"legal.forget.{model}")
            post_delete.connect(read.forget, sender=model, dispatch_uid=f"legal.forget.d.{model}")
