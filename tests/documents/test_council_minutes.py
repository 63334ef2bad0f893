"""The council's minutes: a readable results table (#14.8) in the state format (#14.7)."""

import io

from docx import Document

from thidua.core.documents import docx_text
from thidua.council.documents import minutes_docx

from .conftest import first_page


def test_council_minutes_are_readable_and_name_the_award_once(approved_session):
    docx = minutes_docx(approved_session)
    text = docx_text(docx)
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN" in text and "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Bắc Kạn, ngày 18 tháng 01 năm 2025" in text and "TP." not in text
    assert text.count("Đề nghị tặng Giấy khen của Chủ tịch UBND thành phố Bắc Kạn:") == 1
    doc = Document(io.BytesIO(docx))
    results = doc.tables[-2]
    # Columns wide enough for whole words; text at 12 pt, not 9.
    assert all(
        run.font.size.pt >= 12
        for c in results.rows[1].cells
        for p in c.paragraphs
        for run in p.runs
    )
    assert len(results.columns) == 7
    first_page(docx, "bien_ban_hoi_dong")
