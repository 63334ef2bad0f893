"""Completion rate: worked examples and properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from thidua.registrations.completion import (
    CompletionError,
    IndicatorInput,
    as_at,
    indicator_rate,
    latest_as_at,
    unit_completion,
    unit_rate,
)

D = Decimal


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"target": D(100), "actual": D(80)}, D("0.8000")),
        ({"target": D(100), "actual": D(100)}, D("1.0000")),
        ({"target": D(100), "actual": D(115)}, D("1.1500")),
        ({"target": D(100), "actual": D(300)}, D("1.2000")),  # capped at 120 %
        ({"target": D(100), "actual": D(300), "cap": D(1)}, D("1.0000")),
        ({"target": D(3), "actual": D(2)}, D("0.6667")),  # 0.66666… → 0.6667
        ({"target": D(8), "actual": D("0.0004")}, D("0.0001")),  # exactly 0.00005: half up
        ({"target": D(10), "actual": D(20), "lower_is_better": True}, D("0.5000")),
        ({"target": D(10), "actual": D(8), "lower_is_better": True}, D("1.2000")),  # 1.25 capped
        ({"target": D(10), "actual": D(0), "lower_is_better": True}, D("1.2000")),
        ({"target": D(0), "actual": D(0), "lower_is_better": True}, D("1.0000")),
        ({"target": D(0), "actual": D(2), "lower_is_better": True}, D("0.0000")),
        # baseline: share of the planned change achieved
        ({"target": D(6), "actual": D(7), "baseline": D(8), "lower_is_better": True}, D("0.5000")),
        ({"target": D(6), "actual": D(9), "baseline": D(8), "lower_is_better": True}, D("0.0000")),
        ({"target": D(120), "actual": D(110), "baseline": D(100)}, D("0.5000")),
        ({"target": D(120), "actual": D(130), "baseline": D(100)}, D("1.2000")),  # 1.5 capped
        ({"target": D("0.5"), "actual": D("0.4"), "baseline": D("0.1")}, D("0.7500")),
    ],
)
def test_indicator_rate_examples(kwargs, expected):
    result = indicator_rate(**kwargs)
    assert result == expected and result.as_tuple().exponent == -4


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"target": D(0), "actual": D(1)}, "Chỉ tiêu phải lớn hơn 0"),
        ({"target": D(10), "actual": D(-1)}, "không được âm"),
        ({"target": D(5), "actual": D(5), "baseline": D(5)}, "khác giá trị ban đầu"),
        ({"target": D(4), "actual": D(5), "baseline": D(5)}, "cao hơn giá trị ban đầu"),
        ({"target": D(6), "actual": D(5), "baseline": D(5), "lower_is_better": True}, "thấp hơn"),
        ({"target": D(10), "actual": D(5), "cap": D(0)}, "Mức trần"),
    ],
)
def test_indicator_rate_rejects_undefined_cases(kwargs, text):
    with pytest.raises(CompletionError, match=text):
        indicator_rate(**kwargs)


def test_unit_rate_is_weighted_mean_with_work_items_and_missing_reports():
    items = [
        IndicatorInput("thu_ngan_sach", weight=D(3), target=D(100), actual=D(90)),  # 0.9
        IndicatorInput(
            "ho_ngheo", weight=D(2), target=D(6), actual=D(7), baseline=D(8), lower_is_better=True
        ),  # 0.5
        IndicatorInput("cong_trinh", weight=D(1), kind="work_item", done=True),  # 1
        IndicatorInput("su_kien", weight=D(1), kind="event", done=False),  # 0
        IndicatorInput("chua_bao_cao", weight=D(1), target=D(10), actual=None),  # missing → 0
    ]
    result = unit_completion(items)
    # (3*0.9 + 2*0.5 + 1 + 0 + 0) / 8 = 4.7 / 8 = 0.5875
    assert result.rate == D("0.5875") == unit_rate(items)
    assert result.missing == ("chua_bao_cao",)
    assert result.per_item == {
        "thu_ngan_sach": D("0.9000"),
        "ho_ngheo": D("0.5000"),
        "cong_trinh": D("1.0000"),
        "su_kien": D("0.0000"),
        "chua_bao_cao": D("0.0000"),
    }


def test_unit_rate_rounds_once_at_the_end():
    # per-item 2/3 each would round to 0.6667; the exact mean of 2/3 and 1/3 is 0.5
    items = [
        IndicatorInput("a", target=D(3), actual=D(2)),
        IndicatorInput("b", target=D(3), actual=D(1)),
    ]
    assert unit_rate(items) == D("0.5000")


def test_unit_rate_of_nothing_is_zero():
    assert unit_rate([]) == D("0.0000")


def test_non_positive_weight_rejected():
    with pytest.raises(CompletionError, match="Trọng số"):
        unit_rate([IndicatorInput("a", weight=D(0), target=D(1), actual=D(1))])


def test_unknown_kind_rejected():
    with pytest.raises(CompletionError, match="không hợp lệ"):
        unit_rate([IndicatorInput("a", kind="party")])


def test_latest_as_at_picks_latest_not_after_the_date():
    reports = [(date(2021, 3, 31), D(40)), (date(2021, 6, 30), D(90)), (date(2021, 7, 5), D(99))]
    assert latest_as_at(reports, date(2021, 6, 30)) == D(90)
    assert latest_as_at(reports, date(2021, 6, 29)) == D(40)
    assert latest_as_at(reports, date(2021, 3, 30)) is None
    assert latest_as_at(list(reversed(reports)), date(2021, 12, 31)) == D(99)


def test_same_day_correction_wins():
    reports = [(date(2021, 6, 30), D(80)), (date(2021, 6, 30), D(85))]
    assert latest_as_at(reports, date(2021, 6, 30)) == D(85)


def test_as_at_per_indicator():
    reports = {"a": [(date(2021, 1, 1), D(1))], "b": [(date(2021, 8, 1), D(2))]}
    assert as_at(reports, date(2021, 6, 30)) == {"a": D(1), "b": None}


# ---- properties ---------------------------------------------------------------------------

values = st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.001"), max_value=10_000, places=3)
caps = st.decimals(min_value=D("0.5"), max_value=3, places=2)


@given(target=positive, actual=values, cap=caps, lower=st.booleans())
def test_rate_is_within_zero_and_cap(target, actual, cap, lower):
    rate = indicator_rate(target, actual, lower_is_better=lower, cap=cap)
    assert D(0) <= rate <= cap


@given(target=positive, a1=values, a2=values)
def test_rate_is_monotone_in_actual_when_higher_is_better(target, a1, a2):
    lo, hi = sorted((a1, a2))
    assert indicator_rate(target, lo) <= indicator_rate(target, hi)


@given(target=values, a1=values, a2=values)
def test_rate_is_antitone_in_actual_when_lower_is_better(target, a1, a2):
    lo, hi = sorted((a1, a2))
    assert indicator_rate(target, lo, lower_is_better=True) >= indicator_rate(
        target, hi, lower_is_better=True
    )


@given(baseline=values, delta=positive, a1=values, a2=values, lower=st.booleans())
def test_baseline_rate_is_monotone_in_the_indicator_direction(baseline, delta, a1, a2, lower):
    target = baseline - delta if lower else baseline + delta
    lo, hi = sorted((a1, a2))
    r_lo = indicator_rate(target, lo, baseline=baseline, lower_is_better=lower)
    r_hi = indicator_rate(target, hi, baseline=baseline, lower_is_better=lower)
    assert (r_lo >= r_hi) if lower else (r_lo <= r_hi)
    assert D(0) <= r_lo <= D("1.2")


items_strategy = st.lists(
    st.tuples(positive, values, st.integers(1, 50), st.booleans()), min_size=1, max_size=8
)


@given(rows=items_strategy, k=st.integers(2, 1000))
def test_unit_rate_is_invariant_when_all_weights_are_scaled(rows, k):
    def build(scale):
        return [
            IndicatorInput(f"i{n}", weight=D(w * scale), target=t, actual=a, lower_is_better=low)
            for n, (t, a, w, low) in enumerate(rows)
        ]

    assert unit_rate(build(1)) == unit_rate(build(k))


@given(rows=items_strategy)
def test_unit_rate_lies_between_min_and_max_item_rate(rows):
    items = [
        IndicatorInput(f"i{n}", weight=D(w), target=t, actual=a, lower_is_better=low)
        for n, (t, a, w, low) in enumerate(rows)
    ]
    result = unit_completion(items)
    rates = result.per_item.values()
    assert min(rates) - D("0.0001") <= result.rate <= max(rates) + D("0.0001")


@given(
    reports=st.lists(
        st.tuples(st.dates(date(2020, 1, 1), date(2022, 12, 31)), values), max_size=20
    ),
    cutoff=st.dates(date(2020, 1, 1), date(2022, 12, 31)),
)
def test_as_at_never_uses_a_future_report(reports, cutoff):
    value = latest_as_at(reports, cutoff)
    eligible = [(d, v) for d, v in reports if d <= cutoff]
    if not eligible:
        assert value is None
    else:
        latest_day = max(d for d, _ in eligible)
        assert value in [v for d, v in eligible if d == latest_day]
        # adding a later report does not change the value at the cut-off
        assume(cutoff < date(2022, 12, 31))
        later = [*reports, (cutoff + timedelta(days=1), D("123456"))]
        assert latest_as_at(later, cutoff) == value
