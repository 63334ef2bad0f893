"""Decisions (quyết định khen thưởng) and the permanent awards registry."""

import json

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.permissions import ScopedQuerySet

from .errors import DecisionError


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký ban hành"
    AMENDED = "amended", "Đã được sửa đổi, thay thế"
    REVOKED = "revoked", "Đã bị thu hồi"


ISSUED_STATUSES = (DecisionStatus.SIGNED, DecisionStatus.AMENDED, DecisionStatus.REVOKED)


class DecisionKind(models.TextChoices):
    AWARD = "award", "Khen thưởng"
    AMEND = "amend", "Sửa đổi, thay thế quyết định"
    REVOKE = "revoke", "Thu hồi quyết định"


#: Fields that make up a decision's content: frozen once signed, hashed at signing.
CONTENT_FIELDS = (
    "issuer_id",
    "campaign_id",
    "year",
    "number",
    "symbol",
    "doc_date",
    "title",
    "legal_grounds",
    "proposal_line",
    "signer_name",
    "signer_title",
    "sign_mode",
    "kind",
    "amends_id",
    "revokes_id",
    "reason",
    "base_salary",
)


def issued_decisions_awarding_below(scope, action: str):
    """Scope rule: besides the issuer's staff (the unit tree of `issuer`), a unit sees the
    issued decisions that award someone in its subtree (reading only)."""
    if action != "view" or not scope.view_paths:
        return None
    lines_below = DecisionLine.objects.filter(
        scope.q("awardee_unit"), decision__status__in=ISSUED_STATUSES
    )
    return Q(pk__in=lines_below.values("decision_id"))


class DecisionQuerySet(ScopedQuerySet):
    scope_unit_lookup = "issuer"
    scope_rules = (issued_decisions_awarding_below,)


def number_display(number: int | None, symbol: str) -> str:
    """A decision's number as printed: "05/QĐ-UBND", or "…/QĐ-UBND" before it is numbered."""
    return f"{number:02d}/{symbol}" if number else f"…/{symbol}"


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
    kind = models.CharField(
        "loại quyết định", max_length=10, choices=DecisionKind.choices, default=DecisionKind.AWARD
    )
    session = models.ForeignKey(
        "council.CouncilSession",
        verbose_name="phiên họp Hội đồng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    proposal_line = models.CharField("theo đề nghị của", max_length=300, blank=True)
    reason = models.TextField("lý do sửa đổi, thu hồi", blank=True)
    base_salary = models.PositiveIntegerField(
        "mức lương cơ sở áp dụng (đồng)", null=True, blank=True
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField("bản PDF", upload_to="decisions/%Y/", blank=True, max_length=255)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number", "symbol"], name="decision_number_unique"
            ),
            # One pending correction per decision, enforced by the database so that requests
            # arriving together cannot each pass the service's check (issue #10 item 13).
            models.UniqueConstraint(
                fields=["amends"],
                condition=models.Q(status="draft"),
                name="decision_one_pending_amendment",
            ),
            models.UniqueConstraint(
                fields=["revokes"],
                condition=models.Q(status="draft"),
                name="decision_one_pending_revocation",
            ),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number_display}"

    def save(self, *args, **kwargs):
        """A signed decision never changes: any change of its content is refused here, below
        every service, so no code path can rewrite it."""
        if self.pk:
            fields = (*CONTENT_FIELDS, "content_hash")
            stored = Decision.objects.filter(pk=self.pk).values(*fields, "status").first()
            if stored and stored["status"] != DecisionStatus.DRAFT:
                changed = [f for f in fields if stored[f] != getattr(self, f)]
                if changed:
                    raise DecisionError(
                        f"Quyết định {self.number_display} đã ký ban hành, không được sửa "
                        "nội dung; muốn đính chính, xin ban hành quyết định sửa đổi hoặc thu hồi."
                    )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != DecisionStatus.DRAFT:
            raise DecisionError("Không được xóa quyết định đã ký ban hành.")
        return super().delete(*args, **kwargs)

    @property
    def number_display(self) -> str:
        return number_display(self.number, self.symbol)

    @property
    def is_draft(self) -> bool:
        return self.status == DecisionStatus.DRAFT

    def canonical_content(self) -> dict:
        """The decision and its awardees as plain data; its SHA-256 is the content hash."""
        data = {f: getattr(self, f) for f in CONTENT_FIELDS}
        data["doc_date"] = self.doc_date.isoformat() if self.doc_date else None
        data["lines"] = [line.canonical() for line in self.lines.order_by("order", "pk")]
        return data

    def compute_hash(self) -> str:
        import hashlib

        blob = json.dumps(
            self.canonical_content(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class DecisionCounter(models.Model):
    """The last number an issuer used in a year; locked with select_for_update to take the next."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "sổ số quyết định"
        verbose_name_plural = "sổ số quyết định"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="decision_counter_once")
        ]


class DecisionLineQuerySet(ScopedQuerySet):
    scope_unit_lookup = "decision__issuer"


class DecisionLine(models.Model):
    """One awardee in a decision (Điều 1), with the money computed on the decision date."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    nominee = models.ForeignKey(
        "dossiers.Nominee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
    )
    form_code = models.CharField("mã hình thức", max_length=60)
    form_name = models.CharField("hình thức khen thưởng", max_length=255)
    form_kind = models.CharField("loại", max_length=20, default="hinh_thuc")
    subject_kind = models.CharField("đối tượng", max_length=20)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "org.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    awardee_name = models.CharField("tên người, tập thể được khen", max_length=255)
    awardee_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    awardee_unit_name = models.CharField("đơn vị", max_length=255, blank=True)
    position = models.CharField("chức vụ", max_length=160, blank=True)
    wording = models.TextField("nội dung khen", blank=True)
    period_key = models.CharField("kỳ thành tích", max_length=40, blank=True)
    coefficient = models.DecimalField(
        "hệ số", max_digits=6, decimal_places=2, null=True, blank=True
    )
    amount = models.PositiveIntegerField("tiền thưởng (đồng)", default=0)
    money_note = models.CharField("ghi chú tiền thưởng", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = DecisionLineQuerySet.as_manager()

    class Meta:
        verbose_name = "người, tập thể trong quyết định"
        verbose_name_plural = "người, tập thể trong quyết định"
        ordering = ["decision", "order", "pk"]

    def __str__(self) -> str:
        return self.awardee_name

    def save(self, *args, **kwargs):
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._guard()
        return super().delete(*args, **kwargs)

    def canonical(self) -> dict:
        return {
            "nominee": self.nominee_id,
            "form_code": self.form_code,
            "form_name": self.form_name,
            "subject_kind": self.subject_kind,
            "person": self.person_id,
            "unit": self.unit_id,
            "household": self.household_id,
            "awardee_name": self.awardee_name,
            "awardee_unit": self.awardee_unit_id,
            "awardee_unit_name": self.awardee_unit_name,
            "position": self.position,
            "wording": self.wording,
            "period_key": self.period_key,
            "coefficient": str(self.coefficient) if self.coefficient is not None else None,
            "amount": self.amount,
            "order": self.order,
        }

    def _guard(self):
        status = (
            Decision.objects.filter(pk=self.decision_id).values_list("status", flat=True).first()
        )
        if status and status != DecisionStatus.DRAFT:
            raise DecisionError(
                "Quyết định đã ký ban hành: không được thay đổi danh sách khen thưởng."
            )


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
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards_received",
        help_text="Tập thể/địa phương được khen",
    )
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
    line = models.OneToOneField(
        DecisionLine, null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_kind = models.CharField("hiện vật", max_length=20, blank=True)
    item_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "sổ khen thưởng"
        ordering = ["-award_date", "awardee_name"]

    def __str__(self) -> str:
        return f"{self.form_name} — {self.awardee_name}"
