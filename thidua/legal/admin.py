from django.contrib import admin

from .models import AwardForm, BaseSalary, LegalGround, LegalSetting, VotingThreshold


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "level",
        "grantor",
        "coefficient_individual",
        "coefficient_collective",
        "valid_from",
        "valid_to",
        "confirmed",
    )
    list_filter = ("level", "kind", "confirmed")
    search_fields = ("name", "code")


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("amount", "valid_from", "valid_to", "citation", "confirmed")


@admin.register(VotingThreshold)
class VotingThresholdAdmin(admin.ModelAdmin):
    list_display = ("__str__", "valid_from", "valid_to", "citation", "confirmed")


@admin.register(LegalSetting)
class LegalSettingAdmin(admin.ModelAdmin):
    list_display = ("key", "label", "value", "valid_from", "valid_to", "confirmed")


@admin.register(LegalGround)
class LegalGroundAdmin(admin.ModelAdmin):
    list_display = ("__str__", "doc_type", "issued_on", "valid_from", "valid_to", "confirmed")
    list_filter = ("doc_type", "confirmed")
