"""Exemplary models (điển hình tiên tiến): discovered, nurtured, summarised, replicated."""

from django.conf import settings
from django.db import models

from thidua.core.permissions import ScopedQuerySet
from thidua.core.text import fold

from ..enums import ModelKind, ModelStage


class ExemplaryQuerySet(ScopedQuerySet):
    scope_unit_lookup = "unit"

    def published(self):
        return self.filter(published=True)

    def search(self, query: str):
        return self.filter(search_text__contains=fold(query)) if query else self


class ExemplaryModel(models.Model):
    kind = models.CharField("loại", max_length=20, choices=ModelKind.choices)
    name = models.CharField("tên điển hình", max_length=300)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="exemplary_models"
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name="cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplary_models",
    )
    field = models.CharField("lĩnh vực", max_length=200, blank=True)
    summary = models.CharField("tóm tắt", max_length=500, blank=True)
    story = models.TextField("câu chuyện, thành tích")
    stage = models.CharField(
        "giai đoạn", max_length=20, choices=ModelStage.choices, default=ModelStage.DISCOVER
    )
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    awards = models.ManyToManyField(
        "awards.Award", verbose_name="khen thưởng", blank=True, related_name="exemplary_models"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="phong trào",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
    )
    year = models.PositiveSmallIntegerField("năm phát hiện", null=True, blank=True)
    published = models.BooleanField("công bố trên cổng công khai", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    search_text = models.CharField(max_length=600, db_index=True, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExemplaryQuerySet.as_manager()

    class Meta:
        verbose_name = "điển hình tiên tiến"
        verbose_name_plural = "điển hình tiên tiến"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.field} {self.summary}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"search_text"}
        super().save(*args, **kwargs)


class ExemplaryPhoto(models.Model):
    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="exemplary/%Y/", max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    caption = models.CharField("chú thích", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.with_lookup("model__unit").as_manager()

    class Meta:
        verbose_name = "ảnh điển hình"
        verbose_name_plural = "ảnh điển hình"
        ordering = ["model", "pk"]
