"""The payment list for the finance office (danh sách chi tiền thưởng), .xlsx."""

import io

from openpyxl import load_workbook
from openpyxl.styles import Font

from thidua.core.excel import Exporter

MONEY_FORMAT = '#,##0" đ"'


class PaymentExporter(Exporter):
    title = "Danh sách chi tiền thưởng"
    columns = [
        ("STT", 6),
        ("Tập thể, cá nhân được khen", 34),
        ("Đơn vị", 30),
        ("Hình thức khen thưởng", 34),
        ("Số quyết định", 16),
        ("Ngày quyết định", 14),
        ("Phong trào", 40),
        ("Số tiền (đồng)", 16),
        ("Ngày chi", 12),
        ("Hiện vật", 16),
        ("Ngày cấp hiện vật", 14),
        ("Ký nhận", 14),
    ]
    money_column = 8

    def __init__(self, awards):
        self.awards = list(awards)

    def rows(self):
        for i, a in enumerate(self.awards, start=1):
            d = a.decision
            yield [
                i,
                a.awardee_name,
                a.awardee_unit_name,
                a.form_name,
                d.number_display if d else "",
                d.doc_date if d else None,
                a.campaign.title if a.campaign_id else "",
                a.amount,
                a.paid_at,
                a.item_kind,
                a.item_issued_at,
                "",
            ]
        yield [
            "",
            "Tổng cộng",
            "",
            "",
            "",
            None,
            "",
            sum(a.amount for a in self.awards),
            None,
            "",
            None,
            "",
        ]

    def to_xlsx(self) -> bytes:
        wb = load_workbook(io.BytesIO(super().to_xlsx()))
        ws = wb.active
        for row in ws.iter_rows(min_row=2, min_col=self.money_column, max_col=self.money_column):
            row[0].number_format = MONEY_FORMAT
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
