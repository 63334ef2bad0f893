"""Nominees of a dossier from an Excel sheet (the template is downloadable on the page).

Every row is checked with the row form, then added through `services.add_nominee` (the
same rules and audit entries as the page) inside one transaction: one wrong row and no
row is saved; each wrong row gets its Vietnamese messages with its row number.
"""

from __future__ import annotations

from django import forms
from django.db import transaction

from thidua.core.excel import Importer, RowError
from thidua.core.forms import ViDateField
from thidua.core.text import fold
from thidua.org.enums import Gender, PersonCategory

from .enums import SubjectKind

NOMINEE_COLUMNS = [
    ("Loại (Cá nhân/Tập thể)", "subject_kind"),
    ("Họ và tên hoặc tên tập thể", "name"),
    ("Số CCCD", "citizen_id"),
    ("Mã cán bộ", "personnel_code"),
    ("Giới tính", "gender"),
    ("Ngày sinh", "birth_date"),
    ("Dân tộc", "ethnicity"),
    ("Chức vụ", "position"),
    ("Đối tượng", "category"),
    ("Thành tích", "achievements"),
    ("Số phiếu đồng ý", "votes_for"),
]
EXAMPLE_ROWS = [
    [
        "Cá nhân",
        "Hoàng Thị Mai",
        "006190000123",
        "",
        "Nữ",
        "12/05/1985",
        "Tày",
        "Công chức Văn phòng - Thống kê",
        "Công chức",
        "Hoàn thành xuất sắc nhiệm vụ năm 2024",
        "15",
    ],
    [
        "Tập thể",
        "Tổ dân phố 3",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Dẫn đầu phong trào xây dựng đô thị văn minh",
        "15",
    ],
]
IMPORTED_KINDS = {SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE}


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(label)] = value
    return table


KINDS = _lookup([(k, v) for k, v in SubjectKind.choices if k in IMPORTED_KINDS])
GENDERS = _lookup(Gender.choices)
CATEGORIES = _lookup(PersonCategory.choices)


class NomineeRowForm(forms.Form):
    subject_kind = forms.CharField(label="Loại")
    name = forms.CharField(label="Họ và tên hoặc tên tập thể", max_length=255)
    citizen_id = forms.RegexField(
        r"^\d{12}$",
        label="Số CCCD",
        required=False,
        error_messages={"invalid": "Số CCCD gồm đúng 12 chữ số."},
    )
    personnel_code = forms.CharField(label="Mã cán bộ", max_length=30, required=False)
    gender = forms.CharField(label="Giới tính", required=False)
    birth_date = ViDateField(label="Ngày sinh", required=False)
    ethnicity = forms.CharField(label="Dân tộc", max_length=40, required=False)
    position = forms.CharField(label="Chức vụ", max_length=160, required=False)
    category = forms.CharField(label="Đối tượng", required=False)
    achievements = forms.CharField(label="Thành tích")
    votes_for = forms.IntegerField(label="Số phiếu đồng ý", min_value=0, required=False)

    def clean_subject_kind(self):
        value = KINDS.get(fold(self.cleaned_data["subject_kind"]))
        if not value:
            raise forms.ValidationError("ghi “Cá nhân” hoặc “Tập thể”.")
        return value

    def clean_gender(self):
        raw = self.cleaned_data.get("gender") or ""
        if not raw:
            return ""
        value = GENDERS.get(fold(raw))
        if not value:
            raise forms.ValidationError(f"“{raw}” không hợp lệ (Nam hoặc Nữ).")
        return value

    def clean_category(self):
        raw = self.cleaned_data.get("category") or ""
        if not raw:
            return ""
        value = CATEGORIES.get(fold(raw))
        if not value:
            raise forms.ValidationError(f"“{raw}” không có trong danh mục đối tượng.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("subject_kind") == SubjectKind.INDIVIDUAL and not (
            data.get("citizen_id") or data.get("personnel_code")
        ):
            self.add_error("citizen_id", "cá nhân cần số CCCD hoặc mã cán bộ (để không tạo trùng).")
        return data


class NomineeImporter(Importer):
    columns = NOMINEE_COLUMNS
    required = {"subject_kind", "name", "achievements"}
    row_form = NomineeRowForm
    max_rows = 2000

    def __init__(self, user, dossier):
        super().__init__(user)
        self.dossier = dossier

    def check_all(self, cleaned):
        errors, seen = [], {}
        for number, data in cleaned:
            key = data.get("citizen_id") or data.get("personnel_code") or fold(data["name"])
            if key in seen:
                errors.append(RowError(number, [f"Trùng với dòng {seen[key]}."], data))
            seen.setdefault(key, number)
        return errors

    def run(self, fileobj) -> tuple[int, list[RowError]]:
        """Read, check and add every row, or none: (rows added, row errors)."""
        from . import services

        rows = self.read(fileobj)
        if not rows:
            return 0, [RowError(1, ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."], {})]
        cleaned, errors = self.validate(rows)
        if errors:
            return 0, errors
        with transaction.atomic():
            for number, data in cleaned:
                try:
                    with transaction.atomic():
                        self._add(services, data)
                except services.DossierError as exc:
                    errors.append(RowError(number, exc.messages, data))
                except (ValueError, forms.ValidationError) as exc:
                    errors.append(RowError(number, [str(exc)], data))
            if errors:
                transaction.set_rollback(True)
                return 0, errors
        return len(cleaned), []

    def _add(self, services, data):
        individual = data["subject_kind"] == SubjectKind.INDIVIDUAL
        new_person = None
        if individual:
            new_person = {
                "full_name": data["name"],
                "citizen_id": data.get("citizen_id") or "",
                "personnel_code": data.get("personnel_code") or "",
                "gender": data.get("gender") or "",
                "birth_date": data.get("birth_date"),
                "ethnicity": data.get("ethnicity") or "",
                "position": data.get("position") or "",
                "category": data.get("category") or "",
            }
        services.add_nominee(
            self.dossier,
            self.user,
            subject_kind=data["subject_kind"],
            new_person=new_person,
            collective_name="" if individual else data["name"],
            achievements=data["achievements"],
            votes_for=data.get("votes_for"),
        )
