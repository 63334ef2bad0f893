"""The proposing unit's documents (#14.7, #14.8): Tờ trình, Biên bản họp xét, Báo cáo thành
tích per nominee, Danh sách trích ngang."""

import io
from datetime import date

from docx import Document

from thidua.core.documents import docx_text
from thidua.dossiers import drafts

from .conftest import first_page


def _with_meeting(dossier, total=9, votes=(7, 5, 4)):
    dossier.meeting_date = date(2025, 1, 8)
    dossier.meeting_total, dossier.meeting_attendees = total, total - 1
    dossier.save()
    for n, v in zip(dossier.nominees.order_by("order"), votes, strict=False):
        n.votes_for = v
        n.save()
    return dossier


def test_proposal_names_plan_award_positions_and_signer(dossiers, campaign):
    campaign.rules = [
        {
            "id": "q1",
            "kind": "quota",
            "match": {"forms": ["giay_khen_chu_tich_huyen"]},
            "source": "Mỗi phường đề nghị không quá 03 tập thể, 05 cá nhân",
        }
    ]
    campaign.save()
    docx = drafts.proposal(dossiers[0])
    text = docx_text(docx)
    assert "Căn cứ Kế hoạch số 215/KH-UBND ngày 10/10/2024" in text
    assert "Giấy khen của Chủ tịch UBND thành phố Bắc Kạn" in text and "cấp huyện" not in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Bắc Kạn" in text
    assert "Chỉ tiêu theo Kế hoạch: Mỗi phường đề nghị không quá 03 tập thể, 05 cá nhân." in text
    assert "Bà Ma Thị Lan" in text and "Phường Đức Xuân" in text
    # A ward's UBND: no parent line; the place is the ward's name.
    assert "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC XUÂN" in text and "THÀNH PHỐ BẮC KẠN\n" not in text
    assert "Đức Xuân, ngày" in text and "TP." not in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "THỦ TRƯỞNG" not in text
    first_page(docx, "to_trinh")


def test_minutes_print_votes_shares_and_each_lines_result(dossiers):
    dossier = _with_meeting(dossiers[0])
    docx = drafts.minutes(dossier)
    text = docx_text(docx)
    assert "Thư ký" in text or "THƯ KÝ" in text
    assert "CHỦ TRÌ" in text and "(Ký, ghi rõ họ tên)" in text
    assert "Vào hồi … giờ" in text and "kết thúc vào hồi" in text
    assert "77,8 %" in text and "55,6 %" in text and "44,4 %" in text
    # 4 of 9 members is not a majority of the membership: not proposed.
    assert "Không đạt" in text and "Không đề nghị (chưa đủ tỷ lệ): " in text and "4/9 phiếu" in text
    assert "Đức Xuân, ngày 08 tháng 01 năm 2025" in text
    first_page(docx, "bien_ban_hop_xet")


def test_one_achievement_report_per_nominee_without_internal_notes(dossiers):
    docx = drafts.achievement_report(dossiers[0])
    text = docx_text(docx)
    doc = Document(io.BytesIO(docx))
    titles = [p.text for p in doc.paragraphs if p.text == "BÁO CÁO THÀNH TÍCH"]
    assert len(titles) == dossiers[0].nominees.count() == 3
    assert "Mẫu số 08" in text and "(*)" not in text and "chưa được đối chiếu" not in text
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text and "Ma Thị Lan" in text
    first_page(docx, "bao_cao_thanh_tich")


def test_summary_list_landscape_with_positions(dossiers):
    docx = drafts.summary_list(dossiers[0])
    text = docx_text(docx)
    assert "Bà Ma Thị Lan" in text and "Chức vụ, đơn vị" in text
    first_page(docx, "danh_sach_trich_ngang")
