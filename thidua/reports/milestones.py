"""When a programme milestone is due, and its status on a given day (pure, no Django).

A milestone is scheduled for a whole year (quarter None) or for one quarter of a year.
Its period runs from the first day of that year/quarter to the last; it is

- **done** when a completion date is recorded (whatever the day);
- **overdue** when not done and the day is after the period's last day;
- **in progress** when not done and the day falls inside the period;
- **planned** when the period has not started.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

PLANNED, IN_PROGRESS, DONE, OVERDUE = "planned", "in_progress", "done", "overdue"


def period(year: int, quarter: int | None) -> tuple[date, date]:
    """First and last day of the year, or of quarter 1–4 of the year."""
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    if quarter not in (1, 2, 3, 4):
        raise ValueError("Quý phải từ 1 đến 4.")
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return date(year, first_month, 1), date(year, last_month, monthrange(year, last_month)[1])


def status_on(year: int, quarter: int | None, done_on: date | None, today: date) -> str:
    if done_on is not None:
        return DONE
    start, end = period(year, quarter)
    if today > end:
        return OVERDUE
    if today >= start:
        return IN_PROGRESS
    return PLANNED


def was_late(year: int, quarter: int | None, done_on: date | None) -> bool:
    """Done after the period ended (still shown as done, flagged late)."""
    return done_on is not None and done_on > period(year, quarter)[1]
