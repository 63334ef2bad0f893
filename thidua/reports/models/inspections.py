"""Inspections of emulation and commendation work (seed 002, mục III.7)."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet

from ..enums import CheckArea, CheckResult, FixStatus, InspectionStatus


class InspectionPlan(models.Model):
    authority = models.ForeignKey(
        "org.Unit",
        verbose_name="cấp kiểm tra",
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên kế hoạch", max_length=300)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    doc_date = models.DateField("ngày ban hành", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("authority").as_manager()

    class Meta:
        verbose_name = "kế hoạch kiểm tra"
        verbose_name_plural = "kế hoạch kiểm tra"
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "title"], name="inspection_plan_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Inspection(models.Model):
    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="inspections")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị được kiểm tra",
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày")
    team = models.TextField("thành phần đoàn kiểm tra", blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    conclusion = models.TextField("kết luận", blank=True)

    objects = ScopedQuerySet.with_lookup("plan__authority").as_manager()

    class Meta:
        verbose_name = "cuộc kiểm tra"
        verbose_name_plural = "cuộc kiểm tra"
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="inspection_dates"
            )
        ]

    def __str__(self) -> str:
        return f"Kiểm tra {self.unit} ({self.start_date:%d/%m/%Y})"


class InspectionItem(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    area = models.CharField("nội dung kiểm tra", max_length=20, choices=CheckArea.choices)
    result = models.CharField(
        "kết quả", max_length=20, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    note = models.TextField("nhận xét", blank=True)

    class Meta:
        verbose_name = "nội dung kiểm tra"
        verbose_name_plural = "nội dung kiểm tra"
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="inspection_area_once")
        ]


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    area = models.CharField("nội dung", max_length=20, choices=CheckArea.choices)
    description = models.TextField("tồn tại, thiếu sót")

    class Meta:
        verbose_name = "tồn tại, thiếu sót"
        verbose_name_plural = "tồn tại, thiếu sót"
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class RequiredFix(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="fixes")
    action = models.TextField("yêu cầu khắc phục")
    due_date = models.DateField("hạn khắc phục")
    follow_up_date = models.DateField("ngày kiểm tra lại", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=FixStatus.choices, default=FixStatus.OPEN
    )
    resolved_on = models.DateField("ngày khắc phục xong", null=True, blank=True)
    follow_up_note = models.TextField("kết quả theo dõi", blank=True)

    objects = ScopedQuerySet.with_lookup("finding__inspection__plan__authority").as_manager()

    class Meta:
        verbose_name = "yêu cầu khắc phục"
        verbose_name_plural = "yêu cầu khắc phục"
        ordering = ["due_date", "pk"]

    def is_overdue(self, today) -> bool:
        return self.status == FixStatus.OPEN and today > self.due_date
