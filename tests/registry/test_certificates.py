"""Certificate PDFs: content, page size, field positions in millimetres, the QR encoder."""

import io
from dataclasses import replace

import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_8BIT_BYTE, QRData

from thidua.registry import certificates as cert
from thidua.registry import qrfast
from thidua.registry.pdfdoc import MM

HEADING = cert.Heading("giay_khen", "Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn")


def _pages(data: bytes):
    return PdfReader(io.BytesIO(data)).pages


def _positions(page) -> dict[str, tuple[float, float]]:
    """Text → (x, y) in points of where each text run starts."""
    found = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            found.setdefault(text.strip(), (tm[4], tm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_design_page_is_a4_landscape_with_every_text():
    sample = cert.sample_text()
    page = _pages(cert.render([sample], HEADING))[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
        841.9,
        595.3,
    )
    text = page.extract_text()
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN",
        "TẶNG GIẤY KHEN",
        "Ông Nguyễn Văn Hưng",
        "Quyết định số 15/QĐ-UBND ngày 20/01/2025",
        "ABCD-2345",
        "Bắc Kạn, ngày 20 tháng 01 năm 2025",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Mẫu",
    ):
        assert expected in text, expected
    assert "phong trào thi đua đặc biệt" in text


def test_bang_khen_heading_says_tang_bang_khen():
    text = _pages(
        cert.render([cert.sample_text()], cert.Heading("bang_khen", "Chủ tịch UBND tỉnh Bắc Kạn"))
    )[0]
    assert "TẶNG BẰNG KHEN" in text.extract_text()
    assert "TẶNG GIẤY KHEN" not in text.extract_text()


def test_one_page_per_certificate_with_its_own_name_and_code():
    base = cert.sample_text()
    certs = [
        replace(base, awardee_name=f"Bà Hoàng Thị Lan {i}", code=f"Mã xác thực: C{i:03d}")
        for i in range(25)
    ]
    pages = _pages(cert.render(certs, HEADING))
    assert len(pages) == 25
    assert "Bà Hoàng Thị Lan 7" in pages[7].extract_text()
    assert "C007" in pages[7].extract_text() and "C008" not in pages[7].extract_text()


def test_blank_mode_prints_only_variable_fields_at_their_millimetres():
    layout = {name: dict(spec) for name, spec in cert.DEFAULT_LAYOUT.items()}
    layout["awardee_name"].update(x_mm=40, y_mm=90, align="left", max_width_mm=0)
    layout["serial"].update(x_mm=200, y_mm=30, align="left")
    page = _pages(
        cert.render([cert.sample_text()], HEADING, cert.RenderOptions(design=False, layout=layout))
    )[0]
    text = page.extract_text()
    assert "CỘNG HÒA" not in text and "TẶNG GIẤY KHEN" not in text
    pos = _positions(page)
    x, y = pos["Ông Nguyễn Văn Hưng"]
    assert abs(x - 40 * MM) < 0.5 and abs(y - (210 - 90) * MM) < 0.5
    x, y = pos["Số vào sổ: 0001/GK-2025"]
    assert abs(x - 200 * MM) < 0.5 and abs(y - (210 - 30) * MM) < 0.5


def test_centred_field_is_centred_on_its_x():
    layout = {
        "awardee_name": dict(
            cert.DEFAULT_LAYOUT["awardee_name"], x_mm=150, y_mm=100, max_width_mm=0
        )
    }
    sample = cert.sample_text()
    page = _pages(cert.render([sample], HEADING, cert.RenderOptions(design=False, layout=layout)))[
        0
    ]
    x, _ = _positions(page)[sample.awardee_name]
    from thidua.registry.pdfdoc import load_font

    width = load_font("B").width(sample.awardee_name, 26)
    assert abs(x + width / 2 - 150 * MM) < 0.5


def test_long_name_shrinks_to_its_box_and_long_wording_wraps_to_three_lines():
    sample = replace(
        cert.sample_text(),
        awardee_name="Tập thể " + "Trường Tiểu học và Trung học cơ sở " * 3,
        wording="Đã có thành tích xuất sắc " * 20,
    )
    assert cert._fit_size(sample.awardee_name, "B", 26, 250 * MM) < 26
    lines = cert._wrap(sample.wording, "I", 15, 235 * MM)
    assert len(lines) > 3
    page = _pages(cert.render([sample], HEADING))[0]
    wording_runs = [t for t in _positions(page) if t.startswith("Đã có") or t.startswith("sắc")]
    assert 1 <= len(wording_runs) <= 3


def test_grid_test_print_labels_the_fields():
    page = _pages(
        cert.render([cert.sample_text()], HEADING, cert.RenderOptions(design=False, grid=True))
    )[0]
    text = page.extract_text()
    assert cert.FIELDS["awardee_name"] in text and "100" in text


def test_vietnamese_date_words_pad_day_and_first_months():
    from datetime import date

    assert cert.vn_date_words(date(2025, 1, 5), "Bắc Kạn") == "Bắc Kạn, ngày 05 tháng 01 năm 2025"
    assert cert.vn_date_words(date(2024, 11, 20), "Bắc Kạn") == "Bắc Kạn, ngày 20 tháng 11 năm 2024"


def _reference(payload: bytes, version: int):
    q = qrcode.QRCode(
        version=version, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=qrfast.MASK
    )
    q.add_data(QRData(payload, mode=MODE_8BIT_BYTE))  # byte mode, as qrfast always encodes
    q.make(fit=False)
    return q.get_matrix()


def _raster(tpl, payload):
    bits_per_row = tpl.row_bytes * 8
    bits = format(int(tpl.image_hex(payload), 16), f"0{bits_per_row * tpl.size}b")
    return [[bits[r * bits_per_row + c] == "1" for c in range(tpl.size)] for r in range(tpl.size)]


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=120))
def test_fast_qr_matches_the_qrcode_package_module_for_module(payload):
    tpl = qrfast.template_for(payload)
    reference = _reference(payload, tpl.version)
    assert tpl.matrix(payload) == reference
    assert _raster(tpl, payload) == reference


def test_verification_url_fits_and_is_drawn_as_an_image_mask():
    url = cert.verify_url("https://thidua.backan.gov.vn", "ABCDE23456")
    assert url == "https://thidua.backan.gov.vn/so-khen-thuong/xac-thuc/ABCDE23456/"
    data = cert.render([replace(cert.sample_text(), verify_url=url)], HEADING)
    assert b"/IM true" in data
