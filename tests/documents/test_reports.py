"""The report (Báo cáo) and the statistics forms as a reader gets them (#14.9)."""

from datetime import date

from thidua.core.documents import docx_text
from thidua.reports import exports, figures, statforms

from .conftest import first_page


def test_city_report_goes_to_the_province_counts_its_awards_and_explains_figures(signed, org):
    data = figures.compute(org["city"], campaign=signed.campaign, today=date(2025, 2, 1))
    assert data["awards"]["total"] == 4  # the city's own decision: 4 awardees
    docx = exports.report_docx(data, org["city"])
    text = docx_text(docx)
    assert "Kính gửi: Ủy ban nhân dân tỉnh Bắc Kạn" in text
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN" in text and "Bắc Kạn, ngày" in text
    if not data["deployment"]["deployed"]:
        assert "Ghi chú: “0/" in text and "không phụ thuộc" in text
    first_page(docx, "bao_cao")


def test_statistics_form_counts_the_issuers_own_awards(signed, org):
    sheet = statforms.sheet("0603", org["province"], date(2025, 1, 1), date(2025, 12, 31))
    assert sheet.rows == []  # the city's Giấy khen is not a province award
