"""Export and import of the awards registry for the higher-level database.

One column list, one row generator (export) and one row form (import) serve the three
formats: JSON (UTF-8, a list of objects), CSV (UTF-8 with BOM, comma-separated, header
row) and Excel (.xlsx, first sheet, header row). Dates are ISO 8601 (YYYY-MM-DD).
The format is documented in docs/registry-interchange.md. Import is all-or-nothing: every
row is validated by `AwardRowForm`, and any error saves nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from django import forms
from django.db import transaction

from thidua.awards.models import Award, Decision, DecisionStatus
from thidua.core import audit
from thidua.core.excel import (
    ExcelFormatError,
    Exporter,
    Importer,
    RowError,
    csv_cell,
    unescape_cell,
)
from thidua.core.text import fold
from thidua.org.models import Person, Unit

FORMAT_VERSION = "thidua-registry/1"
IMPORT_TITLE = "Quyết định khen thưởng (nhập từ cơ sở dữ liệu khen thưởng)"
SUBJECT_KINDS = {
    "individual": "Cá nhân",
    "collective": "Tập thể",
    "household": "Hộ gia đình",
    "locality": "Địa phương",
}

#: (column, header shown in Excel, description) — the interchange format.
COLUMNS = [
    ("ma_xac_thuc", "Mã xác thực"),
    ("ho_ten", "Tên cá nhân, tập thể được khen"),
    ("doi_tuong", "Đối tượng"),
    ("so_cccd", "Số CCCD"),
    ("ma_don_vi", "Mã đơn vị"),
    ("don_vi", "Đơn vị"),
    ("ma_hinh_thuc", "Mã hình thức"),
    ("hinh_thuc", "Hình thức khen thưởng"),
    ("noi_dung", "Nội dung khen"),
    ("ma_co_quan", "Mã cơ quan ban hành"),
    ("co_quan", "Cơ quan ban hành"),
    ("so_quyet_dinh", "Số quyết định"),
    ("ngay_quyet_dinh", "Ngày quyết định"),
    ("ngay_khen", "Ngày khen"),
    ("phong_trao", "Phong trào thi đua"),
    ("tien_thuong", "Tiền thưởng (đồng)"),
]
DECISION_REF = re.compile(r"^\s*(\d{1,5})\s*/\s*([0-9A-Za-zĐđ.\-]{2,40})\s*$")
CODE = re.compile(r"^[A-Z0-9]{6,16}$")


def award_rows(awards) -> list[dict]:
    """The interchange rows of award objects (signed, not revoked ones are exported)."""
    awards = awards.select_related(
        "decision", "decision__issuer", "awardee_unit", "campaign", "person"
    )
    out = []
    for a in awards.order_by("award_date", "id").iterator(chunk_size=2000):
        d = a.decision
        out.append(
            {
                "ma_xac_thuc": a.verification_code,
                "ho_ten": a.awardee_name,
                "doi_tuong": a.subject_kind,
                "so_cccd": (a.person.citizen_id or "") if a.person_id else "",
                "ma_don_vi": a.awardee_unit.code,
                "don_vi": a.awardee_unit_name or a.awardee_unit.name,
                "ma_hinh_thuc": a.form_code,
                "hinh_thuc": a.form_name,
                "noi_dung": a.wording,
                "ma_co_quan": d.issuer.code if d else "",
                "co_quan": d.issuer.name if d else "",
                "so_quyet_dinh": f"{d.number}/{d.symbol}" if d and d.number else "",
                "ngay_quyet_dinh": d.doc_date.isoformat() if d and d.doc_date else "",
                "ngay_khen": a.award_date.isoformat(),
                "phong_trao": a.campaign.title if a.campaign_id else "",
                "tien_thuong": a.amount,
            }
        )
    return out


class RegistryExporter(Exporter):
    title = "So khen thuong"
    columns = [(h, 22) for _, h in COLUMNS]

    def __init__(self, awards):
        self.awards = awards
        self._rows = None

    def dict_rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = award_rows(self.awards)
        return self._rows

    def rows(self):
        for r in self.dict_rows():
            yield [r[c] for c, _ in COLUMNS]

    def to_csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([c for c, _ in COLUMNS])
        for r in self.dict_rows():
            writer.writerow([csv_cell(r[c]) for c, _ in COLUMNS])
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT_VERSION,
            "exported": date.today().isoformat(),
            "awards": self.dict_rows(),
        }
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


class AwardRowForm(forms.Form):
    ma_xac_thuc = forms.CharField(label="Mã xác thực", max_length=16, required=False)
    ho_ten = forms.CharField(label="Tên cá nhân, tập thể", max_length=255)
    doi_tuong = forms.ChoiceField(label="Đối tượng", choices=list(SUBJECT_KINDS.items()))
    so_cccd = forms.RegexField(
        label="Số CCCD",
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": "Số CCCD phải gồm đúng 12 chữ số."},
    )
    ma_don_vi = forms.CharField(label="Mã đơn vị", max_length=40)
    don_vi = forms.CharField(label="Đơn vị", max_length=255, required=False)
    ma_hinh_thuc = forms.CharField(label="Mã hình thức", max_length=60)
    hinh_thuc = forms.CharField(label="Hình thức khen thưởng", max_length=255)
    noi_dung = forms.CharField(label="Nội dung khen", required=False)
    ma_co_quan = forms.CharField(label="Mã cơ quan ban hành", max_length=40)
    co_quan = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    so_quyet_dinh = forms.CharField(label="Số quyết định", max_length=60)
    ngay_quyet_dinh = forms.DateField(
        label="Ngày quyết định",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Ngày phải theo dạng YYYY-MM-DD."},
    )
    ngay_khen = forms.DateField(
        label="Ngày khen",
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": "Ngày phải theo dạng YYYY-MM-DD."},
    )
    phong_trao = forms.CharField(label="Phong trào", max_length=500, required=False)
    tien_thuong = forms.IntegerField(label="Tiền thưởng", min_value=0, required=False)

    def __init__(self, *args, units: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units or {}

    def clean_ma_xac_thuc(self):
        code = (self.cleaned_data.get("ma_xac_thuc") or "").strip().upper().replace("-", "")
        if code and not CODE.match(code):
            raise forms.ValidationError("Mã xác thực gồm 6–16 chữ in hoa hoặc chữ số.")
        return code

    def clean_so_quyet_dinh(self):
        m = DECISION_REF.match(self.cleaned_data["so_quyet_dinh"])
        if not m:
            raise forms.ValidationError("Số quyết định phải có dạng “15/QĐ-UBND”.")
        return int(m.group(1)), m.group(2)

    def _unit(self, code: str, label: str):
        unit = self.units.get(code)
        if unit is None:
            self.add_error(None, f"{label}: không có đơn vị mã “{code}” trong hệ thống.")
        return unit

    def clean(self):
        data = super().clean()
        if data.get("ma_don_vi"):
            data["awardee_unit"] = self._unit(data["ma_don_vi"], "Mã đơn vị")
        if data.get("ma_co_quan"):
            data["issuer"] = self._unit(data["ma_co_quan"], "Mã cơ quan ban hành")
        return data


class RegistryImporter(Importer):
    columns = [(h, c) for c, h in COLUMNS]
    required = {
        "ho_ten",
        "doi_tuong",
        "ma_don_vi",
        "ma_hinh_thuc",
        "hinh_thuc",
        "ma_co_quan",
        "so_quyet_dinh",
        "ngay_quyet_dinh",
    }
    row_form = AwardRowForm

    def form_kwargs(self, rows):
        codes = {v.get(k, "") for _, v in rows for k in ("ma_don_vi", "ma_co_quan")}
        return {"units": {u.code: u for u in Unit.objects.filter(code__in=codes)}}

    def check_row(self, data: dict) -> list[str]:
        errors = []
        issuer, (number, symbol) = data.get("issuer"), data["so_quyet_dinh"]
        if issuer is not None:
            d = Decision.objects.filter(
                issuer=issuer, year=data["ngay_quyet_dinh"].year, number=number, symbol=symbol
            ).first()
            if d is not None and d.title != IMPORT_TITLE:
                errors.append(
                    f"Quyết định số {number}/{symbol} đã có trong hệ thống; không nhập chồng lên."
                )
        if (
            data["ma_xac_thuc"]
            and Award.objects.filter(verification_code=data["ma_xac_thuc"]).exists()
        ):
            errors.append(f"Mã xác thực {data['ma_xac_thuc']} đã có trong sổ khen thưởng.")
        return errors

    def check_all(self, cleaned):
        seen, errors = {}, []
        for number, data in cleaned:
            code = data["ma_xac_thuc"]
            if code and code in seen:
                errors.append(
                    RowError(number, [f"Mã xác thực {code} trùng với dòng {seen[code]}."], {})
                )
            seen.setdefault(code, number)
        return errors

    def save_row(self, data: dict) -> None:
        from thidua.awards.services import new_verification_code

        number, symbol = data["so_quyet_dinh"]
        day = data["ngay_quyet_dinh"]
        decision, _ = Decision.objects.get_or_create(
            issuer=data["issuer"],
            year=day.year,
            number=number,
            symbol=symbol,
            defaults={"title": IMPORT_TITLE, "doc_date": day, "status": DecisionStatus.SIGNED},
        )
        person = None
        if data.get("so_cccd"):
            person = Person.objects.filter(citizen_id=data["so_cccd"]).first()
        unit = data["awardee_unit"]
        unit_name = data.get("don_vi") or unit.name
        award_date = data.get("ngay_khen") or day
        Award.objects.create(
            decision=decision,
            form_code=data["ma_hinh_thuc"],
            form_name=data["hinh_thuc"],
            subject_kind=data["doi_tuong"],
            person=person,
            awardee_unit=unit,
            unit=unit
            if data["doi_tuong"] != "individual" and fold(unit.name) == fold(data["ho_ten"])
            else None,
            awardee_name=data["ho_ten"],
            awardee_unit_name=unit_name,
            wording=data.get("noi_dung", ""),
            award_date=award_date,
            year=award_date.year,
            amount=data.get("tien_thuong") or 0,
            verification_code=data["ma_xac_thuc"] or new_verification_code(),
            search_text=fold(f"{data['ho_ten']} {unit_name}"),
            source="import",
        )
        self.saved += 1

    def after_commit(self, count: int) -> None:
        audit.record(None, "registry.import", self.user, data={"rows": count})

    # --- readers for the three formats ---------------------------------------------

    def read_any(self, name: str, data: bytes) -> list[tuple[int, dict]]:
        lower = name.lower()
        if lower.endswith(".json"):
            return self.read_json(data)
        if lower.endswith(".csv"):
            return self.read_csv(data)
        if lower.endswith(".xlsx"):
            return self.read(io.BytesIO(data))
        raise ExcelFormatError(
            "Chỉ nhận tệp .xlsx, .csv hoặc .json theo định dạng trao đổi sổ khen thưởng."
        )

    def read_csv(self, data: bytes) -> list[tuple[int, dict]]:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExcelFormatError("Tệp CSV phải được mã hóa UTF-8.") from exc
        reader = csv.DictReader(io.StringIO(text))
        by_header = {fold(h): c for c, h in COLUMNS} | {c: c for c, _ in COLUMNS}
        header_map = {h: by_header.get(fold(h or ""), h) for h in reader.fieldnames or []}
        missing = [c for c in self.required if c not in header_map.values()]
        if missing:
            raise ExcelFormatError("Thiếu cột bắt buộc: " + ", ".join(sorted(missing)) + ".")
        rows = []
        for number, row in enumerate(reader, start=2):
            values = {
                header_map[k]: unescape_cell((v or "").strip())
                for k, v in row.items()
                if k in header_map
            }
            if any(values.values()):
                rows.append((number, values))
        return rows

    def read_json(self, data: bytes) -> list[tuple[int, dict]]:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ExcelFormatError("Tệp JSON không hợp lệ (cần UTF-8, đúng cú pháp JSON).") from exc
        items = doc.get("awards") if isinstance(doc, dict) else doc
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ExcelFormatError("Tệp JSON phải có khóa “awards” là danh sách các bản ghi.")
        return [
            (i, {k: "" if v is None else str(v).strip() for k, v in item.items()})
            for i, item in enumerate(items, start=1)
        ]

    def commit(self, rows):
        self.saved = 0
        with transaction.atomic():
            return super().commit(rows)
