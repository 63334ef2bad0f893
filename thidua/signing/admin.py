"""Signing credentials in Django admin (system administrator only, like all of admin): add
one from a PKCS#12 file or a PKCS#11 token, retire one. The key material goes into the
encrypted `secret` and is never shown or downloadable; a credential is never edited
(retire it and add a new one)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from . import services
from .errors import SigningRefused
from .models import CredentialKind, KeySourceKind, SigningCredential


class CredentialAddForm(forms.ModelForm):
    p12_file = forms.FileField(label="Tệp PKCS#12 (.p12, .pfx)", required=False)
    p12_password = forms.CharField(
        label="Mật khẩu tệp PKCS#12", required=False, widget=forms.PasswordInput
    )
    certificate_file = forms.FileField(
        label="Chứng thư số (PEM/DER) — khi dùng thiết bị PKCS#11", required=False
    )
    chain_file = forms.FileField(label="Chứng thư trung gian (PEM)", required=False)
    pin = forms.CharField(
        label="Mã PIN (để trống: người ký nhập khi ký)", required=False, widget=forms.PasswordInput
    )
    image_file = forms.FileField(label="Hình chữ ký (cá nhân) hoặc hình dấu (cơ quan), PNG")

    class Meta:
        model = SigningCredential
        fields = ["kind", "unit", "user", "source", "pkcs11_library", "pkcs11_token", "pkcs11_key"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        owner = data.get("unit") if kind == CredentialKind.UNIT else data.get("user")
        if owner is None:
            raise ValidationError("Xin chọn cơ quan (chữ ký số cơ quan) hoặc người ký (cá nhân).")
        image = data["image_file"].read() if data.get("image_file") else b""
        try:
            if data.get("source") == KeySourceKind.PKCS12:
                if not data.get("p12_file"):
                    raise ValidationError("Xin chọn tệp PKCS#12.")
                self.instance = services.register_pkcs12(
                    kind=kind,
                    owner=owner,
                    data=data["p12_file"].read(),
                    password=data.get("p12_password") or "",
                    image=image,
                    actor=self.request_user,
                )
            else:
                if not data.get("certificate_file"):
                    raise ValidationError("Xin chọn tệp chứng thư số của khóa trên thiết bị.")
                self.instance = services.register_pkcs11(
                    kind=kind,
                    owner=owner,
                    library=data.get("pkcs11_library") or "",
                    token=data.get("pkcs11_token") or "",
                    key_label=data.get("pkcs11_key") or "",
                    certificate=data["certificate_file"].read(),
                    chain=data["chain_file"].read() if data.get("chain_file") else b"",
                    pin=data.get("pin") or "",
                    image=image,
                    actor=self.request_user,
                )
        except SigningRefused as exc:
            raise ValidationError(exc.messages) from exc
        return data


@admin.register(SigningCredential)
class SigningCredentialAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source", "not_after", "demo", "revoked_at")
    list_filter = ("kind", "source", "demo")
    search_fields = ("subject", "unit__name", "user__username")
    actions = ["retire_selected"]
    readonly_fields = (
        "kind",
        "unit",
        "user",
        "source",
        "subject",
        "issuer_name",
        "serial",
        "not_before",
        "not_after",
        "pkcs11_library",
        "pkcs11_token",
        "pkcs11_key",
        "pin_stored",
        "demo",
        "revoked_at",
        "revoked_reason",
        "created_by",
        "created_at",
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = CredentialAddForm
            form = super().get_form(request, obj, change, **kwargs)
            form.request_user = request.user
            return form
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "kind",
                "unit",
                "user",
                "source",
                "p12_file",
                "p12_password",
                "pkcs11_library",
                "pkcs11_token",
                "pkcs11_key",
                "certificate_file",
                "chain_file",
                "pin",
                "image_file",
            ]
        return list(self.readonly_fields)

    def save_model(self, request, obj, form, change):
        """`register_*` saved it in the form's clean (with its audit entry)."""

    def has_change_permission(self, request, obj=None):
        return False  # never edited: retire it (action) and add a new one

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Ngừng sử dụng chứng thư số đã chọn")
    def retire_selected(self, request, queryset):
        for credential in queryset.filter(revoked_at=None):
            services.retire(credential, request.user, "Quản trị ngừng sử dụng")
        messages.success(request, "Đã ngừng sử dụng các chứng thư số đã chọn.")
