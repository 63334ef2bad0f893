"""Decisions (quyết định khen thưởng) and the permanent awards registry."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký ban hành"
    REVOKED = "revoked", "Đã bị thu hồi"


class DecisionQuerySet(ScopedQuerySet):
    scope_unit_lookup = "issuer"


class Decision(models.Model):
    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("ký hiệu", max_length=40, default="QĐ-UBND")
    doc_date = models.DateField("ngày ký", null=True, blank=True)
    title = models.CharField("trích yếu", max_length=500)
    legal_grounds = models.TextField("căn cứ", blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    sign_mode = models.CharField(
        "thẩm quyền ký", max_length=10, blank=True, help_text="TM., KT. hoặc để trống"
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    content_hash = models.CharField("mã băm nội dung (SHA-256)", max_length=64, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    amends = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amended_by"
    )
    revokes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revoked_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number", "symbol"], name="decision_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number_display}"

    @property
    def number_display(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else f"…/{self.symbol}"


class AwardQuerySet(ScopedQuerySet):
    scope_unit_lookup = "awardee_unit"


class Award(models.Model):
    """One award to one awardee: the registry row, kept across unit merges."""

    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    nominee = models.OneToOneField(
        "dossiers.Nominee", null=True, blank=True, on_delete=models.SET_NULL, related_name="award"
    )
    form_code = models.CharField("mã hình thức", max_length=60, db_index=True)
    form_name = models.CharField("hình thức khen thưởng", max_length=255)
    subject_kind = models.CharField("đối tượng", max_length=20)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="awards_received",
                             help_text="Tập thể/địa phương được khen")  # fmt: skip
    household = models.ForeignKey(
        "org.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    awardee_unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị của người được khen",
        on_delete=models.PROTECT,
        related_name="+",
    )
    awardee_name = models.CharField("tên người, tập thể được khen", max_length=255)
    awardee_unit_name = models.CharField("đơn vị (tại thời điểm khen)", max_length=255, blank=True)
    wording = models.TextField("nội dung khen", blank=True)
    award_date = models.DateField("ngày khen", db_index=True)
    year = models.PositiveSmallIntegerField("năm", db_index=True)
    period_key = models.CharField("kỳ thành tích", max_length=40, blank=True)
    amount = models.PositiveIntegerField("tiền thưởng (đồng)", default=0)
    paid_at = models.DateField("ngày chi", null=True, blank=True)
    item_issued_at = models.DateField("ngày cấp hiện vật", null=True, blank=True)
    verification_code = models.CharField("mã xác thực", max_length=16, unique=True)
    search_text = models.CharField(max_length=400, db_index=True, default="")
    source = models.CharField("nguồn", max_length=20, default="internal")
    revoked = models.BooleanField("đã thu hồi", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "sổ khen thưởng"
        ordering = ["-award_date", "awardee_name"]

    def __str__(self) -> str:
        return f"{self.form_name} — {self.awardee_name}"
