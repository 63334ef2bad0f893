"""Reward money: every worked figure of legal.md §4."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.awards.money import (
    MoneyError,
    amount_for_form,
    amounts_for_subject,
    base_salary_on,
    format_vnd,
    household_amount,
    reward_amount,
    round_up,
    total_amount,
)

# The rules read the legal tables from the database (thidua.legal.read), as seeded.
pytestmark = pytest.mark.django_db

# (coefficient, amount @ 2,340,000, amount @ 2,530,000) — legal.md §4 table
WORKED = [
    ("4.5", 10_530_000, 11_390_000),  # CSTĐ toàn quốc
    ("3.0", 7_020_000, 7_590_000),  # CSTĐ tỉnh
    ("1.0", 2_340_000, 2_530_000),  # CSTĐ cơ sở
    ("0.3", 710_000, 760_000),  # LĐTT
    ("1.5", 3_510_000, 3_800_000),  # TTLĐXS
    ("0.8", 1_880_000, 2_030_000),  # TTLĐTT
    ("2.0", 4_680_000, 5_060_000),  # xã, phường tiêu biểu
    ("12.0", 28_080_000, 30_360_000),  # Cờ thi đua Chính phủ
    ("8.0", 18_720_000, 20_240_000),  # Cờ thi đua tỉnh
    ("6.0", 14_040_000, 15_180_000),  # Cờ thi đua quân khu / ĐHQG
]


@pytest.mark.parametrize(("coef", "at_234", "at_253"), WORKED)
def test_worked_figures(coef, at_234, at_253):
    assert reward_amount(Decimal(coef), 2_340_000) == at_234
    assert reward_amount(Decimal(coef), 2_530_000) == at_253


@pytest.mark.parametrize(
    ("day", "base"),
    [
        (date(2023, 7, 1), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 1, 1), 2_340_000),
        (date(2026, 6, 30), 2_340_000),
        (date(2026, 7, 1), 2_530_000),
    ],
)
def test_base_salary_chosen_by_decision_date(day, base):
    assert base_salary_on(day) == base


def test_no_base_salary_raises_vietnamese_error():
    with pytest.raises(MoneyError, match="Không có mức lương cơ sở áp dụng cho ngày 30/06/2017"):
        base_salary_on(date(2017, 6, 30))


def test_custom_table():
    table = [{"amount": 1_000_000, "valid_from": date(2020, 1, 1), "valid_to": None}]
    assert base_salary_on(date(2021, 1, 1), table) == 1_000_000


def test_exact_multiples_are_not_rounded_further():
    assert round_up(Decimal("2340000")) == 2_340_000
    assert round_up(Decimal("702000")) == 710_000
    assert round_up(Decimal("700000.01")) == 710_000
    assert reward_amount(Decimal("0"), 2_340_000) == 0


def test_negative_coefficient_rejected():
    with pytest.raises(MoneyError):
        reward_amount(Decimal("-1"), 2_340_000)


def test_household_is_one_and_a_half_times_the_rounded_individual_amount():
    # Giấy khen individual 0.3 → 710,000; × 1.5 = 1,065,000 → 1,070,000
    assert household_amount(Decimal("0.3"), 2_340_000) == 1_060_000
    # Bằng khen tỉnh individual 1.5 → 3,510,000; × 1.5 = 5,265,000 → 5,270,000
    assert household_amount(Decimal("1.5"), 2_340_000) == 5_270_000
    assert household_amount(Decimal("1.0"), 2_340_000) == 3_510_000


def test_amount_for_form_uses_subject_coefficient_and_date():
    assert amount_for_form("co_thi_dua_tinh", "collective", date(2025, 8, 1)) == 18_720_000
    assert amount_for_form("co_thi_dua_tinh", "collective", date(2026, 8, 1)) == 20_240_000
    assert amount_for_form("lao_dong_tien_tien", "individual", date(2025, 8, 1)) == 710_000
    assert amount_for_form("giay_khen_chu_tich_xa", "household", date(2025, 8, 1)) == 1_060_000
    with pytest.raises(MoneyError, match="Gia đình văn hóa"):
        amount_for_form("gia_dinh_van_hoa", "household", date(2025, 8, 1))
    with pytest.raises(MoneyError, match="Cờ thi đua"):
        amount_for_form("co_thi_dua_tinh", "individual", date(2025, 8, 1))


def test_several_titles_same_period_pay_only_the_highest():
    result = amounts_for_subject(
        [
            ("lao_dong_tien_tien", "2024", Decimal("0.3")),
            ("chien_si_thi_dua_co_so", "2024", Decimal("1.0")),
        ],
        2_340_000,
    )
    assert [(a.form_code, a.amount, a.paid) for a in result] == [
        ("lao_dong_tien_tien", 0, False),
        ("chien_si_thi_dua_co_so", 2_340_000, True),
    ]
    assert "chien_si_thi_dua_co_so" in result[0].note
    assert total_amount(result) == 2_340_000


def test_titles_of_different_periods_are_each_paid():
    result = amounts_for_subject(
        [
            ("chien_si_thi_dua_co_so", "2023", Decimal("1.0")),
            ("chien_si_thi_dua_co_so", "2024", Decimal("1.0")),
        ],
        2_340_000,
    )
    assert total_amount(result) == 4_680_000
    assert all(a.paid for a in result)


def test_title_and_form_at_the_same_time_are_both_paid():
    result = amounts_for_subject(
        [
            ("chien_si_thi_dua_co_so", "2024", Decimal("1.0")),
            ("lao_dong_tien_tien", "2024", Decimal("0.3")),
            ("bang_khen_chu_tich_tinh", "2024", Decimal("1.5")),
        ],
        2_340_000,
    )
    assert [a.amount for a in result] == [2_340_000, 0, 3_510_000]
    assert total_amount(result) == 5_850_000


def test_unknown_form_code_raises():
    with pytest.raises(MoneyError, match="Không có danh hiệu/hình thức khen thưởng “khong co”"):
        amounts_for_subject([("khong_co", "2024", Decimal("1"))], 2_340_000)


@pytest.mark.parametrize(
    ("n", "text"),
    [(1_234_000, "1.234.000 đ"), (0, "0 đ"), (710_000, "710.000 đ"), (-5_000, "-5.000 đ")],
)
def test_format_vnd(n, text):
    assert format_vnd(n) == text


@given(
    st.decimals(min_value=0, max_value=200, places=2, allow_nan=False),
    st.sampled_from([1_800_000, 2_340_000, 2_530_000]),
)
def test_rounding_is_up_to_ten_thousand_and_less_than_one_step(coef, base):
    amount = reward_amount(coef, base)
    assert amount % 10_000 == 0
    assert 0 <= amount - coef * base < 10_000
