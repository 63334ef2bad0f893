"""Readers: formats are sniffed from content, not trusted from the extension."""

import io
from pathlib import Path

import pytest

from thidua.planimport.extract import extract_plan
from thidua.planimport.readers import PlanReadError, read_text

FONTS = [
    Path(__file__).resolve().parents[2] / "thidua/core/fonts/LiberationSerif-Regular.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
]


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN HUYỆN PHÚ LƯƠNG")
    document.add_paragraph("Số: 17/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phát động Đợt thi đua chào mừng kỷ niệm 60 năm thành lập huyện")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Hình thức"
    table.cell(0, 1).text = "Số lượng"
    table.cell(1, 0).text = "Giấy khen của Chủ tịch UBND huyện"
    table.cell(1, 1).text = "không quá 02 tập thể"
    document.add_paragraph("Thời gian: Từ ngày 01/6/2024 đến ngày 31/10/2024.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_table_cells():
    text = read_text("ke-hoach.docx", _docx_bytes())
    assert "Số: 17/KH-UBND" in text
    assert "Giấy khen của Chủ tịch UBND huyện" in text and "không quá 02 tập thể" in text
    result = extract_plan(text)
    assert result["number"] == "17/KH-UBND"
    assert result["title"] == "Phát động Đợt thi đua chào mừng kỷ niệm 60 năm thành lập huyện"
    assert (result["start_date"], result["end_date"]) == ("2024-06-01", "2024-10-31")


def test_docx_is_sniffed_even_with_a_wrong_extension():
    assert "KẾ HOẠCH" in read_text("upload.bin", _docx_bytes())


def _pdf_bytes(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = next((f for f in FONTS if f.exists()), None)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    if font:
        pdfmetrics.registerFont(TTFont("PlanFont", str(font)))
        pdf.setFont("PlanFont", 11)
    y = 800
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_pdf_text_layer():
    font = next((f for f in FONTS if f.exists()), None)
    lines = [
        "Số: 33/KH-UBND",
        "KẾ HOẠCH",
        "Phát động thi đua chuyên đề năm 2024",
        "Thời gian: Từ ngày 01/3/2024 đến ngày 30/9/2024.",
    ]
    if font is None:  # Standard PDF fonts cannot carry Vietnamese; fall back to folded text.
        lines = [
            "So: 33/KH-UBND",
            "KE HOACH",
            "Phat dong thi dua chuyen de nam 2024",
            "Thoi gian: Tu ngay 01/3/2024 den ngay 30/9/2024.",
        ]
    text = read_text("ke-hoach.pdf", _pdf_bytes(lines))
    result = extract_plan(text)
    assert result["number"] == "33/KH-UBND"
    assert result["kind"] == "chuyen_de"
    assert (result["start_date"], result["end_date"]) == ("2024-03-01", "2024-09-30")


def test_pdf_without_text_layer_is_refused():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.rect(50, 50, 200, 200, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(PlanReadError, match="lớp văn bản"):
        read_text("scan.pdf", buf.getvalue())


def test_renamed_exe_is_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
    with pytest.raises(PlanReadError, match="không được hỗ trợ"):
        read_text("ke-hoach.docx", exe)
    with pytest.raises(PlanReadError, match="không được hỗ trợ"):
        read_text("ke-hoach.txt", exe)


def test_plain_zip_is_not_a_docx():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(PlanReadError):
        read_text("ke-hoach.docx", buf.getvalue())


def test_text_encodings():
    text = "KẾ HOẠCH\nPhát động Đợt thi đua năm 2024"
    assert read_text("a.md", text.encode("utf-8")) == text
    assert read_text("a.txt", ("\ufeff" + text).encode("utf-8")) == text
    assert read_text("a.txt", text.encode("utf-16")) == text
    assert read_text("a.txt", _cp1258(text)) == text
    assert read_text("a.txt", "Café au lait".encode("latin-1")) == "Café au lait"


def _cp1258(text: str) -> bytes:
    """cp1258 stores base letters with separate tone marks."""
    import unicodedata

    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = "".join(c for c in parts if c not in tones)
        out += unicodedata.normalize("NFC", base).encode("cp1258") + tones.encode("cp1258")
    return out


def test_empty_upload_is_refused():
    with pytest.raises(PlanReadError):
        read_text("a.txt", b"")


def _docx_title_over_paragraphs(centred: bool) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN")
    document.add_paragraph("Số: 25/KH-UBND")

    def title_paragraph(text: str):
        p = document.add_paragraph()
        run = p.add_run(text)
        run.bold = True
        if centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    title_paragraph("KẾ HOẠCH")
    document.add_paragraph("")
    title_paragraph("Phát động phong trào thi đua chào mừng kỷ niệm 50 năm")
    title_paragraph("Ngày giải phóng miền Nam, thống nhất đất nước")
    title_paragraph("(30/4/1975 - 30/4/2025)")
    title_paragraph("_______________")
    document.add_paragraph("Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2025 của UBND tỉnh.")
    document.add_paragraph("Thời gian: Từ ngày 01/02/2025 đến ngày 30/4/2025.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("centred", [True, False], ids=["centred", "bold"])
def test_docx_title_over_several_paragraphs_is_kept_whole(centred):
    text = read_text("ke-hoach.docx", _docx_title_over_paragraphs(centred))
    result = extract_plan(text)
    assert result["title"] == (
        "Phát động phong trào thi đua chào mừng kỷ niệm 50 năm Ngày giải phóng miền Nam, "
        "thống nhất đất nước (30/4/1975 - 30/4/2025)"
    )
    assert result["number"] == "25/KH-UBND"
    assert (result["start_date"], result["end_date"]) == ("2025-02-01", "2025-04-30")
    # The preamble stays its own block, after the title.
    assert "\n\nThực hiện Kế hoạch số 12/KH-UBND" in text


def test_docx_body_paragraphs_after_a_plain_title_stay_apart():
    text = read_text("ke-hoach.docx", _docx_bytes())
    assert "Phát động Đợt thi đua chào mừng kỷ niệm 60 năm thành lập huyện\n\n" in text
