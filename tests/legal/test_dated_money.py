"""Money by the law of the decision date (issue #14 item 5, issue #15 item 1)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.awards.money import amount_for_form, household_amount
from thidua.legal import read

pytestmark = pytest.mark.django_db


def test_household_giay_khen_is_multiplied_once_then_rounded():
    # 0.3 × 2,340,000 × 1.5 = 1,053,000 → 1,060,000 (not 710,000 × 1.5 → 1,070,000).
    assert amount_for_form("giay_khen_chu_tich_huyen", "household", date(2025, 1, 20)) == 1_060_000
    assert amount_for_form("giay_khen_chu_tich_xa", "household", date(2025, 8, 20)) == 1_060_000


@pytest.mark.parametrize(
    ("code", "kind", "on", "amount"),
    [
        # NĐ 152/2025's individual Bằng khen coefficient (1.5) only from 01/07/2025.
        ("bang_khen_chu_tich_tinh", "individual", date(2025, 6, 30), 2_340_000),
        ("bang_khen_chu_tich_tinh", "individual", date(2025, 7, 1), 3_510_000),
        ("bang_khen_chu_tich_tinh", "collective", date(2025, 6, 30), 4_680_000),
        ("bang_khen_chu_tich_tinh", "collective", date(2025, 7, 1), 7_020_000),
        # A commune Giấy khen before the reform: NĐ 91's 0.15 / 0.3 (unconfirmed for NĐ 98).
        ("giay_khen_chu_tich_xa", "individual", date(2025, 6, 30), 360_000),
        ("giay_khen_chu_tich_xa", "individual", date(2025, 7, 1), 710_000),
        # Seed 004, Lào Cai, 30/06/2021: base salary 1,490,000 (NĐ 38/2019), NĐ 91/2017 rates.
        ("co_thi_dua_tinh", "collective", date(2021, 6, 30), 11_920_000),
        ("bang_khen_chu_tich_tinh", "collective", date(2021, 6, 30), 2_980_000),
        ("bang_khen_chu_tich_tinh", "individual", date(2021, 6, 30), 1_490_000),
        ("giay_khen_chu_tich_huyen", "collective", date(2021, 6, 30), 900_000),
        ("giay_khen_chu_tich_huyen", "individual", date(2021, 6, 30), 450_000),
        ("giay_khen_chu_tich_xa", "individual", date(2021, 6, 30), 230_000),
        ("giay_khen_chu_tich_xa", "collective", date(2021, 6, 30), 450_000),
    ],
)
def test_coefficients_and_base_salary_are_those_of_the_decision_date(code, kind, on, amount):
    assert amount_for_form(code, kind, on) == amount


def test_the_law_before_2024_is_unconfirmed_dated_data():
    form = read.award_form("giay_khen_chu_tich_huyen", date(2021, 6, 30))
    assert form.confirmed is False and "NĐ 91/2017" in form.citation
    salary = read.base_salary(date(2021, 6, 30))
    assert (salary.amount, salary.confirmed, salary.citation) == (
        1_490_000,
        False,
        "NĐ 38/2019/NĐ-CP",
    )
    rule = read.vote_rule("giay_khen_chu_tich_huyen", date(2021, 6, 30))
    assert rule.strict and rule.confirmed is False and rule.label == "quá nửa tổng số thành viên"
    assert read.vote_rule("chien_si_thi_dua_co_so", date(2021, 6, 30)).required(11) == 9


@given(
    coefficient=st.decimals("0.05", "20", places=2),
    base=st.sampled_from([1_490_000, 1_800_000, 2_340_000, 2_530_000]),
)
def test_household_amount_is_rounded_once(coefficient, base):
    amount = household_amount(coefficient, base)
    exact = coefficient * base * 3 / 2
    assert amount % 10_000 == 0 and exact <= amount < exact + 10_000
