"""Campaigns (phong trào thi đua): what is launched, for whom, with which awards, quotas
and deadlines. Quota and eligibility rules are JSON data evaluated by `quotas.py`."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.permissions import ScopedQuerySet

from .enums import PUBLIC_STATUSES, CampaignKind, CampaignStatus, DeadlineKind


def launched_campaigns_above(scope, action: str):
    """Scope rule: a unit sees (reads) the launched campaigns of every authority above it;
    a user with no unit sees every launched campaign (they are public anyway). Drafts stay
    with the issuer's subtree, the unit-tree part of `for_user`."""
    if action != "view":
        return None
    launched = Q(status__in=PUBLIC_STATUSES)
    if not scope.view_paths:
        return launched
    authorities_above = {
        int(unit_id)
        for path in scope.view_paths
        for unit_id in path.strip(".").split(".")
        if unit_id
    }
    return launched & Q(issuer_id__in=authorities_above)


class CampaignQuerySet(ScopedQuerySet):
    scope_unit_lookup = "issuer"
    scope_rules = (launched_campaigns_above,)

    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)


class Campaign(models.Model):
    issuer = models.ForeignKey(
        "org.Unit", verbose_name="cấp phát động", on_delete=models.PROTECT, related_name="campaigns"
    )
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    doc_type = models.CharField("loại văn bản", max_length=10, default="KH")
    doc_date = models.DateField("ngày ban hành", null=True, blank=True)
    kind = models.CharField(
        "loại phong trào", max_length=20, choices=CampaignKind.choices, default=CampaignKind.PERIOD
    )
    title = models.CharField("tên phong trào", max_length=500)
    slogan = models.TextField("khẩu hiệu", blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="thực hiện kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    parent_document = models.TextField("văn bản căn cứ", blank=True)
    start_date = models.DateField("từ ngày", null=True, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    subjects = models.JSONField("đối tượng", default=dict, blank=True)
    content_areas = models.JSONField("nội dung thi đua", default=list, blank=True)
    criteria = models.TextField("tiêu chuẩn", blank=True)
    rules = models.JSONField("quy tắc số lượng, điều kiện", default=list, blank=True)
    anniversary_name = models.CharField("sự kiện kỷ niệm", max_length=255, blank=True)
    anniversary_date = models.DateField("ngày kỷ niệm", null=True, blank=True)
    seed_code = models.CharField(max_length=10, blank=True, db_index=True)
    launched_at = models.DateTimeField(null=True, blank=True)
    plan_docx = models.FileField(
        "văn bản kế hoạch (.docx)", upload_to="campaigns/", blank=True, max_length=255
    )
    plan_pdf = models.FileField(
        "văn bản kế hoạch (.pdf)", upload_to="campaigns/", blank=True, max_length=255
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def deadline(self, kind: str):
        row = next((d for d in self.deadlines.all() if d.kind == kind), None)
        return row.date if row else None


class CampaignAwardForm(models.Model):
    """An award form the campaign offers (or proposes upward), with its documents."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_forms")
    form_code = models.CharField("mã hình thức", max_length=60)
    label = models.CharField("tên trong kế hoạch", max_length=255)
    subjects = models.JSONField("đối tượng", default=list, blank=True)
    criteria = models.TextField("tiêu chuẩn", blank=True)
    required_documents = models.JSONField("thành phần hồ sơ", default=list, blank=True)
    upward = models.BooleanField("đề nghị cấp trên khen", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "hình thức khen thưởng của phong trào"
        verbose_name_plural = "hình thức khen thưởng của phong trào"
        ordering = ["campaign", "order", "pk"]

    def __str__(self) -> str:
        return self.label


class CampaignSource(models.Model):
    """The imported plan's text and where each extracted field was found in it. Tens of kB,
    shown by the campaign page only: not a column of `Campaign`, which every dossier,
    award, registration and list reads as a relation."""

    campaign = models.OneToOneField(
        Campaign, primary_key=True, on_delete=models.CASCADE, related_name="source"
    )
    text = models.TextField("văn bản gốc", blank=True)
    spans = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "văn bản gốc của kế hoạch"


class CampaignDeadline(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField("loại hạn", max_length=30, choices=DeadlineKind.choices)
    label = models.CharField("nội dung", max_length=500)
    date = models.DateField("hạn")

    class Meta:
        verbose_name = "thời hạn"
        verbose_name_plural = "thời hạn"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.label} ({self.date:%d/%m/%Y})"


class Responsibility(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responsibilities"
    )
    who = models.CharField("cơ quan, đơn vị", max_length=500)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.TextField("nhiệm vụ")

    class Meta:
        verbose_name = "phân công trách nhiệm"
        verbose_name_plural = "phân công trách nhiệm"
