"""Deadlines, responsibilities and programme milestones."""

from __future__ import annotations

import re

from .dates import DATE_RE, find_dates, make_date, when
from .text import Doc, clean, clean_item, fold

_CUE_RE = re.compile(
    r"(?:truoc|cham nhat(?:\s+la)?|han\s+(?:chot|cuoi|nop)?|khong muon hon|hoan thanh truoc)"
    rf"\s*(?:ngay\s*)?:?\s*\(?\s*(?:{DATE_RE.pattern})"
)


def deadline_kind(sentence: str) -> str:
    """Classify by who sends what to whom."""
    f = fold(sentence)
    block_head = re.search(r"truong (?:khoi|cum)|(?:khoi|cum) truong", f)
    send = re.search(r"\bgui\b", f)
    if re.search(r"dang ky", f):
        if block_head and send and block_head.start() < send.start():
            return "registration_forward"
        return "registration"
    if re.search(r"cam ket|giao uoc", f):
        return "commitment"
    if re.search(r"ho so|de nghi khen|trinh (?:cac cap )?khen", f):
        if block_head and (not send or block_head.start() > send.start()):
            return "dossier_to_block"
        return "dossier"
    if re.search(r"bao cao", f):
        return "report"
    return "other"


_SHORT_CUE_RE = re.compile(
    r"(?:truoc|cham nhat(?:\s+la)?|han\s+(?:chot|cuoi|nop)?|khong muon hon)"
    r"\s*(?:ngay\s*)?:?\s*\(?\s*(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/\s*\d)"
)


def deadlines(doc: Doc, default_year: int | None = None) -> list[dict]:
    """Dates introduced by ``trước``/``chậm nhất``/``hạn``; sorted by date.

    ``trước ngày 15/11`` without a year takes ``default_year`` (the campaign's end year).
    """
    out = []
    found = []
    for m in _CUE_RE.finditer(doc.fold):
        dates = list(find_dates(doc.fold, m.start(), m.end()))
        if dates:
            found.append((m, dates[0][0], dates[0][1]))
    if default_year:
        for m in _SHORT_CUE_RE.finditer(doc.fold):
            iso = make_date(m.group(1), m.group(2), default_year)
            if iso:
                found.append((m, iso, m.start(1)))
    for m, iso, ds in found:
        s, e = doc.sentence_at(m.start())
        label = re.match(r"^[\s\-+•]*doi voi [^:]{3,120}:\s*", doc.fold[s:e])
        text = clean_item(doc.orig[s + (label.end() if label else 0) : e])
        out.append(
            {"what": text, "date": iso, "kind": deadline_kind(text), "span": (s, e), "pos": ds}
        )
    out.sort(key=lambda d: (d["date"], d["pos"]))
    return out


_VERBS = (
    r"to chuc|trien khai|chu tri|phoi hop|theo doi|xay dung|tham muu|chi dao|huong dan|"
    r"co trach nhiem|chiu trach nhiem|bao cao|xem xet|thuc hien|can cu|dang ky|tang cuong|"
    r"mo|lua chon|don doc|kiem tra|tong hop|cap|phat dong|tuyen truyen|quan triet"
)
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b")
_ORG_RE = re.compile(
    r"\b(?:cơ quan|đơn vị|phòng|ban|sở|ubnd|ủy ban|uỷ ban|hội đồng|trung tâm|hội|đoàn|htx|"
    r"doanh nghiệp|khối|cụm|mặt trận|công an|văn phòng|trưởng)\b"
)


def _split_who(doc: Doc, s: int, e: int) -> tuple[str, str] | None:
    """``Giao Phòng Nội vụ theo dõi…`` → (``Phòng Nội vụ``, ``theo dõi…``)."""
    f = doc.fold[s:e]
    lead = re.match(r"^\s*(?:giao|de nghi|yeu cau|khuyen khich)?\s*", f)
    lead2 = re.match(r"^\s*tren co s\S*[^,]*,\s*", f[lead.end() :])
    ws = s + lead.end() + (lead2.end() if lead2 else 0)
    fw = doc.fold[ws:e]
    colon = re.match(r"^([^:]{3,120}):\s*", fw)
    if colon and not _VERB_RE.search(colon.group(1)):
        who_end, what_start = ws + colon.end(1), ws + colon.end()
    else:
        masked = re.sub(r"\([^)]*\)", lambda x: " " * len(x.group(0)), fw)
        v = next(
            (
                x
                for x in _VERB_RE.finditer(masked)
                if not re.search(r"(?:,|\bcac)\s*$", masked[: x.start()])
            ),
            None,
        )
        if not v or v.start() < 3:
            return None
        who_end, what_start = ws + v.start(), ws + v.start()
    end = re.search(r";|\.(?:\s|$)", doc.fold[what_start:e])
    what_end = what_start + end.start() if end else e
    who = clean(doc.orig[ws:who_end]).strip(" ,;")
    what = clean(doc.orig[what_start:what_end]).strip(" ,;.")
    return (who, what) if who and what else None


def responsibilities(doc: Doc) -> list[dict]:
    """Numbered items of ``Tổ chức thực hiện``: short headings name the unit."""
    head = next(
        (
            i
            for i, b in enumerate(doc.blocks)
            if b.level == 1
            and re.search(r"t\S{0,2} ch\S{1,3} th\S{1,3} hi\S{1,3}n", doc.fold[b.start : b.end])
        ),
        None,
    )
    if head is None:
        return []
    section = doc.section(head)
    if not section:
        return []
    top = min(doc.blocks[j].level for j in section)
    out = []
    for j in (k for k in section if doc.blocks[k].level == top):
        b = doc.blocks[j]
        body = re.match(r"^\s*\d{1,2}\.\s*", doc.fold[b.start : b.end])
        s = b.start + (body.end() if body else 0)
        ftext = doc.fold[s : b.end].strip(" :")
        otext = doc.orig[s : b.end].lower()
        if len(ftext) < 120 and not ftext.endswith(".") and _ORG_RE.search(otext):
            who = clean(doc.orig[s : b.end]).strip(" :")
            who = re.sub(r"^(?:Giao|Đề nghị|Yêu cầu)\s+", "", who)
            sub = doc.section(j)
            if not sub:
                continue
            sb = doc.blocks[sub[0]]
            first = doc.sentences(sb)[0]
            what = clean_item(doc.orig[first[0] : first[1]])
            what = re.split(r";", what)[0].strip(" .")
            out.append({"who": who, "what": what, "span": (b.start, sb.end)})
            continue
        if not _ORG_RE.search(otext[:90]) and len(ftext) < 120 and doc.section(j):
            sb = doc.blocks[doc.section(j)[0]]
            s, e = doc.sentences(sb)[0]
        else:
            e = doc.sentences(b)[0][1]
        pair = _split_who(doc, s, e)
        if pair:
            out.append({"who": pair[0], "what": pair[1], "span": (s, e)})
    return out


_SCHED_RE = re.compile(r";?\s*th[a-z]{1,2}\s+gian\s+(?:d[a-z]\s*ki[a-z]n)?")
_WHO_RE = re.compile(r"^\s*(?:[uqy]y?\s+ban\s+nh[a-z]n\s+d[a-z]n|ubnd)\s+(tinh|huyen|thanh pho)\b")


def milestones(doc: Doc) -> list[dict]:
    """Programme schedule: ``Năm 2022: …; thời gian dự kiến trong Quý III năm 2022``."""
    head = next(
        (
            i
            for i, b in enumerate(doc.blocks)
            if b.level == 1
            and re.search(r"th[a-z]{1,2} gian", doc.fold[b.start : b.end])
            and re.search(r"nhiem vu|lo trinh|tien do|thuc hien", doc.fold[b.start : b.end])
        ),
        None,
    )
    if head is None:
        return []
    out = []
    year_when = None
    for j in doc.section(head):
        b = doc.blocks[j]
        f = doc.fold[b.start : b.end]
        ym = re.match(
            r"^\s*\d{1,2}\.\s*(?:(h[a-z]{1,2}ng n[a-z]{1,3}m)|n[a-z]{1,3}m\s+(\d{4}))\s*:\s*", f
        )
        if ym:
            year_when = "hang_nam" if ym.group(1) else ym.group(2)
            s = b.start + ym.end()
        elif b.level in (6, 7):
            s = b.start + re.match(r"^[\s\-+•]*", f).end()
        else:
            continue
        sched = _SCHED_RE.search(doc.fold, s, b.end)
        e = sched.start() if sched else b.end
        ftext = doc.fold[s:e]
        if len(re.findall(r"[a-z]{2,}", ftext)) < 3:
            continue
        sentence_end = re.search(r"\.\s+[A-ZĐ]|\.\s*$", doc.orig[s:e])
        if not sched and sentence_end:
            e = s + sentence_end.start()
        what = clean(doc.orig[s:e]).strip(" .;:-")
        whom = _WHO_RE.match(ftext)
        who = None
        if whom:
            who = (
                "UBND "
                + {"tinh": "tỉnh", "huyen": "huyện", "thanh pho": "thành phố"}[whom.group(1)]
            )
        w = when(doc.fold[sched.start() : b.end]) if sched else None
        out.append({"what": what, "when": w or year_when, "who": who, "span": (s, e)})
    return out
