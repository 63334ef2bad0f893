"""A campaign is judged by the rules in force on its own date."""

from datetime import date

from thidua.campaigns import legal_basis, services


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


def test_amended_law_applies_from_october_2026():
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
    assert "2.530.000 đ" in new_html and "Nghị định 152/2025" in new_html
