"""Signing credentials: an organisation's (the seal's) or a person's certificate with its key
source. The certificate and the images are public facts; the key material (PKCS#12 file and
password, token PIN) is stored encrypted (`vault`) and never shown again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CredentialKind(models.TextChoices):
    UNIT = "unit", "Chữ ký số của cơ quan, tổ chức"
    PERSONAL = "personal", "Chữ ký số cá nhân"


class KeySourceKind(models.TextChoices):
    PKCS12 = "pkcs12", "Tệp PKCS#12 (.p12, .pfx)"
    PKCS11 = "pkcs11", "Thiết bị ký số PKCS#11 (token, HSM)"


class SigningCredential(models.Model):
    kind = models.CharField("loại", max_length=10, choices=CredentialKind.choices)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="cơ quan, tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_credentials",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_credentials",
    )
    source = models.CharField("nguồn khóa", max_length=10, choices=KeySourceKind.choices)
    certificate_pem = models.TextField("chứng thư số (PEM)")
    chain_pem = models.TextField("chứng thư số trung gian (PEM)", blank=True)
    subject = models.CharField("chủ thể chứng thư", max_length=500)
    issuer_name = models.CharField("tổ chức cấp", max_length=500)
    serial = models.CharField("số hiệu chứng thư", max_length=80)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    secret = models.BinaryField("khóa (đã mã hóa)", editable=False)
    pkcs11_library = models.CharField("thư viện PKCS#11", max_length=255, blank=True)
    pkcs11_token = models.CharField("nhãn thiết bị (token)", max_length=120, blank=True)
    pkcs11_key = models.CharField("nhãn khóa trên thiết bị", max_length=120, blank=True)
    pin_stored = models.BooleanField("đã lưu mã PIN", default=False)
    image = models.BinaryField(
        "hình ảnh (chữ ký hoặc dấu, PNG nền trong suốt)", editable=False, default=b""
    )
    demo = models.BooleanField("khóa trình diễn (DEMO)", default=False)
    revoked_at = models.DateTimeField("ngừng sử dụng lúc", null=True, blank=True)
    revoked_reason = models.CharField("lý do ngừng", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chứng thư số dùng để ký"
        verbose_name_plural = "chứng thư số dùng để ký"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="unit", unit__isnull=False, user__isnull=True)
                    | models.Q(kind="personal", user__isnull=False)
                ),
                name="signing_credential_owner",
            )
        ]

    def __str__(self) -> str:
        owner = self.unit.name if self.kind == CredentialKind.UNIT and self.unit_id else ""
        if self.kind == CredentialKind.PERSONAL and self.user_id:
            owner = self.user.get_full_name() or self.user.username
        return f"{self.get_kind_display()}: {owner} ({self.subject})"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and self.not_before <= now <= self.not_after
