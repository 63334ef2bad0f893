"""Time mentions of a plan, typed by precision and role, and the intervals they form.

A mention keeps its precision: ``2024-08-15`` (day), ``2024-08`` (month), ``2024-Q3``
(quarter), ``2024-H1`` (half year), ``2024-2025`` (school year), ``2024`` (year). A month
is never silently its first day; ``đến hết tháng 2 năm 2025`` is the last day because the
text says "to the end of". Missing years (``từ 15/6 - 15/8/2024``) and months (``từ ngày
20 đến ngày 22 tháng 3 năm 2024``) come from the other end of the interval, then from the
nearest dated mention of the same paragraph.

Roles come from the words of the clause before the mention: legal basis (``Căn cứ``, a
document number), anniversary (``kỷ niệm``, a span of years in parentheses), deadline
(``trước``, ``chậm nhất``, ``hạn``, ``nộp``/``tiếp nhận hồ sơ``), milestone (``sơ kết``,
``tổng kết``), phase (``giai đoạn``), campaign period (``thời gian``, ``đợt thi đua``,
``triển khai``, ``diễn ra`` …).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

import regex

from .normalise import fold

MONTH_WORDS = {
    "muoi mot": 11,
    "muoi hai": 12,
    "gieng": 1,
    "chap": 12,
    "muoi": 10,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_MONTH_WORD = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_DAY_MONTH = (
    r"(?<![\d/.,])(?<!\b\d{1,2}-)(?P<d>\d{1,2})\s*(?P<sep>/|-|\.)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![\d/])(?!\.\d)"
)
_LONG = (
    r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2}|"
    + _MONTH_WORD
    + r")(?:\s*(?:,\s*)?(?:nam|/)\s*(?P<y>\d{4}))?"
)
_MONTH = (
    r"(?<![\d/]\s?)thang\s+(?P<m>\d{1,2}|"
    + _MONTH_WORD
    + r")\b(?:\s*(?:nam|/|-|\.)\s*(?P<y>\d{4}))?"
)
_DAY_ONLY = r"ngay\s+(?P<d>\d{1,2})\b(?!\s*(?:thang|/|-\d|\.\d))"
_QUARTER = r"quy\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:nam|/|-)\s*(?P<y>\d{4}))?"
_HALF = r"6\s+thang\s+(?P<h>dau|cuoi)\s+nam(?:\s+(?P<y>\d{4}))?"
_SCHOOL = r"nam\s+hoc\s+(?P<a>\d{4})\s*-\s*(?P<b>\d{4})"
_YEAR = r"(?<!thang\s\d{1,2}\s)(?<!ngay\s)\bnam\s+(?P<y>(?:19|20)\d{2})\b(?!\s*-\s*\d{4})"

_PATTERNS = [
    ("school_year", regex.compile(_SCHOOL)),
    ("long", regex.compile(_LONG)),
    ("half", regex.compile(_HALF)),
    ("quarter", regex.compile(_QUARTER)),
    ("numeric", regex.compile(_DAY_MONTH)),
    ("month", regex.compile(_MONTH)),
    ("day_only", regex.compile(_DAY_ONLY)),
    ("year", regex.compile(_YEAR)),
]


@dataclass
class Mention:
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    school_year: tuple[int, int] | None = None
    to_end: bool = False  # "đến hết …": the last day of the month/quarter/year
    roles: set[str] = field(default_factory=set)

    @property
    def precision(self) -> str:
        if self.school_year:
            return "school_year"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.quarter is not None:
            return "quarter"
        if self.half is not None:
            return "half_year"
        return "year"

    def value(self) -> str | None:
        """ISO value at the mention's precision (``None`` when the year is unknown)."""
        if self.school_year:
            return f"{self.school_year[0]}-{self.school_year[1]}"
        if self.year is None:
            return None
        y = self.year
        try:
            if self.day is not None and self.month is not None:
                return dt.date(y, self.month, self.day).isoformat()
            if self.month is not None:
                if self.to_end:
                    return dt.date(y, self.month, calendar.monthrange(y, self.month)[1]).isoformat()
                return f"{y:04d}-{self.month:02d}"
            if self.quarter is not None:
                if self.to_end:
                    last = self.quarter * 3
                    return dt.date(y, last, calendar.monthrange(y, last)[1]).isoformat()
                return f"{y:04d}-Q{self.quarter}"
            if self.half is not None:
                return (
                    dt.date(y, 6, 30).isoformat()
                    if self.to_end and self.half == 1
                    else (f"{y:04d}-12-31" if self.to_end else f"{y:04d}-H{self.half}")
                )
            return f"{y:04d}-12-31" if self.to_end else f"{y:04d}"
        except ValueError:
            return None


def _month(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        value = int(token)
        return value if 1 <= value <= 12 else None
    return MONTH_WORDS.get(token)


def find_mentions(text: str, folded: str) -> list[Mention]:
    """Every time mention, longest first; overlapping shorter matches are dropped."""
    taken = [False] * len(folded)
    found: list[Mention] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(taken[m.start() : m.end()]):
                continue
            mention = _build(name, m, text)
            if mention is None:
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            found.append(mention)
    found.sort(key=lambda x: x.start)
    return found


def _build(name: str, m: regex.Match, text: str) -> Mention | None:
    groups = m.groupdict()
    mention = Mention(m.start(), m.end())
    if name == "school_year":
        a, b = int(groups["a"]), int(groups["b"])
        if b != a + 1:
            return None
        mention.school_year = (a, b)
        return mention
    if groups.get("y"):
        mention.year = int(groups["y"])
    if name in ("long", "numeric", "month"):
        token = groups["m"]
        if not token.isdigit():
            word_start = m.start("m")
            first = text[word_start : word_start + 1]
            if not first.isupper() and token not in ("gieng", "chap"):
                return None
        month = _month(token)
        if month is None:
            return None
        mention.month = month
    if name in ("long", "numeric", "day_only"):
        day = int(groups["d"])
        if not 1 <= day <= 31:
            return None
        mention.day = day
        dotted = name == "numeric" and groups["sep"] == "." and not groups.get("y")
        if dotted and not regex.search(r"ngay\s*$", text_fold_tail(text, m.start())):
            # "30.4" without a year is a date only after "ngày" (else a number like 1.5).
            return None
    if name == "quarter":
        q = groups["q"]
        mention.quarter = int(q) if q.isdigit() else _ROMAN[q]
    if name == "half":
        mention.half = 1 if groups["h"] == "dau" else 2
    if name == "year" and mention.year is None:
        return None
    return mention


def text_fold_tail(text: str, pos: int, width: int = 12) -> str:
    return fold(text[max(0, pos - width) : pos])


# ---- intervals ---------------------------------------------------------------------------

_FROM_RE = regex.compile(r"(?:\b(?:bat dau|ke|tinh)\s+)?\btu\s+(?:ngay\s+|thang\s+(?=\d)|)?$")
_CONNECT_RE = regex.compile(
    r"^\s*(?:,\s*)?(?:-|den|toi|cho den|cho toi|va ket thuc(?:\s+vao)?|ket thuc(?:\s+vao)?|"
    r"keo dai (?:den|toi))\s*(?P<end>het\s+)?(?:ngay\s+)?$"
)
_UNTIL_RE = regex.compile(
    r"(?:\b(?:den|toi|cho den|cho toi|keo dai(?:\s+(?:den|toi))?|truoc)\s+)(?P<end>het\s+)?(?:ngay\s+)?$"
)
_EVENT_END_RE = regex.compile(
    r"^\s*(?:,\s*|;\s*)?(?:(?:cho\s+)?(?:den|toi)\s+khi|ket thuc\s+(?:khi|sau khi)|den\s+(?:het\s+)?"
    r"(?:ngay\s+)?(?:ket thuc|be mac|to chuc thanh cong))"
)
_ISSUE_START_RE = regex.compile(r"\b(?:ke\s+)?tu\s+(?:ngay|khi)\s+(?:ky\s+)?(?:ban hanh|ky)\b")
_DAYS_RE = regex.compile(r"\b(?P<n>\d{1,3})\s+ngay(?:\s+dem)?\b")


@dataclass
class Interval:
    start: Mention | None
    end: Mention | None
    pos: int
    stop: int
    start_value: str | None = None
    end_value: str | None = None
    open_end_reason: str | None = None
    from_issue: bool = False
    roles: set[str] = field(default_factory=set)


def _clause_start(folded: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ``;``, line break or ``.`` + space."""
    cuts = [folded.rfind(";", 0, pos), folded.rfind("\n", 0, pos)]
    cuts += [folded.rfind(". ", 0, pos), folded.rfind(".\t", 0, pos)]
    return max(cuts) + 1 if max(cuts) >= 0 else 0


def _inherit(first: Mention, second: Mention) -> None:
    """``từ 15/6 - 15/8/2024``, ``từ ngày 20 đến ngày 22 tháng 3 năm 2024``."""
    if first.month is None and first.day is not None and second.month is not None:
        first.month = second.month
    if first.year is None and second.year is not None:
        if first.month is not None and second.month is not None and first.month > second.month:
            first.year = second.year - 1
        else:
            first.year = second.year
    if first.precision == "month" and second.precision == "month" and first.year is None:
        first.year = second.year


def intervals(
    text: str, folded: str, mentions: list[Mention], issue_date: str | None
) -> list[Interval]:
    """``từ … đến [hết] …``, bare dash ranges, ``từ`` alone, ``đến [hết]`` alone, event ends."""
    out: list[Interval] = []
    used: set[int] = set()
    for i, a in enumerate(mentions):
        if i in used:
            continue
        before = folded[max(0, a.start - 30) : a.start]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        link = _CONNECT_RE.match(folded[a.end : nxt.start]) if nxt else None
        has_from = bool(_FROM_RE.search(before))
        if nxt and link and (has_from or folded[a.end : nxt.start].strip() == "-"):
            nxt.to_end = nxt.to_end or bool(link.group("end"))
            _inherit(a, nxt)
            out.append(Interval(a, nxt, a.start, nxt.end))
            used.update({i, i + 1})
            continue
        if has_from:
            interval = Interval(a, None, a.start, a.end)
            event = _EVENT_END_RE.match(folded[a.end : a.end + 60])
            if event:
                interval.open_end_reason = "kết thúc gắn với một sự kiện, không có ngày"
            days = _DAYS_RE.search(folded, max(0, a.start - 80), a.start)
            if days and regex.search(r"bat dau", folded[days.end() : a.start]):
                interval.end_value = "+" + days.group("n")
            out.append(interval)
            used.add(i)
            continue
        until = _UNTIL_RE.search(before)
        as_of = regex.search(r"\btinh\s+(?:den|toi)\s", before)
        if until and not as_of and not regex.search(r"\btruoc\s", until.group(0)):
            a.to_end = a.to_end or bool(until.group("end"))
            out.append(Interval(None, a, a.start, a.end))
            used.add(i)
    for m in _ISSUE_START_RE.finditer(folded):
        tail = folded[m.end() : m.end() + 120]
        end = next((x for x in mentions if m.end() <= x.start < m.end() + 120), None)
        link = end and regex.match(
            r"^[^.;]*?\b(?:den|toi)\s+(?P<end>het\s+)?(?:ngay\s+)?$", folded[m.end() : end.start]
        )
        interval = Interval(None, None, m.start(), m.end(), from_issue=True)
        interval.start_value = issue_date
        if link:
            end.to_end = end.to_end or bool(link.group("end"))
            interval.end = end
            interval.stop = end.end
            out = [x for x in out if x.end is not end]
        elif _EVENT_END_RE.search(tail[:60]) or regex.search(
            r"\bkhi\s+ket thuc|ket thuc\s", tail[:80]
        ):
            interval.open_end_reason = "kết thúc gắn với một sự kiện, không có ngày"
        out.append(interval)
    out.sort(key=lambda x: x.pos)
    return out


def inherit_years(mentions: list[Mention], folded: str) -> None:
    """A mention without a year takes the year of the nearest dated mention of its paragraph."""
    for m in mentions:
        if m.year is not None or m.school_year:
            continue
        para_start = folded.rfind("\n\n", 0, m.start) + 1
        para_end = folded.find("\n\n", m.end)
        para_end = len(folded) if para_end < 0 else para_end
        dated = [x for x in mentions if x.year is not None and para_start <= x.start < para_end]
        if not dated:
            dated = [x for x in mentions if x.year is not None]
        if dated:
            nearest = min(dated, key=lambda x: abs(x.start - m.start))
            m.year = nearest.year


def add_days(iso: str, days: int) -> str | None:
    try:
        return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


# ---- roles -------------------------------------------------------------------------------

_LEGAL_RE = regex.compile(
    r"(?:\bso\s*:?\s*\S*\d\S*\s*(?:,\s*)?$)|(?:\d+/[a-z0-9d-]+(?:-[a-z0-9]+)*\s+$)|(?:\bcan cu\b)"
)
_DEADLINE_CUES = regex.compile(
    r"\b(?:truoc|cham nhat|han(?:\s+(?:cuoi|chot|nop))?|nop|tiep nhan|nhan ho so|ho so|gui\s+ve|"
    r"gui\s+(?:bao cao|ho so|dang ky)|bao cao|trinh(?:\s+khen)?|dang ky|xong|hoan thanh viec)\b"
)
_MILESTONE_CUES = regex.compile(r"\b(?:so ket|tong ket)\b")
_PHASE_CUES = regex.compile(r"\b(?:giai doan|dot)\s+(?:\d|[ivx]+\b|mot|hai|ba|bon)")
_CAMPAIGN_CUES = regex.compile(
    r"\b(?:thoi gian|thi dua|dot|phong trao|chien dich|cao diem|trien khai|dien ra|bat dau|"
    r"ket thuc|keo dai|to chuc|thuc hien|phat dong|thang hanh dong|cuoc thi|van dong)\b"
)
_STRONG_PERIOD = regex.compile(
    r"\bthoi gian(?:\s+(?:thi dua|thuc hien|to chuc|phat dong|trien khai|dien ra|ap dung))?\b"
)
_ANNIV_RE = regex.compile(r"\bky niem\b|\bnam\s+(?:ngay|thanh lap|chien thang)")


def clause_roles(folded: str, start: int, end: int) -> set[str]:
    """Role cues of the clause before ``start``: deadline, milestone, phase, campaign, legal."""
    cs = _clause_start(folded, start)
    head = folded[max(0, cs - 200) : cs]
    clause = folded[cs:start]
    roles: set[str] = set()
    near = folded[max(0, start - 40) : start]
    if _LEGAL_RE.search(near):
        roles.add("legal_basis")
    open_paren = folded.rfind("(", 0, start)
    inside = open_paren > folded.rfind(")", 0, start)
    close = folded.find(")", start)
    years = (
        regex.findall(r"(?:19|20)\d{2}", folded[open_paren:close]) if inside and close > 0 else []
    )
    long_span = len(years) >= 2 and int(max(years)) - int(min(years)) >= 5
    if inside and (long_span or _ANNIV_RE.search(folded[max(0, start - 160) : start])):
        roles.add("anniversary")
    label = regex.search(r"([^\n]{0,80}):\s*$", head) if not clause.strip() else None
    scope = clause + " " + (label.group(1) if label else "")
    if inside and not regex.match(r"\s*(?:tu|bat dau|ke tu)\b", folded[open_paren + 1 : start]):
        scope = clause[clause.rfind("(") + 1 :]
    if _MILESTONE_CUES.search(scope):
        roles.add("milestone")
    if _DEADLINE_CUES.search(scope):
        roles.add("deadline")
    if _PHASE_CUES.search(scope):
        roles.add("phase")
    if _STRONG_PERIOD.search(scope) and not roles & {"deadline", "milestone"}:
        roles.add("strong_period")
    if _CAMPAIGN_CUES.search(scope):
        roles.add("campaign")
    _ = end
    return roles
