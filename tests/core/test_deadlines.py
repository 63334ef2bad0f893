"""Deadlines in Vietnam time and working days."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.deadlines import (
    VN_TZ,
    add_working_days,
    days_left,
    deadline_end,
    is_late,
    is_working_day,
    working_days_between,
)

DEADLINE = date(2025, 1, 22)  # seed 000: "chậm nhất ngày 22/01/2025"


def test_deadline_end_is_last_instant_of_the_day_in_vietnam():
    end = deadline_end(DEADLINE)
    assert end.tzinfo is not None
    assert end.utcoffset() == timedelta(hours=7)
    assert (end.hour, end.minute, end.second, end.microsecond) == (23, 59, 59, 999999)
    assert end.astimezone(UTC) == datetime(2025, 1, 22, 16, 59, 59, 999999, tzinfo=UTC)


def test_submission_at_2330_vietnam_time_is_on_time_although_1630_utc():
    submitted = datetime(2025, 1, 22, 16, 30, tzinfo=UTC)
    assert submitted.astimezone(VN_TZ).hour == 23
    assert not is_late(submitted, DEADLINE)


def test_submission_just_after_midnight_vietnam_time_is_late():
    assert is_late(datetime(2025, 1, 22, 17, 0, tzinfo=UTC), DEADLINE)  # 00:00 on 23/01 ICT
    assert not is_late(datetime(2025, 1, 22, 16, 59, 59, 999999, tzinfo=UTC), DEADLINE)


def test_early_morning_utc_of_the_deadline_day_is_on_time():
    assert not is_late(datetime(2025, 1, 21, 18, 0, tzinfo=UTC), DEADLINE)  # 01:00 22/01 ICT


def test_other_offsets_are_converted():
    new_york = timezone(timedelta(hours=-5))
    assert is_late(datetime(2025, 1, 22, 12, 30, tzinfo=new_york), DEADLINE)  # 00:30 23/01 ICT
    assert not is_late(datetime(2025, 1, 22, 11, 30, tzinfo=new_york), DEADLINE)


def test_naive_datetime_is_rejected():
    with pytest.raises(ValueError, match="múi giờ"):
        is_late(datetime(2025, 1, 22, 12, 0), DEADLINE)


def test_twenty_working_days():
    # received Friday 03/01/2025 → 20 working days later is Friday 31/01/2025
    assert add_working_days(date(2025, 1, 3), 20) == date(2025, 1, 31)


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(date(2025, 1, 3), 1) == date(2025, 1, 6)  # Fri → Mon
    tet = {date(2025, 1, 27) + timedelta(days=i) for i in range(5)}  # Tết 27–31/01/2025
    assert add_working_days(date(2025, 1, 24), 1, tet) == date(2025, 2, 3)
    assert add_working_days(date(2025, 1, 3), 20, tet) == date(2025, 2, 7)


def test_zero_and_negative_working_days():
    assert add_working_days(date(2025, 1, 4), 0) == date(2025, 1, 4)
    assert add_working_days(date(2025, 1, 6), -1) == date(2025, 1, 3)


def test_working_days_between():
    assert working_days_between(date(2025, 1, 3), date(2025, 1, 31)) == 20
    assert working_days_between(date(2025, 1, 31), date(2025, 1, 3)) == -20
    assert working_days_between(date(2025, 1, 4), date(2025, 1, 5)) == 0


def test_days_left_uses_vietnam_date():
    assert days_left(DEADLINE, datetime(2025, 1, 21, 17, 30, tzinfo=UTC)) == 0  # 00:30 22/01 ICT
    assert days_left(DEADLINE, datetime(2025, 1, 21, 16, 30, tzinfo=UTC)) == 1
    assert days_left(DEADLINE, datetime(2025, 1, 23, 1, 0, tzinfo=UTC)) == -1


# ---- properties ---------------------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
days = st.dates(date(2020, 1, 1), date(2030, 12, 31))
holiday_sets = st.frozensets(days, max_size=30)


@given(instants, days)
def test_late_iff_after_deadline_end(submitted, deadline):
    assert is_late(submitted, deadline) == (submitted > deadline_end(deadline))


@given(days, st.integers(0, 200), holiday_sets)
def test_add_working_days_lands_on_a_working_day_and_counts_exactly(start, n, holidays):
    end = add_working_days(start, n, holidays)
    assert end >= start
    if n:
        assert is_working_day(end, holidays)
    assert working_days_between(start, end, holidays) == n


@given(days, st.integers(0, 100), st.integers(0, 100))
def test_add_working_days_composes(start, a, b):
    assert add_working_days(add_working_days(start, a), b) == add_working_days(start, a + b)


@given(instants, days)
def test_days_left_non_negative_iff_not_late(now, deadline):
    assert (days_left(deadline, now) >= 0) == (not is_late(now, deadline))
