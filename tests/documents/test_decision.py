"""The award decision as a clerk reads it (issue #14 points 2 and 7)."""

from thidua.awards.documents import decision_docx
from thidua.core.documents import docx_text

from .conftest import first_page


def test_decision_uses_the_issuers_award_name_and_the_state_format(signed):
    docx = decision_docx(signed)
    text = docx_text(docx)
    # 14.2: the award named after the real issuer, never the catalogue category.
    assert "Giấy khen của Chủ tịch UBND thành phố Bắc Kạn" in text
    assert "cấp huyện" not in text
    # 14.7: UBND header without a parent line; place line with the unit's name.
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN" in text and "TỈNH BẮC KẠN" not in text
    assert "Bắc Kạn, ngày 20 tháng 01 năm 2025" in text and "TP." not in text
    # Effect clause, total in words, Lưu: VT, <drafting unit>, no hash line.
    assert "Quyết định có hiệu lực kể từ ngày ký" in text
    assert "Bằng chữ:" in text and "đồng)" in text
    assert "Lưu: VT, NV." in text
    assert signed.content_hash not in text and "SHA-256" not in text
    # Few awardees: named in Điều 1 with Ông/Bà, no "danh sách kèm theo".
    assert "(có danh sách kèm theo)" not in text
    assert "Ông " in text or "Bà " in text
    first_page(docx, "decision")


def test_decision_articles_are_bold(signed):
    import io

    from docx import Document

    doc = Document(io.BytesIO(decision_docx(signed)))
    heads = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("Điều ")]
    assert [r.text for r in heads] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert all(r.bold for r in heads)


def test_decision_page_numbers_start_on_page_two(signed):
    import io

    from docx import Document

    section = Document(io.BytesIO(decision_docx(signed))).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_a_long_list_is_attached_and_only_then_called_attached(approved_session, users):
    from datetime import date

    from thidua.awards import services as s
    from thidua.awards.models import DecisionLine

    draft = s.draft_from_session(approved_session, users["standing"], on=date(2025, 1, 20))
    first = draft.lines.first()
    for i in range(3):
        DecisionLine.objects.create(
            decision=draft,
            form_code=first.form_code,
            form_name=first.form_name,
            subject_kind="individual",
            awardee_name=f"Nguyễn Văn Thêm {i}",
            awardee_unit=first.awardee_unit,
            awardee_unit_name=first.awardee_unit_name,
            position="Chuyên viên",
            amount=710_000,
            order=10 + i,
        )
    text = docx_text(decision_docx(draft))
    assert "(có danh sách kèm theo)" in text
    assert "DANH SÁCH" in text and "(Kèm theo Quyết định số" in text
    assert "Chuyên viên, " in text
