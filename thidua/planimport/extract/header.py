"""Document identity: number, type, issuer, place, date, title, parent plan, kind."""

from __future__ import annotations

import re

from .dates import NAM, NGAY, SO, THANG, YEAR_RANGE_RE, find_dates, make_date
from .places import LEVELS, canonical_name, split_level
from .text import Doc, clean, fold

DOC_TYPES = {"kh", "ctr", "hd", "qd", "tb", "bc", "ttr", "ct", "nq", "kl", "qc", "cv", "da"}
_TYPE_CASE = {"ctr": "CTr", "ttr": "TTr"}
HEADINGS = [
    (r"ke hoach", "KH"),
    (r"chuong trinh(?: hanh dong)?", "CTr"),
    (r"huong dan", "HD"),
    (r"thong bao", "TB"),
    (r"quyet dinh", "QĐ"),
    (r"cong van", "CV"),
    (r"de an", "ĐA"),
]
_HEADING_RE = re.compile(r"^(?:" + "|".join(h for h, _ in HEADINGS) + r")\s*$")
_NUMBER_RE = re.compile(rf"(?:^|\s){SO}\s*:\s*")
_DATE_LINE_RE = re.compile(
    rf"(?P<place>[^,\n]*?)\s*,\s*{NGAY}\b(?P<d>[^\n]{{0,12}}?){THANG}\b(?P<m>[^\n]{{0,12}}?)"
    rf"{NAM}\s*(?P<y>\d{{4}})"
)
_SYMBOL_RE = re.compile(r"/\s*([^\s/,]+(?:/[^\s/,]+)?)")


def _header_blocks(doc: Doc, limit: int = 14) -> list[int]:
    return list(range(min(limit, len(doc.blocks))))


def number_info(doc: Doc) -> dict:
    """``Số: 123/KH-UBND`` → number, symbol parts and the block/offsets it came from."""
    for i in _header_blocks(doc):
        b = doc.blocks[i]
        f = doc.fold[b.start : b.end]
        m = _NUMBER_RE.search(f)
        if not m:
            continue
        pos = b.start + m.end()
        line_end = doc.orig.find("\n", pos)
        line_end = b.end if line_end < 0 or line_end > b.end else line_end
        seg = doc.orig[pos:line_end]
        sm = _SYMBOL_RE.search(seg)
        if not sm:
            continue
        left = clean(seg[: sm.start()]).strip(" .…")
        symbol = sm.group(1).strip(" .*")
        if not left:
            number = "/" + symbol
        elif re.fullmatch(r"\d+(?:-[A-Za-zĐđ]+)?", left):
            number = f"{left}/{symbol}"
        else:
            number = "…/" + symbol
        return {
            "number": number,
            "symbol": symbol,
            "left": left,
            "block": i,
            "start": b.start + m.start(),
            "end": pos + sm.end(),
        }
    return {}


def doc_type(doc: Doc, num: dict, title_kind: str | None) -> str | None:
    """Type from the symbol (``KH-UBND``, ``227-KH/TU``), else heading, else ``V/v`` → CV."""
    left, symbol = num.get("left", ""), num.get("symbol", "")
    party = re.fullmatch(r"\d+-([A-Za-zĐđ]+)", left or "")
    first = party.group(1) if party else (symbol.split("-")[0] if symbol else "")
    key = fold(first).replace("đ", "d")
    if key in DOC_TYPES:
        return _TYPE_CASE.get(
            key, first.upper().replace("D", "Đ") if key == "qd" else first.upper()
        )
    if title_kind:
        return title_kind
    if any(re.match(r"v/v\b", doc.fold[b.start : b.end].strip()) for b in doc.blocks[:20]):
        return "CV"
    return None


def date_place(doc: Doc, num: dict) -> dict:
    """Place and issue date from ``TP. Bắc Kạn, ngày 05 tháng 3 năm 2024``."""
    for i in _header_blocks(doc, 16):
        b = doc.blocks[i]
        m = _DATE_LINE_RE.search(doc.fold, b.start, b.end)
        if not m:
            continue
        ps, pe = m.span("place")
        if num and num["block"] == i and num["end"] > ps:
            ps = max(ps, num["end"])
        place = clean(doc.orig[ps:pe]).strip(" ,.")
        d = re.sub(r"\D", "", m.group("d"))
        mo = re.sub(r"\D", "", m.group("m"))
        iso = make_date(d, mo, m.group("y")) if d and mo else None
        prefix = re.match(r"^((?:TP|Tp|tp|TX|Tx|TT)\.\s*)", place)
        name = place[prefix.end() :] if prefix else place
        place = (prefix.group(1) if prefix else "") + canonical_name(name) if place else None
        return {"place": place or None, "issue_date": iso, "start": ps, "end": m.end()}
    return {}


_ORGAN_NOUNS = ("sở", "phòng", "ban", "hội đồng", "trung tâm", "bộ", "cục", "chi cục", "liên đoàn")


def _organ_case(text: str) -> str:
    """``SỞ GIÁO DỤC VÀ ĐÀO TẠO`` → ``Sở Giáo dục và Đào tạo``."""
    words = text.lower().split()
    out = []
    cap_next = True
    for w in words:
        out.append(w[:1].upper() + w[1:] if cap_next else w)
        cap_next = w in ("và", "-") or " ".join(out).lower() in _ORGAN_NOUNS
    return " ".join(out)


def issuer(doc: Doc, num: dict, place: dict) -> tuple[str | None, tuple[int, int] | None]:
    """Readable issuer from the header block; falls back on the place and the symbol."""
    stop = num.get("block", 6)
    ubnd_symbol = "ubnd" in fold(num.get("symbol", ""))
    organ, level, name, span = None, None, None, None
    for i in range(min(stop + 1, 8, len(doc.blocks))):
        b = doc.blocks[i]
        raw = doc.orig[b.start : b.end]
        cut = re.search(r"\S+\s+l[aậâ]p\s*-|c[oộ]ng\s+h[oò]a|\bs[ốoé6]\s*:", fold(raw))
        raw = raw[: cut.start()] if cut else raw
        for line in raw.split("\n"):
            text = clean(line).strip(" *")
            low = fold(text)
            if not text or not any(c.isalpha() for c in text):
                continue
            if re.match(r"(?:uy ban nhan dan|ubnd)\b", low):
                organ = "UBND"
                rest = text[15:].strip() if low.startswith("uy ban") else text[4:].strip()
                if rest:
                    level, name = split_level(rest)
                span = span or (b.start, b.end)
            elif (lv := split_level(text))[0] and text.upper() == text:
                level, name = lv
                span = span or (b.start, b.end)
            elif text.upper() == text and len(text) > 3:
                organ = _organ_case(text)
                span = span or (b.start, b.end)
    if (organ is None or organ == "UBND") and level and name and (organ or ubnd_symbol):
        return f"UBND {level} {name}", span
    if organ and organ != "UBND":
        return (f"{organ} {level} {name}" if level else organ), span
    if place.get("place") and ubnd_symbol:
        p = place["place"]
        pm = re.match(r"^(TP|Tp|tp|TX|Tx)\.\s*(.+)$", p)
        if pm:
            lv = "thành phố" if pm.group(1).lower() == "tp" else "thị xã"
            return f"UBND {lv} {pm.group(2)}", (place["start"], place["end"])
        for key, lv in LEVELS:
            if re.search(rf"\bubnd {key} {re.escape(fold(p))}\b", doc.fold):
                return f"UBND {lv} {p}", (place["start"], place["end"])
    return None, None


def title(doc: Doc) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """Trích yếu: the block after the ``KẾ HOẠCH`` heading, or the ``V/v`` line."""
    for i, b in enumerate(doc.blocks[:25]):
        pos = b.start
        for line in doc.fold[b.start : b.end].split("\n"):
            line_end = pos + len(line)
            head = line.strip()
            pos = line_end + 1
            if not _HEADING_RE.match(head):
                continue
            kind = next(k for h, k in HEADINGS if re.match(h, head))
            if doc.orig[line_end : b.end].strip():
                s, e = line_end + 1, b.end
            elif i + 1 < len(doc.blocks):
                s, e = doc.blocks[i + 1].start, doc.blocks[i + 1].end
            else:
                return None, kind, None
            cue = re.search(
                r"\n\s*(?:th[a-z]{1,4} hi[a-z]n|c[a-z]n c[a-z]{1,2}|kinh gui)\b", doc.fold[s:e]
            )
            e = s + cue.start() if cue else e
            return clean(doc.orig[s:e]).rstrip(" ."), kind, (s, e)
        m = re.match(r"\s*v/v\s+", doc.fold[b.start : b.end])
        if m:
            s = b.start + m.end()
            return clean(doc.orig[s : b.end]).rstrip(" ."), None, (s, b.end)
    return None, None, None


_REF_END_RE = re.compile(
    r";(?=\s)|,\s*c[a-z]n c[a-z]{1,2}\b"
    r"|,\s*(?:ke hoach|thong bao|chi thi|quyet dinh|cong van|huong dan|nghi quyet|ket luan)"
    rf"\s+{SO}\b"
    r"|,\s*[^,;()]{0,60}?\b(?:phat dong|xay dung|ban hanh|trien khai)\b"
)


def parent_plan(doc: Doc, after: int) -> tuple[str | None, tuple[int, int] | None]:
    """First document cited by ``Thực hiện``/``Căn cứ`` in the preamble."""
    limit = next(
        (b.start for b in doc.blocks if b.start >= after and 0 < b.level <= 2), len(doc.fold)
    )
    for m in re.finditer(r"(?m)^[ \t*_]*(th[a-z]{1,4} hi[a-z]n|c[a-z]n c[a-z]{1,2})\s+", doc.fold):
        if m.start() < after or m.start() >= limit:
            continue
        b = doc.blocks[doc.block_at(m.start(1))]
        s = m.end()
        end = _REF_END_RE.search(doc.fold, s, b.end)
        e = end.start() if end else b.end
        if not re.search(rf"\b{SO}\s+\S*\d", doc.fold[s:e]):
            continue
        return clean(doc.orig[s:e]).rstrip(" ,."), (b.start, b.end)
    return None, None


_ANNIV_RE = re.compile(
    r"\b(\d{1,3}\s+n[a-z]{1,2}m\s+[^()]*?)\s*\((\d{1,2}/\d{1,2}/\d{4})\s*-\s*(\d{1,2}/\d{1,2}/\d{4})\)"
)


def anniversary(doc: Doc, span: tuple[int, int] | None) -> dict | None:
    """``kỷ niệm 10 năm ngày thành lập … (11/3/2015-11/3/2025)`` in the title."""
    if not span:
        return None
    m = _ANNIV_RE.search(doc.fold, *span)
    if not m or "ky niem" not in doc.fold[span[0] : m.end()]:
        return None
    dates = list(find_dates(doc.fold, m.start(3), m.end(3)))
    return {
        "name": clean(doc.orig[m.start(1) : m.end(1)]),
        "date": dates[0][0] if dates else None,
    }


def kind(doc: Doc, title_text: str | None, dtype: str | None) -> str:
    """Campaign kind from the title's cues, then the body's."""
    t = fold(title_text or "")
    years = [(int(a), int(b)) for a, b in YEAR_RANGE_RE.findall(t)]
    if dtype == "CTr" or ("chuong trinh" in t and any(b > a for a, b in years)):
        return "chuong_trinh"
    if "chuyen de" in t:
        return "chuyen_de"
    if re.search(r"\bdot thi dua|\bngay dem\b|cao diem", t):
        return "theo_dot"
    if "thuong xuyen" in t:
        return "thuong_xuyen"
    if re.search(r"\bnam (?:hoc )?\d{4}\b|hang nam", t):
        return "hang_nam"
    body = doc.fold
    if body.count("dot thi dua") >= 3:
        return "theo_dot"
    return "thuong_xuyen"
