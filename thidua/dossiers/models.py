"""Nomination dossiers: a unit's proposal for one award form, with its nominee lines."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.permissions import ScopedQuerySet, scope_for
from thidua.core.roles import Role
from thidua.core.text import fold
from thidua.org.identity import nominee_key
from thidua.org.models import Unit

from .enums import (
    ComplaintKind,
    ComplaintStatus,
    CouncilResult,
    DocumentType,
    DossierKind,
    DossierStatus,
    InitiativeLevel,
    InitiativeStatus,
    LineResult,
    MatterKind,
    SubjectKind,
)

PROPOSER_ROLES = (Role.UNIT_OFFICER, Role.UNIT_HEAD)


def role_unit_ids(scope, roles) -> set[int]:
    """The units where the scope holds any of `roles`."""
    return set().union(*(scope.roles.get(role, set()) for role in roles))


class DossierQuerySet(ScopedQuerySet):
    """The scope rules of dossiers, all through `for_user`:

    - ``"view"``: the unit-tree scope, and drafts belong to the proposing unit — the
      authority's staff do not see other units' drafts, only their own authority's (upward
      bundles);
    - ``"appraise"``: the appraisal queue's rule — dossiers whose authority is a unit where
      the user is the standing body;
    - other actions: the unit-tree scope.
    """

    scope_unit_lookup = "proposer"

    def for_user(self, user, action: str = "view"):
        scope = scope_for(user)
        if action == "appraise":
            if scope.is_global:
                return self
            return self.filter(authority_id__in=role_unit_ids(scope, [Role.STANDING_BODY]))
        scoped = super().for_user(user, action)
        if scope.is_global or action != "view":
            return scoped
        own_draft_proposers = Q(proposer_id__in=role_unit_ids(scope, [Role.STANDING_BODY]))
        own_unit_ids = role_unit_ids(scope, PROPOSER_ROLES)
        if own_unit_ids <= scope.unit_paths.keys():
            paths = [scope.unit_paths[pk] for pk in sorted(own_unit_ids)]
        else:  # a scope made by hand, without the paths
            paths = Unit.objects.filter(pk__in=own_unit_ids).values_list("path", flat=True)
        for path in paths:
            own_draft_proposers |= Q(proposer__path__startswith=path)
        not_draft = ~Q(status=DossierStatus.DRAFT)
        return scoped.filter(not_draft | (Q(status=DossierStatus.DRAFT) & own_draft_proposers))


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
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chuyên viên thẩm định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_dossiers",
    )
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
    # What the Biên bản họp xét records besides the votes (#14 item 8): who chaired, who took
    # the minutes, when the meeting opened and closed. Blank: the minutes leave a line to fill.
    meeting_chair = models.CharField("chủ trì cuộc họp", max_length=160, blank=True)
    meeting_secretary = models.CharField("thư ký cuộc họp", max_length=160, blank=True)
    meeting_start = models.TimeField("giờ bắt đầu họp", null=True, blank=True)
    meeting_end = models.TimeField("giờ kết thúc họp", null=True, blank=True)
    is_upward = models.BooleanField("đề nghị cấp trên khen thưởng", default=False)
    checklist = models.JSONField("kiểm tra hồ sơ", default=dict, blank=True)
    return_items = models.JSONField("nội dung cần hoàn thiện", default=list, blank=True)
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
    # Statistics copied from the person when the line is saved (the report forms count
    # women, ethnic minorities and direct workers at proposal time).
    is_woman = models.BooleanField("nữ", default=False)
    is_ethnic_minority = models.BooleanField("dân tộc thiểu số", default=False)
    is_direct_worker = models.BooleanField("người lao động trực tiếp", default=False)
    votes_for = models.PositiveSmallIntegerField("số phiếu đồng ý", null=True, blank=True)
    prior_rating = models.CharField("xếp loại năm trước", max_length=30, blank=True)
    achievement_key = models.CharField(max_length=64, blank=True, db_index=True)
    checklist = models.JSONField("kiểm tra của chuyên viên", default=dict, blank=True)
    # Written by the council step through `services.record_council_result`; the votes
    # themselves live on council.AgendaItem, which refers to this line.
    council_result = models.CharField(
        "kết quả Hội đồng",
        max_length=20,
        choices=CouncilResult.choices,
        default=CouncilResult.PENDING,
    )

    class Meta:
        verbose_name = "người, tập thể được đề nghị"
        verbose_name_plural = "người, tập thể được đề nghị"
        ordering = ["dossier", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def nominee_key(self) -> str:
        return nominee_key(self.person_id, self.household_id, self.unit_id, self.name)


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField("loại tài liệu", max_length=30, choices=DocumentType.choices)
    file = models.FileField(upload_to="dossiers/%Y/%m/", max_length=255)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    generated = models.BooleanField("do hệ thống soạn", default=False)
    # what a clerk would notice (a blank page given as signed minutes…), see dossiers.clerk
    findings = models.JSONField("điểm cần kiểm tra", default=list, blank=True)
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


class DossierVersion(models.Model):
    """Snapshot of the dossier and its nominee lines at each submission."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("lần nộp")
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("dossier__proposer").as_manager()

    class Meta:
        verbose_name = "phiên bản hồ sơ"
        verbose_name_plural = "phiên bản hồ sơ"
        ordering = ["dossier", "version"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "version"], name="dossier_version_once")
        ]


class InitiativeQuerySet(ScopedQuerySet):
    scope_unit_lookup = "unit"

    def recognised(self):
        return self.filter(status=InitiativeStatus.RECOGNISED)

    def available_for(self, person):
        """Recognised initiatives authored by `person` and not yet used on any dossier."""
        return self.filter(authors=person, dossier_links__isnull=True).distinct()

    def search(self, query: str):
        return self.filter(search_text__contains=fold(query)) if query else self


class Initiative(models.Model):
    """A sáng kiến; once recognised it may be used as evidence on one dossier only."""

    title = models.CharField("tên sáng kiến", max_length=500)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="initiatives"
    )
    authors = models.ManyToManyField(
        "org.Person",
        verbose_name="tác giả",
        related_name="initiatives",
        blank=True,
        db_table="reports_initiative_authors",
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
    field = models.CharField("lĩnh vực", max_length=200, blank=True)
    applied_from = models.DateField("áp dụng lần đầu từ", null=True, blank=True)
    search_text = models.CharField(max_length=600, db_index=True, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        # Moved from the reports app without touching the table (migration dossiers 0004).
        db_table = "reports_initiative"
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-recognised_on", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.field}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)


class NomineeInitiative(models.Model):
    """A recognised initiative used as evidence; one initiative is used once (CV 5007/BNV)."""

    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="initiative_links")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="dossier_links"
    )

    class Meta:
        verbose_name = "sáng kiến làm căn cứ"
        verbose_name_plural = "sáng kiến làm căn cứ"
        constraints = [models.UniqueConstraint(fields=["initiative"], name="initiative_used_once")]


class NomineeOrigin(models.Model):
    """An upward line (city → province) and the original line it bundles."""

    nominee = models.OneToOneField(Nominee, on_delete=models.CASCADE, related_name="origin_link")
    source = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="upward_links")

    class Meta:
        verbose_name = "dòng đề nghị gốc"
        verbose_name_plural = "dòng đề nghị gốc"
        constraints = [
            models.UniqueConstraint(fields=["source"], name="source_line_forwarded_once")
        ]


class DossierComment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="comments")
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("nội dung")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "trao đổi"
        verbose_name_plural = "trao đổi"
        ordering = ["created_at", "pk"]


class DeadlineException(models.Model):
    """The standing body lets one unit submit after the campaign's dossier deadline."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="deadline_exceptions"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    until = models.DateField("nộp chậm nhất ngày")
    reason = models.TextField("lý do")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("campaign__issuer").as_manager()

    class Meta:
        verbose_name = "gia hạn nộp hồ sơ"
        verbose_name_plural = "gia hạn nộp hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="deadline_exception_once")
        ]


class PendingMatter(models.Model):
    """A discipline, inspection or complaint in progress: no award meanwhile (NĐ 152 Đ4.4)."""

    kind = models.CharField("loại", max_length=20, choices=MatterKind.choices)
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "vụ việc đang xem xét"
        verbose_name_plural = "vụ việc đang xem xét"


class Disclosure(models.Model):
    """The list of proposed awardees of a campaign published on the portal for N days."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="disclosures"
    )
    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    nominees = models.ManyToManyField(Nominee, related_name="disclosures")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("authority").as_manager()

    class Meta:
        verbose_name = "công khai danh sách"
        verbose_name_plural = "công khai danh sách"
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"Công khai: {self.campaign}"


class PublicComment(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField("họ tên", max_length=120)
    contact = models.CharField("điện thoại hoặc thư điện tử", max_length=120)
    text = models.TextField("nội dung góp ý", max_length=3000)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("disclosure__authority").as_manager()

    class Meta:
        verbose_name = "góp ý công khai"
        verbose_name_plural = "góp ý công khai"
        ordering = ["-created_at"]


class Complaint(models.Model):
    """A khiếu nại or tố cáo about an award, with a deadline to answer."""

    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("loại", max_length=20, choices=ComplaintKind.choices)
    disclosure = models.ForeignKey(
        Disclosure, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    complainant = models.CharField("người gửi", max_length=120)
    contact = models.CharField("liên hệ", max_length=120, blank=True)
    content = models.TextField("nội dung")
    received_on = models.DateField("ngày nhận")
    answer_due = models.DateField("hạn trả lời")
    status = models.CharField(
        max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    answer = models.TextField("nội dung trả lời", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedQuerySet.with_lookup("authority").as_manager()

    class Meta:
        verbose_name = "khiếu nại, tố cáo"
        verbose_name_plural = "khiếu nại, tố cáo"
        ordering = ["status", "answer_due"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} của {self.complainant}"
