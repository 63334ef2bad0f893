"""Deadlines in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).

Why: plan deadlines are calendar dates ("chậm nhất ngày 22/01/2025") meant in local
time, while timestamps are stored in UTC. A dossier submitted at 23:30 on the deadline
day in Vietnam (16:30 UTC) is on time; one at 00:10 the next day (17:10 UTC) is late.
Working-day periods ("20 ngày làm việc", QĐ 638/QĐ-BNV) count Monday–Friday, skipping
the given public holidays, starting the day after the starting date.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _require_aware(dt: datetime) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("Thời điểm phải có múi giờ (timezone-aware).")


def local_date(dt: datetime) -> date:
    """The calendar date of ``dt`` in Vietnam."""
    _require_aware(dt)
    return dt.astimezone(VN_TZ).date()


def deadline_end(d: date) -> datetime:
    """The last instant of day ``d`` in Vietnam: 23:59:59.999999 +07:00 (aware)."""
    return datetime.combine(d, time.max, tzinfo=VN_TZ)


def is_late(submitted_at: datetime, deadline: date) -> bool:
    """True if ``submitted_at`` falls after the deadline day, in Vietnam time."""
    return local_date(submitted_at) > deadline


def is_working_day(d: date, holidays: Collection[date] = frozenset()) -> bool:
    """Monday–Friday and not a public holiday."""
    return d.weekday() < 5 and d not in holidays


def add_working_days(start: date, n: int, holidays: Collection[date] = frozenset()) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself not counted).

    ``n = 0`` returns ``start``; a negative ``n`` counts backwards.
    """
    step = 1 if n >= 0 else -1
    d, left = start, abs(n)
    while left:
        d += timedelta(days=step)
        if is_working_day(d, holidays):
            left -= 1
    return d


def working_days_between(start: date, end: date, holidays: Collection[date] = frozenset()) -> int:
    """Working days in (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, holidays)
    return sum(
        1
        for i in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=i), holidays)
    )


def days_left(deadline: date, now: datetime) -> int:
    """Calendar days from today (Vietnam) to the deadline: 0 on the day, negative if past."""
    return (deadline - local_date(now)).days
