"""Campaign body: period, slogan, subjects and the numbered contents."""

from __future__ import annotations

import re

from .dates import DATE_RE, NGAY, THANG, YEAR_RANGE_RE, add_days, find_dates, match_date, month_end
from .text import BODY, Doc, clean, clean_item, fold

_PERIOD_RE = re.compile(
    rf"\btu\s+(?:{NGAY}\s+)?(?P<a>{DATE_RE.pattern})\s*"
    rf"(?:-|den(?:\s+het)?|(?:va\s+)?ket thuc(?:\s+vao)?)(?:\s+{NGAY})?\s*"
    rf"(?P<b>{DATE_RE.pattern})"
)
_MONTH_PERIOD_RE = re.compile(
    rf"\btu\s+{THANG}\s+(\d{{1,2}})\s*/\s*(\d{{4}})\s*(?:-|den(?:\s+het)?)\s*(?:{THANG}\s+)?"
    r"(\d{1,2})\s*/\s*(\d{4})"
)
_START_RE = re.compile(rf"\b(?:bat dau\s+)?tu\s+(?:{NGAY}\s+)?({DATE_RE.pattern})")
_DAYS_RE = re.compile(r"\btrong\s+(\d{1,3})\s+ngay\b")


def _dates_in(doc: Doc, s: int, e: int) -> list[str]:
    return [iso for iso, _, _ in find_dates(doc.fold, s, e)]


def period(doc: Doc) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """``Từ ngày 15/10/2024 đến hết ngày 15/01/2025`` (preferring a ``Thời gian`` section)."""
    candidates = []
    for m in _PERIOD_RE.finditer(doc.fold):
        a = _dates_in(doc, m.start("a"), m.end("a"))
        b = _dates_in(doc, m.start("b"), m.end("b"))
        if a and b and a[0] <= b[0]:
            candidates.append((m.start(), a[0], b[0], m))
    for m in _MONTH_PERIOD_RE.finditer(doc.fold):
        a = f"{int(m.group(2)):04d}-{int(m.group(1)):02d}-01"
        b = month_end(int(m.group(4)), int(m.group(3)))
        candidates.append((m.start(), a, b, m))
    for m in _START_RE.finditer(doc.fold):
        d = _DAYS_RE.search(doc.fold, max(0, m.start() - 80), m.end() + 80)
        iso = match_date(DATE_RE.search(m.group(1)))
        if d and iso:
            candidates.append((m.start(), iso, add_days(iso, int(d.group(1)) - 1), m))
    if not candidates:
        return None, None, None

    def score(c):
        ctx = doc.fold[max(0, c[0] - 120) : c[0]]
        return (0 if "thoi gian" in ctx else 1, c[0])

    pos, a, b, _ = min(candidates, key=score)
    s, e = doc.sentence_at(pos)
    return a, b, (s, e)


def year_span(years: list[int]) -> tuple[str | None, str | None]:
    if not years:
        return None, None
    return f"{min(years)}-01-01", f"{max(years)}-12-31"


def programme_years(doc: Doc, title: str | None) -> list[int]:
    """Years of a programme: the most cited ``YYYY-YYYY`` range, else the title's range."""
    ranges = YEAR_RANGE_RE.findall(fold(title or "")) or YEAR_RANGE_RE.findall(doc.fold)
    if not ranges:
        return []
    best = max(set(ranges), key=ranges.count)
    return [int(best[0]), int(best[1])]


_SLOGAN_HEAD_RE = re.compile(r"^(?:[\divx.]+\s*)?khau hieu(?: thi dua)?\s*:?\s*$")
_THEME_RE = re.compile(r"(?:voi|theo)\s+(?:ch[a-z]{1,2}\s+d\S{1,2}|khau hieu)\s*:?\s*\"")


def slogan(doc: Doc) -> tuple[str | None, tuple[int, int] | None]:
    """``Khẩu hiệu thi đua`` section text, or a quoted ``với chủ đề "…"``."""
    for i, b in enumerate(doc.blocks):
        f = doc.fold[b.start : b.end].strip()
        if _SLOGAN_HEAD_RE.match(f) and i + 1 < len(doc.blocks):
            nb = doc.blocks[i + 1]
            return clean_item(doc.orig[nb.start : nb.end]).strip('"“”'), (nb.start, nb.end)
        m = re.match(r"^(?:[\divx.]+\s*)?khau hieu(?: thi dua)?\s*:\s*(\S)", f)
        if m:
            s = b.start + (len(doc.fold[b.start : b.end]) - len(doc.fold[b.start : b.end].lstrip()))
            s += m.start(1)
            return clean_item(doc.orig[s : b.end]).strip('"“”'), (b.start, b.end)
    m = _THEME_RE.search(doc.fold)
    if m:
        s = m.end()
        end = re.search(r"[\"~]", doc.fold[s : s + 600])
        e = s + end.start() if end else s + 300
        return clean(doc.orig[s:e]).strip(" .,"), doc.sentence_at(m.start())
    return None, None


CATEGORIES = [
    ("can_bo", r"can bo"),
    ("cong_chuc", r"cong chuc"),
    ("vien_chuc", r"vien chuc"),
    ("nguoi_lao_dong", r"nguoi lao dong"),
    ("chien_si", r"chien si"),
    ("doanh_nhan", r"doanh nhan"),
    ("cong_nhan", r"cong nhan"),
    ("nong_dan", r"nong dan"),
    ("nhan_dan", r"nhan dan"),
    ("giao_vien", r"giao vien|nha giao"),
    ("hoc_sinh", r"hoc sinh"),
]


def categories(text: str) -> list[str]:
    """Normalised individual categories, ignoring ``(gọi chung là …)`` asides."""
    f = re.sub(r"\(goi chung[^)]*\)", " ", fold(text))
    return [code for code, pat in CATEGORIES if re.search(rf"\b(?:{pat})\b", f)]


def _after_label(doc: Doc, b, pattern: str) -> tuple[int, int] | None:
    m = re.match(pattern, doc.fold[b.start : b.end])
    if not m:
        return None
    return b.start + m.end(), b.end


_LABEL = (
    r"^[\s\-+•]*(?:[a-z]\)\s*|\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+)?(?:doi voi\s+)?{}(?:\s+gom)?\s*:\s*"
)


def subjects(doc: Doc) -> tuple[dict, dict]:
    """``Đối tượng thi đua``: ``Tập thể gồm: …`` / ``Cá nhân gồm: …``, or ``Kính gửi`` of a letter."""
    res = {"collective": None, "individual": None, "categories": []}
    spans = {}
    head = next(
        (
            i
            for i, b in enumerate(doc.blocks)
            if b.is_heading
            and re.search(r"doi tuong(?: thi dua)?\s*(?::|$)", doc.fold[b.start : b.end])
            and len(doc.fold[b.start : b.end]) < 400
        ),
        None,
    )
    hb = doc.blocks[head] if head is not None else None
    inline = hb and re.search(r"doi tuong(?: thi dua)?\s*:\s*(\S)", doc.fold[hb.start : hb.end])
    if inline:
        sp = (hb.start + inline.start(1), hb.end)
        res["collective"] = clean_item(doc.orig[sp[0] : sp[1]])
        spans["subjects.collective"] = sp
    elif head is not None:
        section = doc.section(head) or [head + 1]
        for j in section:
            b = doc.blocks[j]
            for key, pat in (
                ("collective", _LABEL.format("tap the")),
                ("individual", _LABEL.format("ca nhan")),
            ):
                sp = _after_label(doc, b, pat)
                if sp:
                    res[key] = clean_item(doc.orig[sp[0] : sp[1]])
                    spans[f"subjects.{key}"] = sp
        if not res["collective"] and not res["individual"] and section:
            b = doc.blocks[section[0]]
            res["collective"] = clean_item(doc.orig[b.start : b.end])
            spans["subjects.collective"] = (b.start, b.end)
    else:
        for b in doc.blocks[:25]:
            sp = _after_label(doc, b, r"^\s*kinh gui\s*:\s*")
            if sp:
                res["collective"] = clean_item(doc.orig[sp[0] : sp[1]])
                spans["subjects.collective"] = sp
                break
    if res["individual"]:
        res["categories"] = categories(res["individual"])
    return res, spans


def _item_title(doc: Doc, b) -> tuple[str, int]:
    """Heading text of a numbered item without its number; long items cut at ``:``/``.``."""
    text = clean(doc.orig[b.start : b.end])
    text = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[ivxlIVXL]{1,4}\.)\s*", "", text)
    if len(text) > 220:
        cut = re.search(r"[:.](\s|$)", text)
        if cut:
            text = text[: cut.start()]
    return text.strip(" .:;,_").strip(), b.start


def content_areas(doc: Doc, kind_: str | None, doc_type: str | None) -> list[tuple[str, int, int]]:
    """Numbered contents under the (deepest) ``Nội dung …`` heading, or its bullets."""
    heads = [
        i
        for i, b in enumerate(doc.blocks)
        if b.is_heading
        and re.match(
            r"^(?:[\divxl.]+\s*)?noi dung(?: (?:va muc tieu |phong trao )?thi dua| thuc hien)\b",
            re.sub(r"[^a-z ]", "", re.sub(r"^[\s\d.ivxl]*", "", doc.fold[b.start : b.end])).strip(),
        )
        and len(doc.fold[b.start : b.end]) < 80
    ]
    if not heads and doc_type == "CV":
        intro = next(
            (
                i
                for i, b in enumerate(doc.blocks)
                if re.search(r"noi dung[^.]{0,20}sau\s*:\s*$", doc.fold[b.start : b.end])
            ),
            None,
        )
        if intro is not None:
            items = [j for j in range(intro + 1, len(doc.blocks)) if doc.blocks[j].level == 2]
            return [(*_item_title(doc, doc.blocks[j]), doc.blocks[j].end) for j in items]
        return []
    if not heads:
        return []
    idx = heads[-1]
    section = doc.section(idx)
    if not section:
        return []
    top = min(doc.blocks[j].level for j in section)
    if top <= 5:
        items = [j for j in section if doc.blocks[j].level == top]
        return [(*_item_title(doc, doc.blocks[j]), doc.blocks[j].end) for j in items]
    if top < BODY:
        items = [j for j in section if doc.blocks[j].level == top]
        return [
            (
                clean_item(doc.orig[doc.blocks[j].start : doc.blocks[j].end]),
                doc.blocks[j].start,
                doc.blocks[j].end,
            )
            for j in items
        ]
    return []
