"""Forms of the registry pages: public search, print layouts, import upload."""

from __future__ import annotations

from django import forms

from thidua.core.permissions import scope_for
from thidua.formats.vi.numbers import VietnameseFloatField
from thidua.legal import read as legal
from thidua.org.models import Unit

from .certificates import ALIGNS, FIELDS, FORM_KIND_LABELS, STYLES, kinds_for
from .models import CertificateLayout, FormKind

MAX_SCAN_BYTES = 8 * 1024 * 1024


def form_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for row in legal.award_form_rows():
        seen.setdefault(row["code"], row["short_name"])
    return [("", "Mọi hình thức")] + sorted(seen.items(), key=lambda kv: kv[1])


class SearchForm(forms.Form):
    q = forms.CharField(label="Họ tên, tên tập thể", required=False, max_length=120)
    don_vi = forms.CharField(label="Đơn vị", required=False, max_length=120)
    hinh_thuc = forms.ChoiceField(label="Hình thức", required=False, choices=())
    nam = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hinh_thuc"].choices = form_choices()
        self.fields["q"].widget.attrs.update(
            {"placeholder": "vd. nguyen van hung, Đức Xuân", "autofocus": True}
        )


class LayoutCreateForm(forms.ModelForm):
    class Meta:
        model = CertificateLayout
        fields = ["issuer", "form_kind", "issuer_title", "use_blank"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        self.fields["issuer"].queryset = Unit.objects.filter(is_authority=True).filter(
            scope.q("", "change")
        )
        self.fields["form_kind"].choices = FormKind.choices

    def clean(self):
        data = super().clean()
        if data.get("issuer") and data.get("form_kind"):
            if data["form_kind"] not in kinds_for(data["issuer"]):
                raise forms.ValidationError(
                    f"{data['issuer'].name} không có thẩm quyền tặng "
                    f"{FORM_KIND_LABELS[data['form_kind']].lower()}: không lập mẫu in cho loại "
                    "phôi này."
                )
            exists = CertificateLayout.objects.filter(
                issuer=data["issuer"], form_kind=data["form_kind"]
            )
            if exists.exists():
                raise forms.ValidationError(
                    "Cơ quan này đã có mẫu in cho loại phôi này; hãy sửa mẫu đã có."
                )
        return data


class LayoutEditForm(forms.Form):
    """One row of numeric inputs per field (x, y in mm from the top-left corner)."""

    issuer_title = forms.CharField(
        label="Dòng danh nghĩa người tặng", required=False, max_length=200
    )
    use_blank = forms.BooleanField(label="In lên phôi in sẵn", required=False)
    scan = forms.FileField(label="Ảnh quét phôi (JPEG/PNG, khổ A4 ngang)", required=False)

    def __init__(self, *args, layout: CertificateLayout, **kwargs):
        super().__init__(*args, **kwargs)
        self.layout = layout
        for name in FIELDS:
            spec = layout.fields.get(name, {})
            self.fields[f"{name}__x_mm"] = VietnameseFloatField(
                min_value=0, max_value=297, initial=spec.get("x_mm", 0)
            )
            self.fields[f"{name}__y_mm"] = VietnameseFloatField(
                min_value=0, max_value=210, initial=spec.get("y_mm", 0)
            )
            self.fields[f"{name}__size"] = VietnameseFloatField(
                min_value=4, max_value=72, initial=spec.get("size", 12)
            )
            self.fields[f"{name}__max_width_mm"] = VietnameseFloatField(
                min_value=0, max_value=297, required=False, initial=spec.get("max_width_mm", 0)
            )
            self.fields[f"{name}__align"] = forms.ChoiceField(
                choices=[
                    (a, {"left": "Trái", "center": "Giữa", "right": "Phải"}[a]) for a in ALIGNS
                ],
                initial=spec.get("align", "left"),
            )
            self.fields[f"{name}__style"] = forms.ChoiceField(
                choices=[
                    (
                        s,
                        {
                            "regular": "Thường",
                            "bold": "Đậm",
                            "italic": "Nghiêng",
                            "bold_italic": "Đậm nghiêng",
                        }[s],
                    )
                    for s in STYLES
                ],
                initial=spec.get("style", "regular"),
            )

    def rows(self):
        for name, label in FIELDS.items():
            yield {
                "name": name,
                "label": label,
                "cells": [
                    self[f"{name}__{k}"]
                    for k in ("x_mm", "y_mm", "size", "max_width_mm", "align", "style")
                ],
            }

    def clean_scan(self):
        f = self.cleaned_data.get("scan")
        if not f:
            return f
        if f.size > MAX_SCAN_BYTES:
            raise forms.ValidationError("Ảnh quét quá lớn (tối đa 8 MB).")
        head = f.read(12)
        f.seek(0)
        if not (head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n")):
            raise forms.ValidationError("Ảnh quét phải là tệp JPEG hoặc PNG.")
        from PIL import Image

        try:
            with Image.open(f) as im:
                self.scan_size = im.size
        except Exception as exc:  # noqa: BLE001 — any decoding failure means a bad upload
            raise forms.ValidationError("Không đọc được ảnh quét.") from exc
        f.seek(0)
        return f

    def clean(self):
        data = super().clean()
        for name in FIELDS:
            x, w = data.get(f"{name}__x_mm"), data.get(f"{name}__max_width_mm") or 0
            align = data.get(f"{name}__align")
            if x is None or align is None or not w or name == "qr":
                continue
            left = {"left": x, "center": x - w / 2, "right": x - w}[align]
            if left < 0 or left + w > 297:
                self.add_error(
                    f"{name}__max_width_mm",
                    f"{FIELDS[name]}: khung chữ vượt ra ngoài tờ giấy (297 mm).",
                )
        return data

    def layout_fields(self) -> dict:
        data = self.cleaned_data
        out = {}
        for name in FIELDS:
            old = self.layout.fields.get(name, {})
            out[name] = {
                "x_mm": round(data[f"{name}__x_mm"], 1),
                "y_mm": round(data[f"{name}__y_mm"], 1),
                "size": round(data[f"{name}__size"], 1),
                "max_width_mm": round(data.get(f"{name}__max_width_mm") or 0, 1),
                "align": data[f"{name}__align"],
                "style": data[f"{name}__style"],
                "color": old.get("color", "#000000"),
            }
        return out


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp dữ liệu (.xlsx, .csv hoặc .json)")


class SignatureCheckForm(forms.Form):
    tep = forms.FileField(label="Tệp PDF cần kiểm tra")

    def clean_tep(self):
        from django.conf import settings

        upload = self.cleaned_data["tep"]
        limit = settings.THIDUA_SIGNATURE_CHECK_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB một lần kiểm tra."
            )
        head = upload.read(1024)
        upload.seek(0)
        if b"%PDF-" not in head:
            raise forms.ValidationError("Tệp tải lên không phải là tệp PDF.")
        return upload
