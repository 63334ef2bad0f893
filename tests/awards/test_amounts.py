"""Reward money of decision lines from the editable legal tables (legal.md §4)."""

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards import amounts
from thidua.awards.models import DecisionLine
from thidua.legal.models import AwardForm, BaseSalary


def _line(code, kind="individual", person_id=1, period="PT1"):
    return DecisionLine(
        form_code=code,
        form_name=code,
        subject_kind=kind,
        person_id=person_id,
        awardee_name="X",
        awardee_unit_id=1,
        period_key=period,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "kind", "on", "expected"),
    [
        ("giay_khen_chu_tich_huyen", "collective", date(2025, 1, 15), 1_410_000),
        ("giay_khen_chu_tich_huyen", "individual", date(2025, 1, 15), 710_000),
        ("giay_khen_chu_tich_huyen", "household", date(2025, 1, 15), 1_060_000),
        ("giay_khen_chu_tich_xa", "collective", date(2026, 8, 15), 1_520_000),
        ("chien_si_thi_dua_co_so", "individual", date(2026, 8, 15), 2_530_000),
        ("co_thi_dua_tinh", "collective", date(2025, 1, 15), 18_720_000),
        ("co_thi_dua_tinh", "collective", date(2026, 8, 15), 20_240_000),
        ("bang_khen_chu_tich_tinh", "collective", date(2026, 8, 15), 7_590_000),
        ("tap_the_lao_dong_xuat_sac", "collective", date(2025, 1, 15), 3_510_000),
        ("lao_dong_tien_tien", "individual", date(2026, 8, 15), 760_000),
    ],
)
def test_worked_examples_of_legal_md(code, kind, on, expected):
    line = _line(code, kind)
    amounts.compute([line], on)
    assert line.amount == expected


@pytest.mark.django_db
def test_edited_base_salary_table_is_the_source_of_truth():
    BaseSalary.objects.filter(amount=2_530_000).update(amount=2_600_000)
    line = _line("giay_khen_chu_tich_xa", "collective")
    assert amounts.compute([line], date(2026, 8, 15)) == 2_600_000
    assert line.amount == 1_560_000


@pytest.mark.django_db
def test_several_titles_same_period_pay_only_the_highest():
    cstd = _line("chien_si_thi_dua_co_so")
    ldtt = _line("lao_dong_tien_tien")
    other_period = _line("lao_dong_tien_tien", period="2024")
    form = _line("giay_khen_chu_tich_huyen")
    amounts.compute([ldtt, cstd, other_period, form], date(2025, 1, 15))
    assert (cstd.amount, ldtt.amount) == (2_340_000, 0)
    assert "chỉ nhận tiền thưởng của danh hiệu cao nhất" in ldtt.money_note
    assert other_period.amount == 710_000 and form.amount == 710_000


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    code=st.sampled_from(
        [
            "giay_khen_chu_tich_xa",
            "bang_khen_chu_tich_tinh",
            "co_thi_dua_tinh",
            "chien_si_thi_dua_co_so",
            "tap_the_lao_dong_tien_tien",
        ]
    ),
    kind=st.sampled_from(["individual", "collective", "household"]),
    days=st.integers(0, 900),
)
def test_amount_is_coefficient_times_base_on_the_date_rounded_up(code, kind, days):
    on = date(2025, 7, 1) + timedelta(days=days)
    form = AwardForm.on(code, on)
    base = BaseSalary.objects.in_force(on).order_by("-valid_from").first().amount
    line = _line(code, kind)
    amounts.compute([line], on)
    if kind == "household":
        coef = form.coefficient_household
        if coef is None and form.coefficient_individual is not None:
            # ×1.5 once on the unrounded amount, then rounded up once (issue #14 item 5).
            unrounded = Decimal("1.5") * form.coefficient_individual * base
            assert line.amount == math.ceil(unrounded / 10_000) * 10_000
            return
    else:
        coef = form.coefficient_for(kind)
    if coef is None:
        assert line.amount == 0 and line.money_note
        return
    exact = coef * base
    assert line.amount % 10_000 == 0
    assert exact <= line.amount < exact + 10_000
