"""Initiatives (sáng kiến) and the initiative council's evaluations.

`Initiative` is a contract: the dossiers app links recognised initiatives to nominee
dossiers as evidence (one initiative, one use — Bộ Nội vụ CV 5007/BNV-TĐKT)."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet
from thidua.core.text import fold

from ..enums import InitiativeLevel, InitiativeStatus, Verdict


def _dossier_links():
    """Relations from the dossiers app to Initiative (the evidence link), found at run time
    so this app does not depend on the name the dossier engineer chose."""
    return [
        rel
        for rel in Initiative._meta.related_objects
        if rel.related_model._meta.app_label == "dossiers"
    ]


class InitiativeQuerySet(ScopedQuerySet):
    scope_unit_lookup = "unit"

    def recognised(self):
        return self.filter(status=InitiativeStatus.RECOGNISED)

    def available_for(self, person):
        """Recognised initiatives authored by `person` and not yet used on any dossier."""
        qs = self.filter(authors=person)
        for rel in _dossier_links():
            qs = qs.filter(**{f"{rel.name}__isnull": True})
        return qs.distinct()

    def search(self, query: str):
        return self.filter(search_text__contains=fold(query)) if query else self


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
    field = models.CharField("lĩnh vực", max_length=200, blank=True)
    applied_from = models.DateField("áp dụng lần đầu từ", null=True, blank=True)
    search_text = models.CharField(max_length=600, db_index=True, editable=False, default="")
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

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.field}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)


class InitiativeEvaluation(models.Model):
    """One sitting of the initiative council (Hội đồng sáng kiến) on one initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    council = models.CharField("hội đồng sáng kiến", max_length=255)
    meeting_date = models.DateField("ngày họp")
    scores = models.JSONField(
        "điểm của thành viên",
        default=list,
        blank=True,
        help_text='Danh sách {"member": tên, "score": điểm (0–100)}',
    )
    pass_score = models.PositiveSmallIntegerField("điểm đạt", default=50)
    verdict = models.CharField("kết luận", max_length=20, choices=Verdict.choices)
    level = models.CharField(
        "cấp công nhận", max_length=20, choices=InitiativeLevel.choices, blank=True
    )
    recognition_ref = models.CharField("số quyết định công nhận", max_length=120, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("initiative__unit").as_manager()

    class Meta:
        verbose_name = "đánh giá sáng kiến"
        verbose_name_plural = "đánh giá sáng kiến"
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.council} — {self.meeting_date:%d/%m/%Y}"

    @property
    def average_score(self):
        values = [s.get("score") for s in self.scores if s.get("score") is not None]
        return round(sum(values) / len(values), 2) if values else None
