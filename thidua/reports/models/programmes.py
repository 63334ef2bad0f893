"""Multi-year programmes (chương trình hành động): goals, numeric targets per year, and
milestones with a responsible agency, evidence and a linked campaign or conference."""

from datetime import date

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet

from .. import milestones as rules
from ..enums import MilestoneStatus, TargetDirection


class Programme(models.Model):
    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    doc_date = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("tên chương trình", max_length=500)
    basis = models.TextField("căn cứ", blank=True)
    start_year = models.PositiveSmallIntegerField("từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    summary = models.TextField("mục đích, yêu cầu", blank=True)
    seed_code = models.CharField(max_length=10, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("issuer").as_manager()

    class Meta:
        verbose_name = "chương trình"
        verbose_name_plural = "chương trình"
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="programme_years"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Goal(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField("mục tiêu")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Target(models.Model):
    """A numeric target (chỉ tiêu) of the programme, planned and actual per year."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    name = models.CharField("chỉ tiêu", max_length=300)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40)
    direction = models.CharField(
        "chiều đánh giá",
        max_length=10,
        choices=TargetDirection.choices,
        default=TargetDirection.AT_LEAST,
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class TargetValue(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField("năm")
    planned = models.DecimalField(
        "kế hoạch", max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        "thực hiện", max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "chỉ tiêu theo năm"
        verbose_name_plural = "chỉ tiêu theo năm"
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="target_year_once")]

    @property
    def met(self) -> bool | None:
        if self.planned is None or self.actual is None:
            return None
        if self.target.direction == TargetDirection.AT_MOST:
            return self.actual <= self.planned
        return self.actual >= self.planned


class Milestone(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField("năm")
    quarter = models.PositiveSmallIntegerField("quý", null=True, blank=True)
    title = models.CharField("nhiệm vụ", max_length=500)
    responsible = models.CharField("cơ quan chủ trì", max_length=300, blank=True)
    responsible_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="phong trào liên quan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conference = models.CharField("hội nghị, sự kiện", max_length=300, blank=True)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    evidence = models.FileField(
        "minh chứng", upload_to="programmes/%Y/", blank=True, max_length=255
    )
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    note = models.TextField("ghi chú", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.with_lookup("programme__issuer").as_manager()

    class Meta:
        verbose_name = "mốc thực hiện"
        verbose_name_plural = "mốc thực hiện"
        ordering = ["programme", "year", models.F("quarter").asc(nulls_first=True), "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="milestone_quarter_1_4",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        return f"Quý {self.quarter}/{self.year}" if self.quarter else f"Năm {self.year}"

    @property
    def due_date(self) -> date:
        return rules.period(self.year, self.quarter)[1]

    def status_on(self, today: date | None = None) -> str:
        return rules.status_on(self.year, self.quarter, self.done_on, today or date.today())

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return MilestoneStatus(self.status).label

    @property
    def was_late(self) -> bool:
        return rules.was_late(self.year, self.quarter, self.done_on)
