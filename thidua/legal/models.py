"""Editable, dated legal tables. Loaded from `thidua.legal.tables`; the standing body edits
them in the admin when a decree changes, and every rule is chosen by its own date."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.db.models import Q


class DatedQuerySet(models.QuerySet):
    def in_force(self, on: date):
        return self.filter(valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class Dated(models.Model):
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    citation = models.CharField("căn cứ pháp lý", max_length=255)
    confirmed = models.BooleanField(
        "đã đối chiếu văn bản gốc",
        default=True,
        help_text="Bỏ chọn với quy định chưa được xác nhận (đánh dấu [U] trong tài liệu pháp lý).",
    )
    note = models.TextField("ghi chú", blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True


class AwardLevel(models.TextChoices):
    UNIT = "co_so", "Thủ trưởng cơ quan, đơn vị"
    COMMUNE = "xa", "Cấp xã"
    DISTRICT = "huyen", "Cấp huyện"
    PROVINCE = "tinh", "Cấp tỉnh"
    CENTRAL = "trung_uong", "Trung ương"


class AwardForm(Dated):
    """An emulation title or form of commendation, as in force over a period."""

    code = models.CharField("mã", max_length=60, db_index=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120)
    kind = models.CharField(
        "loại",
        max_length=20,
        choices=[("danh_hieu", "Danh hiệu thi đua"), ("hinh_thuc", "Hình thức khen thưởng")],
    )
    level = models.CharField("cấp khen", max_length=20, choices=AwardLevel.choices)
    grantor = models.CharField("người/cơ quan quyết định", max_length=160)
    subjects = models.JSONField("đối tượng", default=list)
    coefficient_individual = models.DecimalField(
        "hệ số cá nhân", max_digits=6, decimal_places=2, null=True, blank=True
    )
    coefficient_collective = models.DecimalField(
        "hệ số tập thể", max_digits=6, decimal_places=2, null=True, blank=True
    )
    coefficient_household = models.DecimalField(
        "hệ số hộ gia đình", max_digits=6, decimal_places=2, null=True, blank=True
    )
    council_vote = models.CharField("ngưỡng bỏ phiếu Hội đồng (%)", max_length=4, blank=True)
    requires_initiative = models.BooleanField("cần sáng kiến", default=False)
    proposal_only = models.BooleanField("chỉ đề nghị cấp trên", default=False)

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh hiệu, hình thức khen thưởng"
        ordering = ["level", "code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="award_form_version")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def on(cls, code: str, on: date) -> "AwardForm":
        form = cls.objects.in_force(on).filter(code=code).order_by("-valid_from").first()
        if form is None:
            named = cls.objects.filter(code=code).order_by("-valid_from").first()
            name = named.name if named else code.replace("_", " ")
            raise cls.DoesNotExist(
                f"Không có hình thức khen thưởng “{name}” có hiệu lực ngày {on:%d/%m/%Y}."
            )
        return form

    def coefficient_for(self, subject_kind: str) -> Decimal | None:
        if subject_kind == "individual":
            return self.coefficient_individual
        if subject_kind == "household":
            return self.coefficient_household
        return self.coefficient_collective


class BaseSalary(Dated):
    amount = models.PositiveIntegerField("mức lương cơ sở (đồng)")

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class VotingThreshold(Dated):
    forms = models.JSONField("mã hình thức", default=list)
    numerator = models.PositiveSmallIntegerField("tử số")
    denominator = models.PositiveSmallIntegerField("mẫu số")

    class Meta:
        verbose_name = "ngưỡng biểu quyết Hội đồng"
        verbose_name_plural = "ngưỡng biểu quyết Hội đồng"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} tổng số thành viên: {', '.join(self.forms)}"

    @property
    def share(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)


class LegalSetting(Dated):
    """Other dated, editable facts (quorum, disclosure days, rounding step…)."""

    key = models.CharField("khóa", max_length=80, db_index=True)
    value = models.JSONField("giá trị")
    label = models.CharField("mô tả", max_length=255)

    class Meta:
        verbose_name = "tham số pháp lý"
        verbose_name_plural = "tham số pháp lý"
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="legal_setting_version")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"

    @classmethod
    def value_on(cls, key: str, on: date, default=None):
        row = cls.objects.in_force(on).filter(key=key).order_by("-valid_from").first()
        return row.value if row else default


class LegalGround(Dated):
    """A document cited in the căn cứ lines of a decision while it is in force
    (`valid_from`…`valid_to` = the decision dates it applies to)."""

    key = models.CharField("khóa", max_length=80, db_index=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    doc_type = models.CharField("loại văn bản", max_length=40)
    name = models.CharField("tên luật", max_length=255, blank=True)
    number = models.CharField("số, ký hiệu", max_length=40)
    issued_on = models.DateField("ngày ban hành")
    issuing_body = models.CharField("cơ quan ban hành", max_length=120)
    summary = models.CharField("trích yếu", max_length=400, blank=True)
    issuer_kinds = models.JSONField(
        "chỉ áp dụng cho loại đơn vị ban hành",
        default=list,
        blank=True,
        help_text="Để trống: mọi cơ quan ban hành quyết định.",
    )

    class Meta:
        verbose_name = "căn cứ pháp lý của quyết định"
        verbose_name_plural = "căn cứ pháp lý của quyết định"
        ordering = ["order", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="legal_ground_version")
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.number}"
