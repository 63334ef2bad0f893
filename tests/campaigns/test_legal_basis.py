"""A campaign is judged by the rules in force on its own date."""

from datetime import date

from thidua.campaigns import legal_basis, services
from thidua.campaigns.documents import plan_docx
from thidua.core.documents import docx_text
from thidua.legal import read as legal
from thidua.legal.models import LegalGround


def _campaign(org, users, start):
    c = services.create_campaign(
        users["standing"],
        org["city"],
        title="Phong trào",
        start_date=start,
        end_date=start.replace(month=12, day=31),
    )
    c.award_forms.create(
        form_code="giay_khen_chu_tich_huyen", label="Giấy khen Chủ tịch UBND thành phố"
    )
    c.award_forms.create(form_code="co_thi_dua_tinh", label="Cờ thi đua UBND tỉnh")
    return c


def test_2024_campaign_uses_nd_98_and_2_340_000(org, users):
    frame = legal_basis.rules_in_force(_campaign(org, users, date(2024, 10, 15)))
    names = " ".join(t["name"] for t in frame.texts)
    assert "98/2023" in names and "152/2025" not in names
    assert frame.base_salary.amount == 2_340_000
    gk, flag = frame.forms
    assert gk.form is not None and gk.grantable is True and gk.status == "Cấp phát động khen thưởng"
    assert flag.grantable is False and flag.status == "Đề nghị cấp trên"


def test_2026_campaign_uses_nd_152_and_2_530_000(org, users):
    frame = legal_basis.rules_in_force(_campaign(org, users, date(2026, 8, 1)))
    names = " ".join(t["name"] for t in frame.texts)
    assert "152/2025" in names and "98/2023" not in names
    assert frame.base_salary.amount == 2_530_000
    gk = frame.forms[0]
    # District level abolished on 01/07/2025: the city chairman's Giấy khen no longer exists.
    assert gk.form is None and gk.grantable is False


def test_amended_law_applies_from_october_2026(db):
    assert any("06/2026/QH16" in t["name"] for t in legal_basis.texts_in_force(date(2026, 10, 1)))
    assert not any(
        "06/2026/QH16" in t["name"] for t in legal_basis.texts_in_force(date(2026, 9, 30))
    )


def test_campaign_page_shows_different_salary_by_date(org, users, client_for):
    old = _campaign(org, users, date(2024, 10, 15))
    new = _campaign(org, users, date(2026, 8, 1))
    c = client_for("standing")
    old_html = c.get(f"/phong-trao/{old.pk}/").content.decode()
    new_html = c.get(f"/phong-trao/{new.pk}/").content.decode()
    assert "2.340.000 đ" in old_html and "2.530.000 đ" not in old_html
    assert "2.530.000 đ" in new_html and "Nghị định số 152/2025/NĐ-CP" in new_html


def test_texts_in_force_are_the_legal_grounds_table(db):
    """One list of legal texts: the campaign page's list is `legal.grounds_for`, so a
    ground edited in the table shows on the page with no second list to keep in step."""
    on = date(2026, 8, 1)
    names = [t["name"] for t in legal_basis.texts_in_force(on)]
    assert names == [g.text.removeprefix("Căn cứ ") for g in legal.grounds_for(on)]
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 của Quốc hội" in (
        names
    )
    # NĐ 129/2025 (communes' chairmen) only for a commune or ward issuer.
    assert not any("129/2025" in n for n in names)
    assert any("129/2025" in t["name"] for t in legal_basis.texts_in_force(on, "commune"))
    row = LegalGround.objects.get(key="nd_152_2025")
    row.summary = "quy định chi tiết (bản đã sửa trong bảng)"
    row.save()
    assert any("bản đã sửa trong bảng" in t["name"] for t in legal_basis.texts_in_force(on))


def _grounds_of(docx: bytes) -> list[str]:
    return [line for line in docx_text(docx).splitlines() if line.startswith("Căn cứ")]


def test_plan_cites_the_law_and_decrees_of_its_own_date(org, users):
    """The plan's căn cứ are the Law on Emulation and Commendation and its decrees in force
    on the plan's date, each named with number, date and issuing body (NĐ 30/2020); not the
    law on local government (a decision's authority) nor the circular."""
    new = _grounds_of(plan_docx(_campaign(org, users, date(2026, 8, 1))))
    assert new == [
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 của Quốc hội;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về "
        "phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng và quy định chi tiết thi hành "
        "Luật Thi đua, khen thưởng.",
    ]
    old = _grounds_of(plan_docx(_campaign(org, users, date(2020, 5, 4))))
    assert [line.split(" ngày ")[0] for line in old] == [
        "Căn cứ Luật Thi đua, khen thưởng số 15/2003/QH11",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng số 47/2005/QH11",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng số 39/2013/QH13",
        "Căn cứ Nghị định số 91/2017/NĐ-CP",
    ]
    assert not any("chính quyền địa phương" in line or "Thông tư" in line for line in new + old)
