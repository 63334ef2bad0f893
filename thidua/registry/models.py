"""Certificates (serials, print layouts, bulk batches). The registry rows themselves are
`thidua.awards.models.Award`, written when a decision is signed."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from thidua.core.permissions import ScopedQuerySet

from .certificates import DEFAULT_LAYOUT, FORM_KIND_LABELS


def default_layout() -> dict:
    return {name: dict(spec) for name, spec in DEFAULT_LAYOUT.items()}


class FormKind(models.TextChoices):
    GIAY_KHEN = "giay_khen", FORM_KIND_LABELS["giay_khen"]
    BANG_KHEN = "bang_khen", FORM_KIND_LABELS["bang_khen"]
    CO_THI_DUA = "co_thi_dua", FORM_KIND_LABELS["co_thi_dua"]
    BANG_CHUNG_NHAN = "bang_chung_nhan", FORM_KIND_LABELS["bang_chung_nhan"]
    GIAY_CHUNG_NHAN = "giay_chung_nhan", FORM_KIND_LABELS["giay_chung_nhan"]


class CertificateLayout(models.Model):
    """Where the variable fields go on an issuer's pre-printed blank (phôi) of one form."""

    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="certificate_layouts",
    )
    form_kind = models.CharField("loại phôi", max_length=20, choices=FormKind.choices)
    issuer_title = models.CharField(
        "dòng danh nghĩa người tặng",
        max_length=200,
        blank=True,
        help_text="Để trống: chức danh người đứng đầu theo tên cơ quan ban hành (“CHỦ TỊCH ỦY BAN "
        "NHÂN DÂN …”, “GIÁM ĐỐC SỞ …”, “TRƯỞNG PHÒNG …”).",
    )
    use_blank = models.BooleanField(
        "in lên phôi in sẵn",
        default=True,
        help_text="Bỏ chọn: thidua in toàn bộ mẫu giấy khen/bằng khen.",
    )
    fields = models.JSONField("vị trí các trường (mm)", default=default_layout)
    scan = models.FileField(
        "ảnh quét phôi", upload_to="registry/scans/%Y/", blank=True, max_length=255
    )
    scan_width = models.PositiveIntegerField(default=0, editable=False)
    scan_height = models.PositiveIntegerField(default=0, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.with_lookup("issuer").as_manager()

    class Meta:
        verbose_name = "mẫu in giấy khen, bằng khen"
        verbose_name_plural = "mẫu in giấy khen, bằng khen"
        ordering = ["issuer__name", "form_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "form_kind"], name="certificate_layout_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_kind_display()} — {self.issuer}"


class SerialCounter(models.Model):
    """The last certificate serial (số vào sổ) per issuer and year; taken under a row lock."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="serial_counter_unique")
        ]


class Certificate(models.Model):
    """One certificate per award, with its serial; reprints keep the serial."""

    award = models.OneToOneField(
        "awards.Award", on_delete=models.PROTECT, related_name="certificate"
    )
    issuer = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    year = models.PositiveSmallIntegerField("năm")
    serial = models.PositiveIntegerField("số vào sổ")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("issuer").as_manager()

    class Meta:
        verbose_name = "giấy khen, bằng khen đã in"
        verbose_name_plural = "giấy khen, bằng khen đã in"
        ordering = ["issuer", "year", "serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "serial"], name="certificate_serial_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.serial_display

    @property
    def serial_display(self) -> str:
        return f"{self.serial:04d}/{self.year}"


class BatchStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi, có thể chạy tiếp"


class CertificateBatch(models.Model):
    """Bulk generation for a whole decision: numbered part files, then one merged PDF."""

    decision = models.ForeignKey(
        "awards.Decision", on_delete=models.PROTECT, related_name="certificate_batches"
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    use_blank = models.BooleanField("in lên phôi", default=False)
    total = models.PositiveIntegerField("tổng số", default=0)
    done = models.PositiveIntegerField("đã tạo", default=0)
    part_size = models.PositiveIntegerField(default=100)
    parts_done = models.JSONField(default=list, blank=True)
    file = models.CharField("tệp PDF", max_length=255, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    error = models.TextField("lỗi", blank=True)
    # The lease: the worker generating the batch renews `heartbeat_at` with every part it
    # writes; a running batch whose heartbeat is older than REGISTRY_BATCH_LEASE_SECONDS
    # lost its worker (killed, machine restarted) and is resumed by another one.
    lease_owner = models.CharField("tiến trình đang tạo", max_length=120, blank=True)
    heartbeat_at = models.DateTimeField("tín hiệu cuối của tiến trình", null=True, blank=True)
    resume_queued_at = models.DateTimeField("xếp hàng chạy tiếp lúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.with_lookup("decision__issuer").as_manager()

    class Meta:
        verbose_name = "lô in giấy khen"
        verbose_name_plural = "lô in giấy khen"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Lô in {self.pk} — {self.decision}"

    @property
    def percent(self) -> int:
        return (
            round(100 * self.done / self.total)
            if self.total
            else (100 if self.status == BatchStatus.DONE else 0)
        )

    @property
    def is_running(self) -> bool:
        return self.status in (BatchStatus.PENDING, BatchStatus.RUNNING)

    @property
    def is_stalled(self) -> bool:
        """ "Đang tạo", but its worker has not renewed the lease in time: it died."""
        if self.status != BatchStatus.RUNNING:
            return False
        last_sign = self.heartbeat_at or self.created_at
        return last_sign is not None and last_sign < lease_cutoff()

    @property
    def status_label(self) -> str:
        return "Bị gián đoạn" if self.is_stalled else self.get_status_display()


def lease_cutoff():
    """Heartbeats older than this are expired leases."""
    seconds = getattr(settings, "REGISTRY_BATCH_LEASE_SECONDS", 60)
    return timezone.now() - timedelta(seconds=seconds)


class CertificateBatchPart(models.Model):
    """One written part file of a batch; at most one row per (batch, index)."""

    batch = models.ForeignKey(CertificateBatch, on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField("số thứ tự phần")
    pages = models.PositiveIntegerField("số trang")
    written_by = models.CharField("tiến trình đã tạo", max_length=120, blank=True)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phần của lô in"
        verbose_name_plural = "phần của lô in"
        ordering = ["batch", "index"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "index"], name="certificate_batch_part_unique")
        ]

    def __str__(self) -> str:
        return f"Phần {self.index} — lô in {self.batch_id}"


class AwardSearchKey(models.Model):
    """Every word-start phrase of an award's folded name and unit ("tran thi lan duc xuan",
    "thi lan duc xuan", "lan duc xuan", …), with the award's filter and order columns.

    The public search matches a folded query as the start of one of these keys, so
    "thi lan" finds "Trần Thị Lan" and "duc xuan" finds every award in Đức Xuân. The
    award's date, year, form, unit and decision are copied here so that a name search with
    any filter is answered from one covering index (an index-only scan of the matching keys),
    without visiting the awards table; `registry.services.search_page` reads it."""

    award = models.ForeignKey("awards.Award", on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=120)
    award_date = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    form_code = models.CharField(max_length=60, default="")
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    decision = models.ForeignKey(
        "awards.Decision",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "khóa tra cứu"
        verbose_name_plural = "khóa tra cứu"
        indexes = [
            # Name alone (and with form): the prefix range of the key, covering every
            # column the search filters and orders on.
            models.Index(
                fields=["key"],
                opclasses=["varchar_pattern_ops"],
                include=["award", "award_date", "year", "form_code", "unit", "decision"],
                name="registry_key_prefix",
            ),
            # Name + year and name + unit: the equality column first, then the prefix.
            models.Index(
                fields=["year", "key"],
                opclasses=["int2_ops", "varchar_pattern_ops"],
                include=["award", "award_date", "form_code", "unit", "decision"],
                name="registry_key_year_prefix",
            ),
            models.Index(
                fields=["unit", "key"],
                opclasses=["int8_ops", "varchar_pattern_ops"],
                include=["award", "award_date", "year", "form_code", "decision"],
                name="registry_key_unit_prefix",
            ),
        ]


def search_keys(folded_text: str) -> list[str]:
    words = folded_text.split()
    keys = [" ".join(words[i:])[:120] for i in range(len(words))]
    return list(dict.fromkeys(k for k in keys if k))
