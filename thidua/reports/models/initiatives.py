"""The initiative council's evaluations of initiatives (sáng kiến).

`Initiative` itself lives in the dossiers app, the lowest layer that needs it (a nominee line
uses a recognised initiative as evidence, once — Bộ Nội vụ CV 5007/BNV-TĐKT)."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet
from thidua.dossiers.models import Initiative

from ..enums import InitiativeLevel, Verdict


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
