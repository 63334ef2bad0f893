"""Excel in and out. An importer is one row form; an exporter is one row generator.

Every format reuses them: the importer validates each row with the same Django form the
UI uses and commits all rows or none; exporters write .xlsx or .csv from the same rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django import forms
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .text import fold


class ExcelFormatError(Exception):
    """The file cannot be read at all (not a workbook, no header, missing columns)."""


class RowError:
    def __init__(self, row_number: int, messages: list[str], values: dict):
        self.row_number, self.messages, self.values = row_number, messages, values

    def as_dict(self) -> dict:
        return {"row": self.row_number, "messages": self.messages, "values": self.values}


#: A text cell starting with one of these is read as a formula by Excel/LibreOffice (OWASP
#: "CSV injection"); tab and carriage return are included because some programs skip them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: The prefix that makes such a cell plain text; `unescape_cell` removes it again on import.
TEXT_PREFIX = "'"


def safe_cell(value):
    """The value as every export must write it: never a formula, never a rejected character.

    Text loses the control characters openpyxl refuses (\\x00-\\x08, \\x0b, \\x0c,
    \\x0e-\\x1f) and gets a leading apostrophe when it starts with = + - @, tab or CR.
    Numbers, dates and None are returned unchanged, so a negative amount stays a number.
    """
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_TRIGGERS):
        return TEXT_PREFIX + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(v) for v in values]


def unescape_cell(value: str) -> str:
    """Undo `safe_cell` on a value read back from our own export (round trip)."""
    if value.startswith(TEXT_PREFIX) and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def csv_cell(value) -> str:
    """A CSV field: the text `_cell` gives, neutralised like an .xlsx cell."""
    return safe_cell(_cell(value)) if isinstance(value, str) else _cell(value)


def _cell(value):
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


class Importer:
    """Subclasses set `columns` [(header, field)], `row_form`, and implement `save_row`."""

    columns: list[tuple[str, str]] = []
    required: set[str] = set()
    row_form: type[forms.Form]
    max_rows = 20000

    def __init__(self, user=None):
        self.user = user

    def read(self, fileobj) -> list[tuple[int, dict]]:
        try:
            wb = load_workbook(fileobj, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 — any parse failure is a format error
            raise ExcelFormatError(
                "Không đọc được tệp Excel (.xlsx). Xin kiểm tra lại định dạng tệp."
            ) from exc
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise ExcelFormatError("Trang tính đầu tiên không có dòng tiêu đề.")
        by_header = {fold(h): f for h, f in self.columns}
        by_header.update({fold(f): f for _, f in self.columns})
        index = {}
        for i, h in enumerate(header):
            field = by_header.get(fold(_cell(h)))
            if field:
                index[field] = i
        missing = [h for h, f in self.columns if f in self.required and f not in index]
        if missing:
            raise ExcelFormatError("Thiếu cột bắt buộc: " + ", ".join(missing) + ".")
        result = []
        for number, row in enumerate(rows, start=2):
            values = {
                f: unescape_cell(_cell(row[i])) if i < len(row) else "" for f, i in index.items()
            }
            if not any(values.values()):
                continue
            result.append((number, values))
            if len(result) > self.max_rows:
                raise ExcelFormatError(f"Tệp có quá {self.max_rows} dòng.")
        wb.close()
        return result

    def form_kwargs(self, rows: list[tuple[int, dict]]) -> dict:
        return {}

    def validate(
        self, rows: list[tuple[int, dict]]
    ) -> tuple[list[tuple[int, dict]], list[RowError]]:
        kwargs = self.form_kwargs(rows)
        cleaned, errors = [], []
        for number, values in rows:
            form = self.row_form(values, **kwargs)
            if form.is_valid():
                extra = self.check_row(form.cleaned_data)
                if extra:
                    errors.append(RowError(number, extra, values))
                else:
                    cleaned.append((number, form.cleaned_data))
            else:
                labels = {name: f.label for name, f in form.fields.items()}
                msgs = [f"{labels.get(k, k)}: {' '.join(v)}" for k, v in form.errors.items()]
                errors.append(RowError(number, msgs, values))
        errors.extend(self.check_all(cleaned))
        errors.sort(key=lambda e: e.row_number)
        return cleaned, errors

    def check_row(self, data: dict) -> list[str]:
        return []

    def check_all(self, cleaned: list[tuple[int, dict]]) -> list[RowError]:
        return []

    def commit(self, rows: list[tuple[int, dict]]) -> int:
        """Validate again and save every row, or none (raises ValueError on any error)."""
        cleaned, errors = self.validate(rows)
        if errors:
            raise ValueError(f"Có {len(errors)} dòng lỗi; không lưu dòng nào.")
        with transaction.atomic():
            for _, data in cleaned:
                self.save_row(data)
            self.after_commit(len(cleaned))
        return len(cleaned)

    def save_row(self, data: dict) -> None:
        raise NotImplementedError

    def after_commit(self, count: int) -> None:
        pass


class Exporter:
    """Subclasses set `columns` [(header, width)], `title` and implement `rows()`."""

    columns: list[tuple[str, int]] = []
    title = "Danh sách"

    def rows(self) -> Iterator[list]:
        raise NotImplementedError

    def to_xlsx(self) -> bytes:
        wb = Workbook(write_only=False)
        ws = wb.active
        ws.title = self.title[:31]
        head_font = Font(bold=True, color="FFFFFF")
        fill = PatternFill("solid", fgColor="B71C1C")
        for i, (header, width) in enumerate(self.columns, start=1):
            c = ws.cell(row=1, column=i, value=header)
            c.font, c.fill = head_font, fill
            c.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(i)].width = width
        for row in self.rows():
            ws.append([_xlsx_value(v) for v in row])
        ws.freeze_panes = "A2"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def to_csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([h for h, _ in self.columns])
        for row in self.rows():
            writer.writerow([csv_cell(v) for v in row])
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(v):
    if isinstance(v, (date, datetime)):
        return v.strftime("%d/%m/%Y")
    return safe_cell(v)


def rows_to_xlsx(headers: Iterable[str], rows: Iterable[Iterable]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(safe_row(headers))
    for r in rows:
        ws.append([_xlsx_value(v) for v in r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_response(headers: Iterable[str], filename: str, example_rows: Iterable = ()):
    """The empty template of an import page (header row, optional example rows), as a
    download: every Excel import page links to one."""
    from django.http import HttpResponse

    response = HttpResponse(rows_to_xlsx(list(headers), example_rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
