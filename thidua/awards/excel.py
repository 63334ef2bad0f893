"""The payment list for the finance office (danh sách chi tiền thưởng), .xlsx, printable:
the paying body's header, the title and the decision it follows, one row per award with a
column to sign for the money, the total in figures and in words, the place and date line and
the signature rows (người lập biểu, kế toán, the head), one A4 page wide in landscape."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.core.documents import (
    admin_place,
    award_display_name,
    body_name,
    head_title,
    head_word,
    is_committee,
    money_in_words,
    vn_date_line,
)
from thidua.core.excel import Exporter, safe_cell

MONEY_FORMAT = '#,##0" đ"'
DATE_FORMAT = "dd/mm/yyyy"


class PaymentExporter(Exporter):
    title = "Danh sách chi tiền thưởng"
    columns = [
        ("STT", 5),
        ("Tập thể, cá nhân được khen", 28),
        ("Chức vụ, đơn vị", 30),
        ("Hình thức khen thưởng", 30),
        ("Số quyết định", 13),
        ("Ngày quyết định", 12),
        ("Số tiền (đồng)", 14),
        ("Ngày chi", 12),
        ("Ký nhận", 16),
    ]
    money_column = 7

    def __init__(self, awards, today: date | None = None):
        self.awards = list(awards)
        self.today = today

    def _issuer(self):
        issuers = {a.decision.issuer_id: a.decision.issuer for a in self.awards if a.decision_id}
        return next(iter(issuers.values())) if len(issuers) == 1 else None

    def rows(self):
        for i, a in enumerate(self.awards, start=1):
            d = a.decision
            form = award_display_name(a.form_code, a.form_name, d.issuer) if d else a.form_name
            yield [
                i,
                a.awardee_name,
                a.awardee_unit_name if a.awardee_unit_name != a.awardee_name else "",
                form,
                d.number_display if d else "",
                d.doc_date if d else None,
                a.amount,
                a.paid_at,
                "",
            ]

    def to_xlsx(self) -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.title = "Chi tiền thưởng"
        n = len(self.columns)
        last = get_column_letter(n)
        bold, center = (
            Font(bold=True),
            Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        issuer = self._issuer()
        decisions = {a.decision_id: a.decision for a in self.awards if a.decision_id}
        # Header: the paying body and the motto.
        ws.merge_cells("A1:D1")
        ws["A1"] = safe_cell(body_name(issuer).upper() if issuer else "")
        ws.merge_cells(f"E1:{last}1")
        ws["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        ws.merge_cells(f"E2:{last}2")
        ws["E2"] = "Độc lập - Tự do - Hạnh phúc"
        for ref in ("A1", "E1", "E2"):
            ws[ref].font, ws[ref].alignment = bold, center
        ws.merge_cells(f"A4:{last}4")
        ws["A4"] = "DANH SÁCH CHI TIỀN THƯỞNG"
        ws["A4"].font, ws["A4"].alignment = Font(bold=True, size=14), center
        if len(decisions) == 1:
            d = next(iter(decisions.values()))
            when = f" ngày {d.doc_date:%d/%m/%Y}" if d.doc_date else ""
            ws.merge_cells(f"A5:{last}5")
            by = head_title(d.issuer) or body_name(d.issuer)
            ws["A5"] = safe_cell(f"(Kèm theo Quyết định số {d.number_display}{when} của {by})")
            ws["A5"].font, ws["A5"].alignment = Font(italic=True), center
        head_row = 7
        thin = Side(style="thin")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        for i, (header, width) in enumerate(self.columns, start=1):
            c = ws.cell(row=head_row, column=i, value=header)
            c.font, c.alignment, c.border = bold, center, box
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.row_dimensions[head_row].height = 32
        r = head_row
        for row in self.rows():
            r += 1
            for i, v in enumerate(row, start=1):
                c = ws.cell(row=r, column=i, value=safe_cell(v))
                c.border = box
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(v, date):
                    c.number_format = DATE_FORMAT
            ws.cell(row=r, column=self.money_column).number_format = MONEY_FORMAT
            ws.row_dimensions[r].height = 32
        r += 1
        total = sum(a.amount for a in self.awards)
        ws.cell(row=r, column=2, value="Tổng cộng").font = bold
        c = ws.cell(row=r, column=self.money_column, value=total)
        c.font, c.number_format = bold, MONEY_FORMAT
        for i in range(1, n + 1):
            ws.cell(row=r, column=i).border = box
        r += 1
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        ws.cell(row=r, column=1, value=f"Bằng chữ: {money_in_words(total)}.").font = Font(
            italic=True
        )
        r += 2
        place = admin_place(issuer) if issuer else ""
        ws.merge_cells(start_row=r, start_column=7, end_row=r, end_column=n)
        ws.cell(
            row=r,
            column=7,
            value=vn_date_line(place, self.today, year=(self.today or date.today()).year)
            if place
            else "",
        )
        ws.cell(row=r, column=7).font, ws.cell(row=r, column=7).alignment = (
            Font(italic=True),
            center,
        )
        r += 1
        head = ((head_word(issuer) if issuer else None) or "Thủ trưởng đơn vị").upper()
        if issuer is not None and is_committee(issuer):
            head = f"TM. ỦY BAN NHÂN DÂN\n{head}"
        for (c1, c2), text in (((1, 3), "NGƯỜI LẬP BIỂU"), ((4, 5), "KẾ TOÁN"), ((7, n), head)):
            ws.merge_cells(start_row=r, start_column=c1, end_row=r, end_column=c2)
            cell = ws.cell(row=r, column=c1, value=text)
            cell.font, cell.alignment = bold, center
            ws.merge_cells(start_row=r + 1, start_column=c1, end_row=r + 1, end_column=c2)
            note = ws.cell(
                row=r + 1,
                column=c1,
                value="(Ký, ghi rõ họ tên)" if c1 < 7 else "(Ký, đóng dấu, ghi rõ họ tên)",
            )
            note.font, note.alignment = Font(italic=True), center
        ws.row_dimensions[r].height = 32
        ws.print_title_rows = f"{head_row}:{head_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
