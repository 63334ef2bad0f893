"""The payment list as the finance office prints it (#14.8), and the statistics form (#14.9)."""

from datetime import date

from thidua.awards.excel import PaymentExporter
from thidua.awards.models import Award
from thidua.reports import statforms

from .conftest import pdf_text, xlsx_first_page


def test_payment_list_prints_on_one_page_width(signed):
    awards = Award.objects.filter(decision=signed).select_related("decision__issuer", "campaign")
    data = PaymentExporter(awards, today=date(2025, 1, 25)).to_xlsx()
    png = xlsx_first_page(data, "danh_sach_chi_tien")
    assert png.exists()


def test_statistics_form_prints_on_one_page_width(signed, org):
    data = statforms.build("0601", org["city"], date(2025, 1, 1), date(2025, 12, 31))
    assert xlsx_first_page(data, "bieu_thong_ke_0601").exists()


def test_pdf_text_helper_reads_text():
    from thidua.registry import certificates as cert

    heading = cert.Heading("giay_khen", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN")
    assert "TẶNG GIẤY KHEN" in pdf_text(cert.render([cert.sample_text()], heading))
