"""Milestone status rules (pure): done / overdue / in progress / planned by year or quarter."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.reports import milestones as m


def test_quarter_periods_cover_the_year_without_gaps():
    ends = [m.period(2023, q) for q in (1, 2, 3, 4)]
    assert ends[0] == (date(2023, 1, 1), date(2023, 3, 31))
    assert ends[3] == (date(2023, 10, 1), date(2023, 12, 31))
    for (_, end), (start, _) in zip(ends, ends[1:], strict=False):
        assert start == end + timedelta(days=1)


def test_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError):
        m.period(2023, 5)


@pytest.mark.parametrize(
    ("year", "quarter", "done_on", "today", "expected"),
    [
        # seed 002: "Quý III năm 2022" sơ kết, looked at in 2026 without completion → overdue
        (2022, 3, None, date(2026, 1, 5), m.OVERDUE),
        (2022, 3, date(2022, 9, 28), date(2026, 1, 5), m.DONE),
        (2025, None, None, date(2025, 6, 1), m.IN_PROGRESS),
        (2025, 4, None, date(2025, 6, 1), m.PLANNED),
        (2025, 2, None, date(2025, 6, 30), m.IN_PROGRESS),  # last day of the quarter
        (2025, 2, None, date(2025, 7, 1), m.OVERDUE),  # the day after
    ],
)
def test_status_on_seed_002_cases(year, quarter, done_on, today, expected):
    assert m.status_on(year, quarter, done_on, today) == expected


def test_done_after_the_period_is_flagged_late():
    assert m.was_late(2023, 1, date(2023, 4, 2)) is True
    assert m.was_late(2023, 1, date(2023, 3, 31)) is False
    assert m.was_late(2023, 1, None) is False


@given(
    year=st.integers(2000, 2100),
    quarter=st.one_of(st.none(), st.integers(1, 4)),
    today=st.dates(date(1999, 1, 1), date(2101, 12, 31)),
)
def test_open_milestone_status_follows_the_period(year, quarter, today):
    start, end = m.period(year, quarter)
    status = m.status_on(year, quarter, None, today)
    assert status != m.DONE
    assert (status == m.OVERDUE) == (today > end)
    assert (status == m.PLANNED) == (today < start)
    assert (status == m.IN_PROGRESS) == (start <= today <= end)


@given(
    year=st.integers(2000, 2100),
    quarter=st.one_of(st.none(), st.integers(1, 4)),
    done=st.dates(date(1999, 1, 1), date(2101, 12, 31)),
    today=st.dates(date(1999, 1, 1), date(2101, 12, 31)),
)
def test_a_completed_milestone_is_always_done(year, quarter, done, today):
    assert m.status_on(year, quarter, done, today) == m.DONE
