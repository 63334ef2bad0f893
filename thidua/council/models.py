"""Council sessions (phiên họp Hội đồng Thi đua - Khen thưởng): agenda, attendance, secret
ballot, recusals and results.

Why the ballot is split in two tables: a secret ballot must prove THAT a member voted (so
nobody votes twice) without ever storing HOW. `BallotReceipt` holds (session, member, item)
and nothing else — no choice, no time; the choice only increments the totals on
`AgendaItem` inside the same transaction. No column anywhere links a member to a choice.
"""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet

from .enums import AttendanceStatus, ItemResult, SessionKind, SessionStatus


class CouncilSessionQuerySet(ScopedQuerySet):
    scope_unit_lookup = "authority"


class CouncilSession(models.Model):
    authority = models.ForeignKey(
        "org.Unit",
        verbose_name="cấp Hội đồng",
        on_delete=models.PROTECT,
        related_name="council_sessions",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="phong trào",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_sessions",
    )
    title = models.CharField("tên phiên họp", max_length=300)
    date = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    kind = models.CharField(
        "loại phiên họp", max_length=20, choices=SessionKind.choices, default=SessionKind.AWARD
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    chair = models.ForeignKey(
        "org.CouncilMember",
        verbose_name="chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        "org.CouncilMember",
        verbose_name="thư ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    total_members = models.PositiveSmallIntegerField("tổng số thành viên Hội đồng", default=0)
    notes = models.TextField("ý kiến thảo luận, kết luận", blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "phiên họp Hội đồng TĐKT"
        verbose_name_plural = "phiên họp Hội đồng TĐKT"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"


class Attendance(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        "org.CouncilMember", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(
        "tham dự", max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )

    objects = ScopedQuerySet.with_lookup("session__authority").as_manager()

    class Meta:
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        ordering = ["session", "member__role", "member__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once")
        ]


class AgendaItem(models.Model):
    """One nominee line put to the vote, with the vote TOTALS only."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nominee = models.ForeignKey(
        "dossiers.Nominee", on_delete=models.PROTECT, related_name="agenda_items"
    )
    form_code = models.CharField("hình thức khen thưởng", max_length=60)
    form_name = models.CharField("tên hình thức", max_length=255)
    order = models.PositiveSmallIntegerField(default=0)
    threshold_numerator = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_denominator = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_citation = models.CharField(max_length=255, blank=True)
    yes = models.PositiveSmallIntegerField("đồng ý (tại phiên họp)", default=0)
    no = models.PositiveSmallIntegerField("không đồng ý (tại phiên họp)", default=0)
    abstain = models.PositiveSmallIntegerField("không biểu quyết (tại phiên họp)", default=0)
    written_yes = models.PositiveSmallIntegerField("đồng ý (bằng văn bản)", default=0)
    written_no = models.PositiveSmallIntegerField("không đồng ý (bằng văn bản)", default=0)
    written_abstain = models.PositiveSmallIntegerField("không biểu quyết (bằng văn bản)", default=0)
    result = models.CharField(
        "kết quả", max_length=20, choices=ItemResult.choices, default=ItemResult.PENDING
    )
    required_yes = models.PositiveSmallIntegerField(
        "số phiếu đồng ý cần đạt", null=True, blank=True
    )
    result_message = models.CharField("diễn giải kết quả", max_length=300, blank=True)

    objects = ScopedQuerySet.with_lookup("session__authority").as_manager()

    class Meta:
        verbose_name = "nội dung biểu quyết"
        verbose_name_plural = "nội dung biểu quyết"
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nominee"], name="agenda_nominee_once")
        ]

    def __str__(self) -> str:
        return f"{self.nominee.name} — {self.form_name}"

    @property
    def total_yes(self) -> int:
        return self.yes + self.written_yes

    @property
    def total_no(self) -> int:
        return self.no + self.written_no

    @property
    def total_abstain(self) -> int:
        return self.abstain + self.written_abstain

    @property
    def threshold_label(self) -> str:
        if not self.threshold_numerator:
            return "Quá nửa tổng số thành viên"
        pct = round(100 * self.threshold_numerator / self.threshold_denominator)
        return f"≥ {pct}% tổng số thành viên"


class Recusal(models.Model):
    """A member with a conflict of interest on one line: does not vote on it (recorded)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(
        "org.CouncilMember", on_delete=models.PROTECT, related_name="recusals"
    )
    reason = models.CharField("lý do", max_length=255)

    class Meta:
        verbose_name = "không tham gia biểu quyết"
        verbose_name_plural = "không tham gia biểu quyết"
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_once")]


class BallotReceipt(models.Model):
    """THAT a member voted on an item — never HOW (no choice, no time)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey("org.CouncilMember", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="receipts")

    class Meta:
        verbose_name = "xác nhận đã bỏ phiếu"
        verbose_name_plural = "xác nhận đã bỏ phiếu"
        constraints = [
            models.UniqueConstraint(fields=["member", "item"], name="one_ballot_per_member_item")
        ]
