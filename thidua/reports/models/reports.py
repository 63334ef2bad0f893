"""A unit's own result report for a campaign, and the authority's saved (published) reports."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet

from ..enums import ReportKind, UnitReportStatus


class UnitReport(models.Model):
    """Seed 000: each unit reports its results by 25/01/2025 (the campaign's REPORT deadline)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="unit_reports"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="unit_reports")
    narrative = models.TextField("kết quả thực hiện", blank=True)
    figures = models.JSONField("số liệu", default=dict, blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=UnitReportStatus.choices,
        default=UnitReportStatus.DRAFT,
    )
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateField("hạn báo cáo", null=True, blank=True)
    is_late = models.BooleanField("gửi muộn", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "báo cáo kết quả của đơn vị"
        verbose_name_plural = "báo cáo kết quả của đơn vị"
        ordering = ["campaign", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="unit_report_once")
        ]

    def __str__(self) -> str:
        return f"Báo cáo của {self.unit} — {self.campaign}"


class SavedReportQuerySet(ScopedQuerySet):
    scope_unit_lookup = "authority"

    def published(self):
        return self.filter(published=True)


class SavedReport(models.Model):
    """A snapshot of a computed report the authority keeps, completes and may publish."""

    authority = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="saved_reports"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="saved_reports",
    )
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    kind = models.CharField(
        "loại", max_length=10, choices=ReportKind.choices, default=ReportKind.FINAL
    )
    title = models.CharField("tiêu đề", max_length=500)
    data = models.JSONField("số liệu", default=dict)
    narrative = models.JSONField("nội dung báo cáo", default=dict, blank=True)
    published = models.BooleanField("công bố trên cổng công khai", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SavedReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo đã lưu"
        verbose_name_plural = "báo cáo đã lưu"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
