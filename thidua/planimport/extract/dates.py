"""Date phrases of Vietnamese administrative text, tolerant of OCR damage.

All patterns run on the folded text (no diacritics, lowercase, markdown blanked).
"""

from __future__ import annotations

import datetime as dt
import re

NGAY = r"ng[ad]y"
THANG = r"th[ad]ng"
NAM = r"n[aid]{1,2}m"
SO = r"s[o06e]"

_DMY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_DMY_DOT = r"(\d{1,2})[.-](\d{1,2})[.-](\d{4})"
_LONG = rf"{NGAY}\s+(\d{{1,2}})\s+{THANG}\s+(\d{{1,2}})\s+{NAM}\s+(\d{{4}})"
DATE_RE = re.compile(rf"(?:{_LONG})|(?:\b{_DMY}\b)|(?:\b{_DMY_DOT}\b)")
YEAR_RANGE_RE = re.compile(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b")


def make_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """ISO date or None when the numbers are not a real date (OCR, blanks)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def match_date(m: re.Match) -> str | None:
    groups = [g for g in m.groups() if g is not None]
    if len(groups) < 3:
        return None
    return make_date(groups[0], groups[1], groups[2])


def find_dates(folded: str, start: int = 0, end: int | None = None):
    """Yield (iso, start, end) for every full date between ``start`` and ``end``."""
    end = len(folded) if end is None else end
    for m in DATE_RE.finditer(folded, start, end):
        iso = match_date(m)
        if iso:
            yield iso, m.start(), m.end()


def add_days(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def month_end(year: int, month: int) -> str:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def quarter(token: str) -> int | None:
    """Quarter from a (possibly OCR-damaged) roman or arabic numeral: ``IIl`` → 3."""
    tok = token.lower().replace("l", "i").replace("1", "i").replace("t", "i")
    if tok.isdigit():
        return int(tok) if 1 <= int(tok) <= 4 else None
    return _ROMAN_Q.get(tok)


WHEN_RE = re.compile(
    rf"{THANG}\s+(\d{{1,2}})\s*(?:{NAM}\s+|/)(\d{{4}})"
    rf"|qu[yi]\s+([ivxlt1]{{1,3}}|\d)\b.{{0,25}}?{NAM}\s+(\d{{4}})",
    re.S,
)


def when(folded: str) -> str | None:
    """Schedule phrase → ``2021-09`` (month) or ``2022-Q3`` (quarter)."""
    m = WHEN_RE.search(folded)
    if not m:
        return None
    if m.group(1):
        return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    q = quarter(m.group(3))
    return f"{m.group(4)}-Q{q}" if q else m.group(4)
