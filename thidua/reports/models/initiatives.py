"""Work around the campaigns: initiatives (sáng kiến) and, added by this app, programmes,
exemplary models, inspections and reports."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet


class InitiativeStatus(models.TextChoices):
    REGISTERED = "registered", "Đã đăng ký"
    EVALUATING = "evaluating", "Đang đánh giá"
    RECOGNISED = "recognised", "Đã công nhận"
    NOT_RECOGNISED = "not_recognised", "Không công nhận"


class InitiativeLevel(models.TextChoices):
    BASE = "co_so", "Cấp cơ sở"
    PROVINCE = "tinh", "Cấp tỉnh"
    NATIONAL = "toan_quoc", "Toàn quốc"


class InitiativeQuerySet(ScopedQuerySet):
    scope_unit_lookup = "unit"

    def recognised(self):
        return self.filter(status=InitiativeStatus.RECOGNISED)


class Initiative(models.Model):
    """A sáng kiến; once recognised it may be used as evidence on one dossier only."""

    title = models.CharField("tên sáng kiến", max_length=500)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="initiatives"
    )
    authors = models.ManyToManyField(
        "org.Person", verbose_name="tác giả", related_name="initiatives", blank=True
    )
    scope = models.TextField("phạm vi áp dụng", blank=True)
    effect = models.TextField("hiệu quả", blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.REGISTERED,
    )
    level = models.CharField(
        "cấp công nhận", max_length=20, choices=InitiativeLevel.choices, blank=True
    )
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)
    recognition_ref = models.CharField("số quyết định công nhận", max_length=120, blank=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-recognised_on", "title"]

    def __str__(self) -> str:
        return self.title
