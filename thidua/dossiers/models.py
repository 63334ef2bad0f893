"""Nomination dossiers: a unit's proposal for one award form, with its nominee lines."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet

from .enums import DocumentType, DossierKind, DossierStatus, LineResult, SubjectKind


class DossierQuerySet(ScopedQuerySet):
    scope_unit_lookup = "proposer"


class Dossier(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    kind = models.CharField(
        "loại khen thưởng", max_length=20, choices=DossierKind.choices, default=DossierKind.CAMPAIGN
    )
    form_code = models.CharField("hình thức khen thưởng", max_length=60)
    proposer = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị đề nghị", on_delete=models.PROTECT, related_name="dossiers"
    )
    authority = models.ForeignKey(
        "org.Unit",
        verbose_name="cấp xét duyệt",
        on_delete=models.PROTECT,
        related_name="dossiers_to_decide",
    )
    title = models.CharField("trích yếu", max_length=500)
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=DossierStatus.choices,
        default=DossierStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField("lần nộp", default=0)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="chuyên viên thẩm định", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="assigned_dossiers")  # fmt: skip
    origin = models.ForeignKey(
        "self",
        verbose_name="hồ sơ gốc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upward",
    )
    meeting_date = models.DateField("ngày họp xét", null=True, blank=True)
    meeting_attendees = models.PositiveSmallIntegerField("số người dự họp", null=True, blank=True)
    meeting_total = models.PositiveSmallIntegerField("tổng số thành viên", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Nominee(models.Model):
    """One nominee line. Exactly one of person / unit / household is set, or a free name for
    collectives entered once (kept as a unit of kind TEAM by the service)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    subject_kind = models.CharField("đối tượng", max_length=20, choices=SubjectKind.choices)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    household = models.ForeignKey(
        "org.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    name = models.CharField("tên", max_length=255)
    category = models.CharField("phân loại", max_length=40, blank=True)
    achievements = models.TextField("thành tích", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(
        "kết quả thẩm định", max_length=20, choices=LineResult.choices, default=LineResult.PENDING
    )
    result_reason = models.TextField("lý do", blank=True)
    certificate_wording = models.TextField("nội dung ghi trên bằng, giấy khen", blank=True)

    class Meta:
        verbose_name = "người, tập thể được đề nghị"
        verbose_name_plural = "người, tập thể được đề nghị"
        ordering = ["dossier", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def nominee_key(self) -> str:
        if self.person_id:
            return f"person:{self.person_id}"
        if self.household_id:
            return f"household:{self.household_id}"
        if self.unit_id:
            return f"unit:{self.unit_id}"
        return f"name:{self.name.lower()}"


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField("loại tài liệu", max_length=30, choices=DocumentType.choices)
    file = models.FileField(upload_to="dossiers/%Y/%m/", max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    generated = models.BooleanField("do hệ thống soạn", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu hồ sơ"
        verbose_name_plural = "tài liệu hồ sơ"
        ordering = ["dossier", "doc_type", "-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
