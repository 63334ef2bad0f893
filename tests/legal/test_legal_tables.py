"""Shape and content of the legal tables (no Django)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from thidua.legal import tables as t
from thidua.legal import vocab

REQUIRED_CODES = {
    "giay_khen_thu_truong",
    "giay_khen_chu_tich_xa",
    "giay_khen_chu_tich_huyen",
    "bang_khen_chu_tich_tinh",
    "co_thi_dua_tinh",
    "bang_khen_thu_tuong",
    "co_thi_dua_chinh_phu",
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_tinh",
    "chien_si_thi_dua_toan_quoc",
    "tap_the_lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "thon_to_dan_pho_van_hoa",
    "gia_dinh_van_hoa",
    "xa_phuong_tieu_bieu",
    "huan_chuong_lao_dong_hang_ba",
}
KEYS = {
    "code",
    "name",
    "short_name",
    "kind",
    "level",
    "grantor",
    "subjects",
    "coefficient_individual",
    "coefficient_collective",
    "coefficient_household",
    "council_vote",
    "requires_initiative",
    "valid_from",
    "valid_to",
    "citation",
    "confirmed",
}


def test_award_forms_have_exactly_the_required_codes():
    assert {f["code"] for f in t.AWARD_FORMS} == REQUIRED_CODES


@pytest.mark.parametrize("form", t.AWARD_FORMS, ids=lambda f: f"{f['code']}@{f['valid_from']}")
def test_award_form_entry_is_well_formed(form):
    assert set(form) >= KEYS
    assert form["kind"] in {"danh_hieu", "hinh_thuc"}
    assert form["level"] in {"co_so", "xa", "huyen", "tinh", "trung_uong"}
    assert set(form["subjects"]) <= set(vocab.SUBJECT_KINDS) and form["subjects"]
    assert form["council_vote"] in {None, "80", "90"}
    assert form["citation"] and form["grantor"] and form["name"]
    assert form["valid_to"] is None or form["valid_to"] >= form["valid_from"]
    for key in ("coefficient_individual", "coefficient_collective", "coefficient_household"):
        assert form[key] is None or isinstance(form[key], Decimal)


def test_dated_entries_of_one_code_do_not_overlap():
    by_code: dict[str, list] = {}
    for f in t.AWARD_FORMS:
        by_code.setdefault(f["code"], []).append(f)
    for code, entries in by_code.items():
        for day in (date(2024, 1, 1), date(2025, 6, 30), date(2025, 7, 1), date(2026, 11, 1)):
            assert len(t.select_in_force(entries, day)) <= 1, (code, day)


def test_district_giay_khen_ends_on_30_june_2025():
    assert t.select_in_force(
        [f for f in t.AWARD_FORMS if f["code"] == "giay_khen_chu_tich_huyen"], date(2025, 6, 30)
    )
    with pytest.raises(KeyError, match="giay_khen_chu_tich_huyen"):
        t.award_form("giay_khen_chu_tich_huyen", date(2025, 7, 1))


def test_no_district_grantor_after_the_reform():
    in_force = t.select_in_force(t.AWARD_FORMS, date(2025, 7, 1))
    assert not [f["code"] for f in in_force if "huyện" in f["grantor"] or f["level"] == "huyen"]


def test_commune_grants_cstdcs_and_village_title_after_reform_but_district_before():
    before = t.award_form("chien_si_thi_dua_co_so", date(2025, 6, 30))
    after = t.award_form("chien_si_thi_dua_co_so", date(2025, 7, 1))
    assert "cấp huyện" in before["grantor"] and "xã" not in before["grantor"]
    assert "xã, phường, đặc khu" in after["grantor"] and "NĐ 129/2025" in after["citation"]
    assert t.award_form("thon_to_dan_pho_van_hoa", date(2025, 6, 1))["level"] == "huyen"
    assert t.award_form("thon_to_dan_pho_van_hoa", date(2025, 7, 1))["level"] == "xa"


def test_commune_title_is_renamed_with_dac_khu_after_reform():
    assert t.award_form("xa_phuong_tieu_bieu", date(2025, 1, 1))["name"] == (
        "Xã, phường, thị trấn tiêu biểu"
    )
    assert t.award_form("xa_phuong_tieu_bieu", date(2025, 7, 1))["name"] == (
        "Xã, phường, đặc khu tiêu biểu"
    )


@pytest.mark.parametrize(
    ("code", "field", "value"),
    [
        ("chien_si_thi_dua_toan_quoc", "coefficient_individual", Decimal("4.5")),
        ("chien_si_thi_dua_tinh", "coefficient_individual", Decimal("3.0")),
        ("chien_si_thi_dua_co_so", "coefficient_individual", Decimal("1.0")),
        ("lao_dong_tien_tien", "coefficient_individual", Decimal("0.3")),
        ("tap_the_lao_dong_xuat_sac", "coefficient_collective", Decimal("1.5")),
        ("tap_the_lao_dong_tien_tien", "coefficient_collective", Decimal("0.8")),
        ("xa_phuong_tieu_bieu", "coefficient_collective", Decimal("2.0")),
        ("thon_to_dan_pho_van_hoa", "coefficient_collective", Decimal("1.5")),
        ("co_thi_dua_chinh_phu", "coefficient_collective", Decimal("12.0")),
        ("co_thi_dua_tinh", "coefficient_collective", Decimal("8.0")),
        ("bang_khen_thu_tuong", "coefficient_collective", Decimal("7.0")),
        ("bang_khen_chu_tich_tinh", "coefficient_collective", Decimal("3.0")),
        ("giay_khen_chu_tich_xa", "coefficient_collective", Decimal("0.6")),
        ("huan_chuong_lao_dong_hang_ba", "coefficient_collective", Decimal("9.0")),
    ],
)
def test_coefficients_match_nd_152(code, field, value):
    assert t.award_form(code, date(2025, 8, 1))[field] == value


def test_unconfirmed_facts_are_flagged():
    # individual Bằng khen / Giấy khen coefficients and Gia đình văn hóa money are [U]
    assert t.award_form("bang_khen_chu_tich_tinh")["confirmed"] is False
    assert t.award_form("giay_khen_thu_truong")["confirmed"] is False
    assert t.award_form("gia_dinh_van_hoa")["confirmed"] is False
    assert t.award_form("co_thi_dua_tinh")["confirmed"] is True


def test_council_vote_and_initiative_flags():
    assert t.award_form("chien_si_thi_dua_tinh")["council_vote"] == "90"
    assert t.award_form("chien_si_thi_dua_co_so")["council_vote"] == "80"
    assert t.award_form("co_thi_dua_tinh")["council_vote"] == "80"
    assert t.award_form("lao_dong_tien_tien")["council_vote"] is None
    assert t.award_form("chien_si_thi_dua_tinh")["requires_initiative"] is True
    assert t.award_form("chien_si_thi_dua_co_so")["requires_initiative"] is False


def test_huan_chuong_is_proposal_only():
    assert t.award_form("huan_chuong_lao_dong_hang_ba")["proposal_only"] is True
    assert t.award_form("bang_khen_chu_tich_tinh")["proposal_only"] is False


@pytest.mark.parametrize(
    ("day", "amount", "confirmed"),
    [
        (date(2023, 7, 1), 1_800_000, True),
        (date(2024, 6, 30), 1_800_000, True),
        (date(2024, 7, 1), 2_340_000, True),
        (date(2026, 6, 30), 2_340_000, True),
        (date(2026, 7, 1), 2_530_000, False),
    ],
)
def test_base_salaries(day, amount, confirmed):
    [entry] = t.select_in_force(t.BASE_SALARIES, day)
    assert (entry["amount"], entry["confirmed"]) == (amount, confirmed)


def test_base_salary_of_seed_004_and_none_before_july_2017():
    [entry] = t.select_in_force(t.BASE_SALARIES, date(2021, 6, 30))
    assert (entry["amount"], entry["confirmed"]) == (1_490_000, False)
    assert t.select_in_force(t.BASE_SALARIES, date(2017, 6, 30)) == []


def test_voting_thresholds_by_date():
    old = t.select_in_force(t.VOTING_THRESHOLDS, date(2025, 6, 30))
    new = t.select_in_force(t.VOTING_THRESHOLDS, date(2025, 7, 1))
    assert {(e["threshold"], e["confirmed"]) for e in old} == {
        (Fraction(9, 10), True),
        (Fraction(4, 5), True),
    }
    assert {(e["threshold"], e["confirmed"]) for e in new} == {
        (Fraction(9, 10), False),
        (Fraction(4, 5), False),
    }
    before = t.select_in_force(t.VOTING_THRESHOLDS, date(2023, 12, 31))
    assert {(e["threshold"], e["confirmed"]) for e in before} == {
        (Fraction(9, 10), False),
        (Fraction(4, 5), False),
    }
    assert t.select_in_force(t.VOTING_THRESHOLDS, date(2017, 9, 30)) == []
    assert t.QUORUM["share"] == Fraction(4, 5) and t.QUORUM["confirmed"] is False


def test_ratings_are_ordered():
    codes = [r["code"] for r in sorted(vocab.RATINGS, key=lambda r: r["rank"])]
    assert codes == ["khong_hoan_thanh", "hoan_thanh", "hoan_thanh_tot", "hoan_thanh_xuat_sac"]
    assert vocab.RATING_LABELS["hoan_thanh_tot"] == "Hoàn thành tốt nhiệm vụ"


def test_categories():
    assert set(vocab.PERSON_CATEGORIES) == {
        "can_bo",
        "cong_chuc",
        "vien_chuc",
        "nguoi_lao_dong",
        "chien_si",
        "cong_nhan",
        "nong_dan",
        "doanh_nhan",
        "giao_vien",
        "hoc_sinh",
        "nguoi_dan",
    }
    for code in ("thon_kieu_mau", "gia_dinh_chinh_sach", "ho_thoat_ngheo", "ho_san_xuat_gioi"):
        assert code in vocab.COLLECTIVE_CATEGORIES
    assert vocab.PERSON_CATEGORIES["giao_vien"] == "Giáo viên"


def test_select_in_force_is_inclusive_and_open_ended():
    entries = [
        {"valid_from": date(2024, 1, 1), "valid_to": date(2024, 12, 31), "v": 1},
        {"valid_from": date(2025, 1, 1), "valid_to": None, "v": 2},
    ]
    assert [e["v"] for e in t.select_in_force(entries, date(2024, 12, 31))] == [1]
    assert [e["v"] for e in t.select_in_force(entries, date(2099, 1, 1))] == [2]
    assert t.select_in_force(entries, date(2023, 12, 31)) == []


def test_legal_settings_are_json_serialisable_and_dated():
    import json

    keys = [(s["key"], s["valid_from"]) for s in t.LEGAL_SETTINGS]
    assert len(keys) == len(set(keys))
    for key in {s["key"] for s in t.LEGAL_SETTINGS}:
        rows = [s for s in t.LEGAL_SETTINGS if s["key"] == key]
        for day in (date(2021, 6, 30), date(2025, 6, 30), date(2025, 7, 1)):
            assert len(t.select_in_force(rows, day)) <= 1, (key, day)
    for s in t.LEGAL_SETTINGS:
        json.dumps(s["value"])
        assert s["label"] and s["citation"] and isinstance(s["valid_from"], date)
    quorum = next(s for s in t.LEGAL_SETTINGS if s["key"] == "council_quorum_award_session")
    assert (
        Fraction(quorum["value"]["numerator"], quorum["value"]["denominator"]) == t.QUORUM["share"]
    )
