"""The campaign plan .docx (#14.7, #14.8): place line, sections numbered as printed, quotas
under their award once, no OCR garbage."""

from thidua.campaigns.documents import plan_docx
from thidua.core.documents import docx_text

from .conftest import first_page


def test_plan_000_numbers_follow_and_quotas_sit_under_their_award(import_seed):
    campaign = import_seed("000")
    docx = plan_docx(campaign)
    text = docx_text(docx)
    assert "Bắc Kạn, ngày" in text and "TP." not in text
    assert "05 giáo viên và 05 học sinh" in text
    lines = text.splitlines()
    # Each quota once.
    quotas = [ln for ln in lines if ln.startswith("- ") and "không quá" in ln]
    assert len(quotas) == len(set(quotas))
    first_page(docx, "plan_000")


def test_plan_002_prints_no_ocr_garbage_and_renumbers(import_seed):
    campaign = import_seed("002")
    docx = plan_docx(campaign)
    text = docx_text(docx)
    assert "CHƯƠNG TRÌNH" in text and "Số:      /CTr-UBND" in text or "/CTr-" in text
    for garbage in ("cwong", "thuéng", "DOAN KET", "S& Noi vu", "Xay dung ké hoach"):
        assert garbage not in text, garbage
    # Sections follow one another: no "4." after "2." inside II.
    body = text[text.index("II. NỘI DUNG") :]
    assert "\n4. " not in body.split("III.")[0]
    first_page(docx, "plan_002")


def test_plan_002_prints_the_text_corrected_on_the_review_page(import_seed, users):
    """Seed 002 is a scan read without Vietnamese: the demo saves what the officer retypes
    on the review page (`REVIEW_CORRECTIONS`, through `update_campaign`) and the plan prints
    that text, never the OCR."""
    from thidua.campaigns import services
    from thidua.demo_data.campaigns import REVIEW_CORRECTIONS

    campaign = import_seed("002")
    before = docx_text(plan_docx(campaign))
    assert "Chỉ thị số 19/CT-TTg" not in before and "Tổ chức các phong trào" not in before
    campaign = services.update_campaign(campaign, users["standing"], **REVIEW_CORRECTIONS["002"])
    text = docx_text(plan_docx(campaign))
    assert "thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ" in text
    assert "Đoàn kết - Dân chủ - Kỷ cương - Sáng tạo - Phát triển" in text
    assert "Tổ chức các phong trào thi đua yêu nước." in text
    assert "Nâng cao chất lượng công tác khen thưởng." in text
    assert "ban hành chương trình hành động thực hiện Chỉ thị" in text
    assert "chương trình chương trình" not in text.lower()
    for garbage in ("cwong", "thuéng", "DOAN KET"):
        assert garbage not in text, garbage
    first_page(plan_docx(campaign), "plan_002_corrected")


def test_cong_van_is_rendered_as_a_cong_van(import_seed):
    campaign = import_seed("003")
    assert campaign.doc_type == "CV"
    text = docx_text(plan_docx(campaign))
    assert "V/v " in text and "Kính gửi:" in text and "KẾ HOẠCH\n" not in text
    assert "Như trên" in text
    first_page(plan_docx(campaign), "cong_van_003")


def test_garbled_text_is_recognised():
    from thidua.core.documents import looks_garbled

    assert looks_garbled("Ting cwong cong tic tuyén truyén, pho bién cic quy dinh vé cong tac")
    assert looks_garbled("DOAN KET, SANG TAO, THI PUA XAY DUNG TINH BAC KAN")
    assert not looks_garbled("Tăng cường công tác tuyên truyền, phổ biến các quy định")
    assert not looks_garbled("Sở Nội vụ (Ban Thi đua - Khen thưởng)")
