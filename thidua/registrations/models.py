"""Registrations (đăng ký thi đua): what a unit commits to in a campaign, its progress, the
block criteria and reviews, prior-year ratings, quarterly checks and reminders.

Models are thin; every write goes through `services.py`. The completion formula lives in
`completion.py`; `ranking.py` computes the same formula in the database.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from thidua.core.permissions import ScopedQuerySet
from thidua.core.roles import Role
from thidua.legal.read import RATINGS

from .enums import CommitmentKind, RegistrationStatus, ReminderKind, ReviewMethod

RATING_CHOICES = [(r["code"], r["label"]) for r in RATINGS]
DEC = {"max_digits": 20, "decimal_places": 4}


def block_head_reads(registration_lookup: str = ""):
    """Scope rule for registrations (reached by `registration_lookup`, "" for the
    registration itself): the head of a block reads the registrations of that block in
    every year, not only the current one (campaigns outlive block terms)."""
    prefix = f"{registration_lookup}__" if registration_lookup else ""

    def rule(scope, action: str):
        heads = scope.roles.get(Role.BLOCK_HEAD)
        if action != "view" or not heads:
            return None
        return Q(**{f"{prefix}block__head_id__in": heads})

    return rule


def scoped_through_registration(registration_lookup: str = ""):
    """The scoped queryset of a model that belongs to a registration."""
    unit_lookup = f"{registration_lookup}__unit" if registration_lookup else "unit"
    return ScopedQuerySet.with_lookup(unit_lookup, block_head_reads(registration_lookup))


class Registration(models.Model):
    """One unit's registration for one campaign. A commune may register on behalf of the
    enterprises and co-ops under it (`collected_by`)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="phong trào",
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="registrations"
    )
    collected_by = models.ForeignKey(
        "org.Unit",
        verbose_name="xã, phường tổng hợp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collected_registrations",
    )
    block = models.ForeignKey(
        "org.Block",
        verbose_name="khối thi đua",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        db_index=True,
    )
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_late = models.BooleanField("gửi muộn", default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("lý do trả lại", blank=True)
    times_returned = models.PositiveSmallIntegerField("số lần bị trả lại", default=0)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_late = models.BooleanField("trưởng khối gửi muộn", default=False)

    objects = scoped_through_registration().as_manager()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["campaign", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="registration_once")
        ]
        indexes = [models.Index(fields=["campaign", "block", "status"], name="reg_campaign_block")]

    def __str__(self) -> str:
        return f"Đăng ký thi đua của {self.unit} — {self.campaign}"


class Evidence(models.Model):
    """An uploaded proof (minutes, photos, reports). Stored under MEDIA_ROOT, served only
    by a view that checks permissions."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="registrations/evidence/%Y/%m/")
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.original_name


class Indicator(models.Model):
    """A measurable target (chỉ tiêu) of a registration."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField("tên chỉ tiêu", max_length=500)
    unit_of_measure = models.CharField("đơn vị tính", max_length=60, blank=True)
    baseline = models.DecimalField("giá trị ban đầu", null=True, blank=True, **DEC)
    target = models.DecimalField("chỉ tiêu", **DEC)
    weight = models.DecimalField("trọng số", default=Decimal(1), **DEC)
    lower_is_better = models.BooleanField("càng thấp càng tốt", default=False)
    cap = models.DecimalField("mức trần", default=Decimal("1.2"), **DEC)
    source_ref = models.CharField("căn cứ (nghị quyết, đề án)", max_length=500, blank=True)

    objects = scoped_through_registration("registration").as_manager()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["registration", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """Common fields of work items (công trình, phần việc) and events (sự kiện)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("tên", max_length=500)
    due_date = models.DateField("hạn hoàn thành", null=True, blank=True)
    weight = models.DecimalField("trọng số", default=Decimal(1), **DEC)
    done_at = models.DateTimeField("hoàn thành lúc", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField("kết quả", blank=True)

    objects = scoped_through_registration("registration").as_manager()

    class Meta:
        abstract = True
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class WorkItem(Commitment):
    kind = CommitmentKind.WORK_ITEM
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="work_items"
    )

    class Meta(Commitment.Meta):
        verbose_name = "công trình, phần việc"
        verbose_name_plural = "công trình, phần việc"


class Event(Commitment):
    kind = CommitmentKind.EVENT
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")

    class Meta(Commitment.Meta):
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"


class ProgressReport(models.Model):
    """An actual value of an indicator at a date; the latest one on or before a date counts."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reports")
    report_date = models.DateField("ngày số liệu")
    actual = models.DecimalField("kết quả", **DEC)
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_through_registration("indicator__registration").as_manager()

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["indicator", "report_date", "pk"]
        # The ranking asks "latest report of this indicator on or before D": one seek on a
        # covering index (the actual value is in the index, no table lookup).
        indexes = [
            models.Index(
                fields=["indicator", "-report_date", "-id", "actual"], name="progress_latest_cov"
            )
        ]


class PriorRating(models.Model):
    """The rating of a unit or a person for a year (xếp loại), used by eligibility rules."""

    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="prior_ratings"
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="prior_ratings"
    )
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=30, choices=RATING_CHOICES)
    source = models.CharField("căn cứ", max_length=300, blank=True)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "kết quả xếp loại"
        verbose_name_plural = "kết quả xếp loại"
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="prior_rating_unit_xor_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(unit__isnull=False), name="prior_unit_year"
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="prior_person_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.person} — {self.year}: {self.get_rating_display()}"


class BlockScheme(models.Model):
    """A block's scoring scheme for a year. Once used by a ranking or a review it is
    frozen (`used_at`): changes make a new version.

    criteria: [{"code", "label", "points", "required": bool}]; bonus / penalty:
    [{"code", "label", "points"}]. Score = completion rate × completion_points + points
    awarded (BlockScore); a unit lacking a required criterion ranks after those that have
    them all."""

    block = models.ForeignKey("org.Block", on_delete=models.PROTECT, related_name="schemes")
    year = models.PositiveSmallIntegerField("năm")
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    title = models.CharField("tên bộ tiêu chí", max_length=300)
    completion_points = models.DecimalField(
        "điểm tối đa cho tỷ lệ hoàn thành", default=Decimal(100), **DEC
    )
    criteria = models.JSONField("tiêu chí chấm điểm", default=list, blank=True)
    bonus = models.JSONField("điểm thưởng", default=list, blank=True)
    penalty = models.JSONField("điểm trừ", default=list, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField("đã dùng để xếp hạng lúc", null=True, blank=True)

    objects = ScopedQuerySet.with_lookup("block__authority").as_manager()

    class Meta:
        verbose_name = "bộ tiêu chí khối"
        verbose_name_plural = "bộ tiêu chí khối"
        ordering = ["block", "year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["block", "year", "version"], name="scheme_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (phiên bản {self.version}/{self.year})"

    @property
    def label(self) -> str:
        return f"{self.title}, phiên bản {self.version} năm {self.year}"

    def all_items(self) -> list[dict]:
        return (
            [dict(c, group="criteria") for c in self.criteria]
            + [dict(c, group="bonus") for c in self.bonus]
            + [dict(c, group="penalty") for c in self.penalty]
        )


class BlockScore(models.Model):
    """Points a unit earned on one item of a block scheme (penalties are stored negative)."""

    scheme = models.ForeignKey(BlockScheme, on_delete=models.PROTECT, related_name="scores")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=60)
    points = models.DecimalField(**DEC)
    note = models.CharField(max_length=300, blank=True)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "unit", "code"], name="score_once")
        ]


class BlockReview(models.Model):
    """The block meeting (bình xét, suy tôn) that ranks members and proposes leaders."""

    block = models.ForeignKey("org.Block", on_delete=models.PROTECT, related_name="reviews")
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="block_reviews"
    )
    meeting_date = models.DateField("ngày họp")
    location = models.CharField("địa điểm", max_length=300, blank=True)
    chair = models.CharField("chủ trì", max_length=200, blank=True)
    secretary = models.CharField("thư ký", max_length=200, blank=True)
    attendees = models.JSONField("thành phần tham dự", default=list, blank=True)
    as_at = models.DateField("số liệu tính đến ngày")
    scheme = models.ForeignKey(
        BlockScheme, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    proposed_order = models.JSONField("thứ tự đề xuất", default=list, blank=True)
    method = models.CharField(
        "hình thức", max_length=20, choices=ReviewMethod.choices, default=ReviewMethod.VOTE
    )
    votes = models.JSONField("số phiếu", default=dict, blank=True)
    present_count = models.PositiveSmallIntegerField("số đại biểu có mặt", default=0)
    conclusion = models.TextField("kết luận", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("block__authority").as_manager()

    class Meta:
        verbose_name = "họp bình xét, suy tôn"
        verbose_name_plural = "họp bình xét, suy tôn"
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return f"Họp bình xét {self.block} ngày {self.meeting_date:%d/%m/%Y}"


class QuarterlyCheck(models.Model):
    """A council member's check of a unit (kiểm tra định kỳ hằng quý)."""

    council_member = models.ForeignKey(
        "org.CouncilMember", on_delete=models.PROTECT, related_name="checks"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    check_date = models.DateField("ngày kiểm tra")
    findings = models.TextField("kết quả kiểm tra")
    recommendations = models.TextField("kiến nghị", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "kiểm tra định kỳ"
        verbose_name_plural = "kiểm tra định kỳ"
        ordering = ["-check_date", "-pk"]


class Reminder(models.Model):
    """One reminder per unit, deadline and kind: the log that makes reminders idempotent."""

    deadline = models.ForeignKey(
        "campaigns.CampaignDeadline", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500)

    objects = ScopedQuerySet.with_lookup("unit").as_manager()

    class Meta:
        verbose_name = "nhắc hạn"
        verbose_name_plural = "nhắc hạn"
        constraints = [
            models.UniqueConstraint(fields=["deadline", "unit", "kind"], name="reminder_once")
        ]


class RankingSnapshot(models.Model):
    """The stored ranking of one block in one campaign as at a date (issue 13): pages, the
    API and dossier checks read it instead of ranking in the request.

    Kept dates are the campaign's month ends and the current date (`snapshots.kept_dates`);
    `is_current` marks the one pages show by default. A change to a registration, its
    indicators, reports, work items or events marks the block's snapshots on or after the
    change's date `dirty` and queues a refresh; a dirty snapshot is refreshed before it is
    read. Closing the campaign freezes its snapshots (`frozen_at`): they are what a closed
    campaign shows, until the standing body reopens it."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="ranking_snapshots"
    )
    block = models.ForeignKey("org.Block", on_delete=models.CASCADE, related_name="+")
    as_at = models.DateField("số liệu tính đến")
    is_current = models.BooleanField(default=False)
    computed_at = models.DateTimeField("tính lúc")
    dirty = models.BooleanField(default=False)
    frozen_at = models.DateTimeField("chốt khi kết thúc lúc", null=True, blank=True)

    objects = ScopedQuerySet.with_lookup("block__authority").as_manager()

    class Meta:
        verbose_name = "bảng xếp hạng đã lưu"
        verbose_name_plural = "bảng xếp hạng đã lưu"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "block", "as_at"], name="ranking_snapshot_once"
            )
        ]
        indexes = [
            models.Index(fields=["campaign", "is_current", "block"], name="ranking_snapshot_cur")
        ]

    def __str__(self) -> str:
        return f"Xếp hạng {self.block_id} — {self.campaign_id} tính đến {self.as_at:%d/%m/%Y}"


class RankingEntry(models.Model):
    """One ranked registration of a snapshot."""

    snapshot = models.ForeignKey(RankingSnapshot, on_delete=models.CASCADE, related_name="entries")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    rate = models.DecimalField(**DEC)
    score = models.DecimalField(**DEC)
    rank = models.PositiveIntegerField()

    class Meta:
        ordering = ["snapshot", "rank", "pk"]
