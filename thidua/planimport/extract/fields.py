"""Fields read as scored candidates; below the threshold the answer is "not stated".

Every reader returns a :class:`Field`: the value, a confidence in 0–1 and a Vietnamese
reason, plus the span it came from (offsets in the normalised text). Candidates are
gathered anywhere in the plan and scored by the role of their section, cue words (positive
and negative) and position; there is no first-match-wins and no calendar-year fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz, process

from . import timetag, tree
from .normalise import Normalised, fold

THRESHOLD = 0.5


@dataclass
class Field:
    value: object = None
    confidence: float = 0.0
    reason: str = ""
    span: tuple[int, int] | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Reading:
    """The normalised text, its folded copy, section tree and time mentions."""

    norm: Normalised
    folded: str
    sections: list[tree.Section]
    mentions: list[timetag.Mention]

    @classmethod
    def of(cls, norm: Normalised) -> Reading:
        folded = fold(norm.text)
        sections = tree.build(norm.text)
        mentions = timetag.find_mentions(norm.text, folded)
        return cls(norm, folded, sections, mentions)

    @property
    def text(self) -> str:
        return self.norm.text

    def original(self, span: tuple[int, int]) -> str:
        """The original text of a normalised span, markdown removed and whitespace collapsed."""
        start, end = self.norm.to_original(*span)
        raw = self.norm.original[start:end]
        raw = regex.sub(r"\*\*|__|\\\*", "", raw)
        return regex.sub(r"\s+", " ", raw).strip(" \"“”'.;")

    def sentence(self, pos: int) -> tuple[int, int]:
        """Sentence around ``pos``: cut at ``.`` + space + capital/digit and at line breaks."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        start = line_start
        for m in _SENTENCE_END_RE.finditer(self.text, line_start, pos):
            start = m.end()
        end_match = _SENTENCE_END_RE.search(self.text, pos)
        if end_match is None:
            return start, len(self.text)
        newline = self.text[end_match.start()] == "\n"
        return start, end_match.start() + (0 if newline else 1)


_SENTENCE_END_RE = regex.compile(r"\n|[.!?](?=\s+[\"(]?[\p{Lu}\d])|[.!?]$")


# ---- issue date ----------------------------------------------------------------------------

_PLACE_DATE_RE = regex.compile(
    r"(?m)^[ \t]*(?P<place>[^\n,;:]{2,40}?)\s*,\s*ngay\s*(?P<d>\d{1,2})?\s*"
    r"(?:thang\s*(?P<m>\d{1,2})?\s*nam\s*(?P<y>\d{4})|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)


def issue_date(r: Reading) -> Field:
    """``<place>, ngày 07 tháng 3 năm 2024`` in the header; a blank day keeps the month."""
    head = r.folded[:2500]
    for m in _PLACE_DATE_RE.finditer(head):
        place = m.group("place").strip()
        if regex.search(r"\d{3,}|\bso\b", place):
            continue
        year = int(m.group("y") or m.group("y2"))
        month = m.group("m") or m.group("m2")
        day = m.group("d")
        mention = timetag.Mention(m.start(), m.end(), year=year)
        if month:
            mention.month = int(month)
        if day and month:
            mention.day = int(day)
        value = mention.value()
        if value is None:
            continue
        reason = "dòng địa danh, ngày tháng ở đầu văn bản"
        if mention.precision != "day":
            reason += "; ngày để trống nên chỉ giữ " + ("tháng" if month else "năm")
        return Field(value, 0.95 if mention.precision == "day" else 0.7, reason, m.span())
    return Field(None, 0.8, "không thấy dòng địa danh, ngày tháng ban hành")


# ---- campaign period -------------------------------------------------------------------------


def _score_interval(r: Reading, interval: timetag.Interval) -> tuple[float, str, set[str]]:
    roles = timetag.clause_roles(r.folded, interval.pos, interval.stop)
    section_roles = tree.roles_at(r.sections, interval.pos)
    if "legal_basis" in roles or "anniversary" in roles:
        return 0.0, "ngày căn cứ/kỷ niệm", roles
    if roles & {"deadline", "milestone"} and "strong_period" not in roles:
        return 0.1, "thời hạn, không phải thời gian thi đua", roles
    if "phase" in roles:
        return 0.6, "giai đoạn của đợt thi đua", roles
    score, reason = 0.45, "khoảng thời gian không có từ chỉ dẫn"
    if "campaign" in roles:
        score, reason = 0.7, "khoảng thời gian đi với từ chỉ đợt/phong trào thi đua"
    if "strong_period" in roles:
        score, reason = 0.9, "câu “Thời gian …” nêu thời gian thi đua"
    if section_roles and section_roles[0] == "time":
        score, reason = max(score, 0.85) + 0.05, "mục “Thời gian” của kế hoạch"
    if section_roles and section_roles[0] in ("dossier", "awards"):
        score -= 0.3
    return min(score, 0.98), reason, roles


def _end_value(interval: timetag.Interval) -> str | None:
    if interval.end is not None:
        return interval.end.value()
    if interval.end_value and interval.end_value.startswith("+") and interval.start is not None:
        start = interval.start.value()
        if start and len(start) == 10:
            return timetag.add_days(start, int(interval.end_value[1:]) - 1)
    return None


def _start_value(interval: timetag.Interval) -> str | None:
    if interval.from_issue:
        return interval.start_value
    return interval.start.value() if interval.start is not None else None


def period(r: Reading, intervals: list[timetag.Interval]) -> tuple[Field, Field, list]:
    """Start and end of the campaign: the best period, or the phases joined into one."""
    mains, phases = [], []
    for interval in intervals:
        score, reason, roles = _score_interval(r, interval)
        interval.roles = roles
        if score < THRESHOLD:
            continue
        entry = (score, reason, interval)
        (phases if "phase" in roles else mains).append(entry)
    if not mains and not phases:
        others = [
            i
            for i in intervals
            if i.roles & {"deadline", "milestone", "legal_basis", "anniversary"}
        ]
        why = "không thấy thời gian thi đua"
        if others:
            why += " (các ngày trong văn bản là căn cứ, kỷ niệm hoặc thời hạn)"
        return Field(None, 0.7, why), Field(None, 0.7, why), intervals
    if mains:
        score, reason, best = max(mains, key=lambda e: (e[0], -e[2].pos))
        start, end = _start_value(best), _end_value(best)
        span = (best.pos, best.stop)
        start_field = Field(start, score, reason, span)
        if best.from_issue:
            start_field.reason = "“kể từ ngày ban hành”: ngày ban hành kế hoạch"
            if start is None:
                start_field = Field(
                    None, 0.4, "bắt đầu từ ngày ban hành nhưng không đọc được ngày ban hành", span
                )
        if start is None and not best.from_issue:
            start_field = Field(None, score, "chỉ nêu ngày kết thúc (không nêu ngày bắt đầu)", span)
        if end is None:
            why = best.open_end_reason or "chỉ nêu ngày bắt đầu (không nêu ngày kết thúc)"
            end_field = Field(None, score, why, span)
        else:
            end_field = Field(end, score, reason, span)
        if phases and (start is None and end is None):
            mains = []
        else:
            return start_field, end_field, intervals
    starts = [_start_value(e[2]) for e in phases]
    ends = [_end_value(e[2]) for e in phases]
    span = (phases[0][2].pos, phases[-1][2].stop)
    start = None if any(s is None for s in starts) else min(starts)
    end = None if any(e is None for e in ends) else max(ends)
    reason = f"ghép {len(phases)} giai đoạn thành một thời gian thi đua"
    return (
        Field(
            start,
            0.8 if start else 0.6,
            reason if start else "giai đoạn đầu không nêu ngày bắt đầu",
            span,
        ),
        Field(
            end,
            0.8 if end else 0.6,
            reason if end else "giai đoạn cuối không nêu ngày kết thúc",
            span,
        ),
        intervals,
    )


def title_year(r: Reading, start: int, end: int) -> str | None:
    """The year of a yearly plan named in its title (``… khen thưởng năm 2025``)."""
    title = fold(r.norm.original[start:end])
    m = regex.search(
        r"\b(?:thi dua|khen thuong|cong tac|nhiem vu)\b[^.;]{0,60}?\bnam\s+((?:19|20)\d{2})\b(?!\s*-)",
        title,
    )
    return m.group(1) if m else None


# ---- deadlines -------------------------------------------------------------------------------

_SINGLE_DEADLINE_RE = regex.compile(
    r"(?:\b(?:truoc|cham nhat(?:\s+la)?|khong muon hon|xong\s+(?:trong|truoc)|"
    r"hoan thanh(?:\s+truoc)?|(?:trong|vao)(?:\s+(?:tuan|dip)?\s*(?:dau|cuoi|giua|\d))?)"
    r"\s*(?:ngay\s*)?:?\s*\(?\s*$)|(?:\b(?:thoi han|han)\b[^.;\n]{0,50}:\s*(?:ngay\s*)?$)"
)


_SUBMIT_RE = regex.compile(
    r"\b(?:ho so|nop|tiep nhan|gui\s+(?:ve|bao cao|ho so|dang ky)|bao cao|dang ky|"
    r"(?<!chuong )trinh|so ket|tong ket)\b"
)


def deadlines(r: Reading, intervals: list[timetag.Interval]) -> list[dict]:
    """Deadline and milestone dates (``trước``, ``chậm nhất``, ``hạn``, ``sơ kết vào``, the end of
    a ``tiếp nhận hồ sơ`` interval) with their sentence."""
    out: list[dict] = []
    in_period = set()
    for interval in intervals:
        roles = interval.roles or timetag.clause_roles(r.folded, interval.pos, interval.stop)
        clause = r.folded[timetag._clause_start(r.folded, interval.pos) : interval.pos]
        submits = _SUBMIT_RE.search(clause[-90:])
        ignored = roles & {"legal_basis", "anniversary"}
        if submits and not ignored and "strong_period" not in roles and interval.end:
            value = interval.end.value()
            if value:
                out.append(_deadline(r, value, interval.end, roles))
        for m in (interval.start, interval.end):
            if m is not None:
                in_period.add(id(m))
    for m in r.mentions:
        if id(m) in in_period or m.precision == "school_year":
            continue
        roles = timetag.clause_roles(r.folded, m.start, m.end)
        if roles & {"legal_basis", "anniversary"}:
            continue
        before = r.folded[max(0, m.start - 40) : m.start]
        cue = _SINGLE_DEADLINE_RE.search(before)
        if not cue or not roles & {"deadline", "milestone"}:
            continue
        if regex.search(r"\b(?:trong|vao)\s*(?:ngay\s*)?$", before) and m.precision == "year":
            continue
        value = m.value()
        if value:
            out.append(_deadline(r, value, m, roles))
    unique: dict[tuple, dict] = {}
    for d in out:
        unique.setdefault((d["date"], d["span"]), d)
    return sorted(unique.values(), key=lambda d: (d["date"], d["span"][0]))


def _deadline(r: Reading, value: str, m: timetag.Mention, roles: set[str]) -> dict:
    s, e = r.sentence(m.start)
    what = regex.sub(r"\s+", " ", r.text[s:e]).strip(" -+•.;")
    kind = "milestone" if "milestone" in roles and "deadline" not in roles else "deadline"
    return {
        "date": value,
        "precision": m.precision,
        "role": kind,
        "what": what,
        "span": (s, e),
        "confidence": 0.85 if len(value) == 10 else 0.75,
    }


# ---- slogan ----------------------------------------------------------------------------------

_QUOTE_RE = regex.compile(r"\"(?P<q>[^\"\n]{3,220})\"")
_SLOGAN_CUE_RE = regex.compile(
    r"(?:voi|theo|mang)?\s*(?:tinh than|khau hieu(?:\s+(?:thi dua|hanh dong))?|"
    r"chu de(?:\s+thi dua)?|(?:chu de){e<=1})(?:\s+(?:nam hoc|nam)\s+[\d -]{4,11})?"
    r"\s*(?:la|:)?\s*$"
)
_PEAK_RE = regex.compile(
    r"\b(?:dot|chien dich)\s+thi dua\s+(?:cao diem|nuoc rut|dac biet|tang toc)(?:\s+\w+){0,2}\s*$"
)
_NEGATIVE_RE = regex.compile(
    r"\b(?:phuong cham|phong trao(?:\s+thi dua)?|cuoc van dong|mo hinh|giai thuong|cuoc thi|"
    r"chuong trinh|de an|nghi quyet|chi thi|ke hoach|quyet dinh)\s*$"
)


def same_words(a: str, b: str) -> bool:
    """Equal up to case, diacritics, punctuation and spacing."""
    return regex.sub(r"[\W_]+", " ", fold(a)).split() == regex.sub(r"[\W_]+", " ", fold(b)).split()


def slogan(r: Reading) -> Field:
    """A ``Chủ đề``/``Khẩu hiệu`` heading, or a quoted motto after ``với tinh thần``,
    ``khẩu hiệu``, ``chủ đề`` or right after the name of a peak campaign."""
    candidates: list[Field] = []
    for section in r.sections:
        if section.role == "theme":
            body_start = (
                section.start
                + len(r.text[section.start : section.head_end])
                - len(r.text[section.start : section.head_end].lstrip())
            )
            after = r.text[section.start : section.end]
            colon = after.find(":")
            rest = (
                after[colon + 1 :]
                if 0 <= colon < 80
                else after[after.find("\n") + 1 :]
                if "\n" in after
                else ""
            )
            q = _QUOTE_RE.search(rest)
            value = q.group("q") if q else rest.strip().split("\n")[0]
            value = value.strip(" \"'.;")
            if value:
                found_at = r.text.find(value, body_start)
                exact = (
                    (found_at, found_at + len(value))
                    if found_at >= 0
                    else (body_start, section.end)
                )
                candidates.append(Field(value, 0.92, "mục “Chủ đề/Khẩu hiệu” của kế hoạch", exact))
    for m in regex.finditer(
        r"(?m)^\s*(?:\d{1,2}\.\s*)?(?:khau hieu|chu de)(?:\s+thi dua)?\s*:?\s*$", r.folded
    ):
        nxt = r.text[m.end() :].lstrip("\n ")
        line = nxt.split("\n")[0]
        value = line.strip(" \"'.;")
        if value:
            s = r.text.find(value, m.end())
            candidates.append(
                Field(value, 0.9, "dòng sau tiêu đề “Khẩu hiệu/Chủ đề”", (s, s + len(value)))
            )
    for q in _QUOTE_RE.finditer(r.text):
        before = r.folded[max(0, q.start() - 60) : q.start()]
        value = q.group("q").strip(" .;,")
        if _NEGATIVE_RE.search(before):
            continue
        if _SLOGAN_CUE_RE.search(before):
            label = "tinh thần" if "tinh than" in before else "khẩu hiệu/chủ đề"
            candidates.append(Field(value, 0.85, f"câu trích dẫn sau “{label}”", q.span("q")))
        elif _PEAK_RE.search(before):
            candidates.append(Field(value, 0.75, "tên đợt thi đua cao điểm/nước rút", q.span("q")))
    if not candidates:
        return Field(
            None, 0.75, "không thấy chủ đề, khẩu hiệu hay tinh thần thi đua được trích dẫn"
        )
    return max(candidates, key=lambda c: (c.confidence, -(c.span or (0, 0))[0]))


# ---- award forms -----------------------------------------------------------------------------

FORM_HEADS = [
    "Cờ thi đua",
    "Bằng khen",
    "Giấy khen",
    "Chiến sĩ thi đua",
    "Lao động tiên tiến",
    "Chiến sĩ tiên tiến",
    "Tập thể lao động xuất sắc",
    "Tập thể lao động tiên tiến",
    "Huân chương",
    "Huy chương",
    "Kỷ niệm chương",
    "Giấy chứng nhận",
    "Thư khen",
]
_FOLDED_HEADS = {fold(h): h for h in FORM_HEADS}
_FORM_MENTION_RE = regex.compile(
    r"\b(?:"
    + "|".join(sorted((regex.escape(k) for k in _FOLDED_HEADS), key=len, reverse=True))
    + r")\b"
)
_OFFER_RE = regex.compile(r"\b(?:tang|xet tang|de nghi|khen thuong|trao|danh hieu|hinh thuc)\b")
_LAW_LIST_RE = regex.compile(
    r"\b(?:theo quy dinh (?:cua|tai) luat|luat thi dua|cac hinh thuc khen thuong (?:gom|bao gom))\b"
)


def form_head(text: str) -> str | None:
    """The lexicon head of a form's name (``Giấy khen của Chủ tịch …`` → ``Giấy khen``)."""
    f = fold(text)
    m = _FORM_MENTION_RE.search(f)
    if m:
        return _FOLDED_HEADS[m.group(0)]
    best = process.extractOne(f[:30], list(_FOLDED_HEADS), scorer=fuzz.partial_ratio)
    return _FOLDED_HEADS[best[0]] if best and best[1] >= 90 else None


def award_forms(r: Reading) -> list[dict]:
    """Forms offered: every sentence in award sections or with ``tặng/xét tặng/đề nghị``,
    inline ``;`` lists and parentheses included; the law's list of award types is not an offer."""
    found: dict[str, dict] = {}
    for m in _FORM_MENTION_RE.finditer(r.folded):
        s, e = r.sentence(m.start())
        sentence = r.folded[s:e]
        roles = tree.roles_at(r.sections, m.start())
        in_awards = bool(roles) and roles[0] in ("awards", "quotas")
        if _LAW_LIST_RE.search(sentence) and len(_FORM_MENTION_RE.findall(sentence)) >= 3:
            continue
        if not (in_awards or _OFFER_RE.search(sentence)):
            continue
        if regex.search(
            r"\bdat(?:\s+danh hieu)?\s*\"?\s*$", r.folded[max(0, m.start() - 30) : m.start()]
        ):
            continue  # "đạt danh hiệu “Chiến sĩ thi đua cơ sở”": a condition, not an offer
        head = _FOLDED_HEADS[m.group(0)]
        end = regex.search(r"[;:,.()]|\s+(?:cho|tang|doi voi|xet tang|va)\s", r.folded[m.end() : e])
        name_end = m.end() + (end.start() if end else e - m.end())
        name = regex.sub(r"\s+", " ", r.text[m.start() : name_end]).strip(" ,.;")
        entry = found.setdefault(head, {"head": head, "names": [], "span": (s, e)})
        if name not in entry["names"]:
            entry["names"].append(name)
    return list(found.values())


def pooled_forms(r: Reading, code_of) -> list[list[str]]:
    """``Trên cơ sở đề nghị của các đơn vị, <issuer> xem xét, lựa chọn … để đề nghị tặng <A> và
    <B>``: the units' proposals are one pool for several forms (no count of its own)."""
    pools: list[list[str]] = []
    for m in regex.finditer(r"\bde nghi tang\b", r.folded):
        s, e = r.sentence(m.start())
        sentence = r.folded[s:e]
        if not regex.search(r"\b(?:xem xet|lua chon)\b", sentence) or _COUNT_RE.search(sentence):
            continue
        codes = []
        for form in _FORM_MENTION_RE.finditer(r.folded, m.end(), e):
            stop = regex.search(r"\s+va\s+|[,.;]", r.folded[form.start() : e])
            name_end = form.start() + (stop.start() if stop else e - form.start())
            code = code_of(r.text[form.start() : name_end])
            if code and code not in codes:
                codes.append(code)
        if len(codes) >= 2 and codes not in pools:
            pools.append(codes)
    return pools


# ---- quotas ----------------------------------------------------------------------------------

_COLLECTIVE = (
    r"tap the|don vi|co quan|to chuyen mon|to|phong|khoa|chi bo|chi doan|co so doan|"
    r"cong doan co so|xa|phuong|thi tran|huyen|thon|to dan pho|truong|lop|doanh nghiep|"
    r"hop tac xa|hoi co so|dia phuong|mo hinh"
)
_INDIVIDUAL = (
    r"ca nhan|nguoi|giao vien|hoc sinh|sinh vien|can bo|cong chuc|vien chuc|dang vien|"
    r"doan vien|hoi vien|chien si|cong nhan|nong dan|nguoi lao dong|nha giao|thanh nien"
)
_SHARED = r"truong hop|suat|tap the hoac ca nhan|tap the,\s*ca nhan|tap the va ca nhan"
_CAP_CUE_RE = regex.compile(
    r"\b(?:khong qua|khong vuot qua|toi da|chon|lua chon|de nghi|tang|xet tang|so luong|ty le|"
    r"moi\b[^;.]{0,60})"
)
_MIN_RE = regex.compile(
    r"\b(?:toi thieu|it nhat|tu\s*\d+\s*tro len|(?:phan dau){e<=1}|dat\s*$|dang ky|chi tieu)\b"
)
_COUNT_RE = regex.compile(
    r"(?<![\d/.,])(?P<n>\d{1,3})(?P<pct>\s*%)?\s+(?:(?:tong\s+)?so\s+)?(?P<noun>(?:"
    + _SHARED
    + "|"
    + _INDIVIDUAL
    + "|"
    + _COLLECTIVE
    + r"))\b(?P<tail>\s*(?:\((?:tap the hoac ca nhan|tap the, ca nhan)\))?)"
)
_OR_PAIR_RE = regex.compile(r"^\s*hoac\s+\d{1,3}\s+ca nhan")


def _kind_of(noun: str, tail: str) -> str:
    if regex.fullmatch(_SHARED, noun) or "hoac" in tail:
        return "shared"
    if regex.fullmatch(_INDIVIDUAL, noun):
        return "individual"
    return "collective"


def quotas(r: Reading) -> list[dict]:
    """Caps at clause level: ``không quá | tối đa | chọn | mỗi … đề nghị`` N noun; collectives
    and individuals apart, ``tập thể hoặc cá nhân`` one shared cap, percentages as percentage
    caps; ``tối thiểu`` counts are not caps."""
    out: list[dict] = []
    skip_until = -1
    for m in _COUNT_RE.finditer(r.folded):
        if m.start() < skip_until:
            continue
        clause_start = max(
            r.folded.rfind(";", 0, m.start()),
            r.folded.rfind("\n", 0, m.start()),
            r.folded.rfind(". ", 0, m.start()),
        )
        clause = r.folded[clause_start + 1 : m.start()]
        local = clause[-70:]
        if _MIN_RE.search(local):
            continue
        if regex.search(
            r"(?:nam|ngay|thang|so|quy|giai doan|dot|lan|khoa|dieu|khoan)\s*$", clause[-12:]
        ):
            continue
        form_for = _FORM_MENTION_RE.search(clause) and regex.search(r"\bcho\s*$", local)
        if not (_CAP_CUE_RE.search(clause) or form_for or regex.search(r"(?:,|va)\s*$", local)):
            continue
        noun, tail = m.group("noun"), m.group("tail") or ""
        kind = _kind_of(noun, tail)
        pair = _OR_PAIR_RE.match(r.folded[m.end() :])
        if noun == "tap the" and pair:
            kind = "shared"
            skip_until = m.end() + pair.end()
        unit = "percent" if m.group("pct") else "count"
        n = int(m.group("n"))
        if n == 0 or (unit == "percent" and n >= 100):
            continue
        s, e = r.sentence(m.start())
        out.append(
            {
                "who": kind,
                "max": n,
                "unit": unit,
                "noun": r.text[m.start("noun") : m.end("noun")],
                "text": regex.sub(r"\s+", " ", r.text[s:e]).strip(" -+•"),
                "span": (s, e),
                "pos": m.start(),
            }
        )
    return out


# ---- dossier ---------------------------------------------------------------------------------

_DOC_NOUNS = (
    "to trinh",
    "bien ban",
    "bao cao",
    "danh sach",
    "ban sao",
    "ban tom tat",
    "tom tat",
    "trich ngang",
    "quyet dinh",
    "giay chung nhan",
    "giay xac nhan",
    "van ban",
    "phieu",
    "don",
    "xac nhan",
    "ban nhan xet",
    "hinh anh",
    "tai lieu",
)
_DOC_START_RE = regex.compile(r"^(?:cac\s+)?(?:" + "|".join(_DOC_NOUNS) + r")\b")
_ITEM_MARK_RE = regex.compile(r"^\s*(?:[-+•▪●◦]\s*|\(?\d{1,2}[.)]\s*|[a-zđ]\)\s*)")


def _comma_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``tờ trình, danh sách, báo cáo thành tích của tập thể, cá nhân``: a comma starts a new
    item only when a document noun follows it."""
    parts = [[start, end]]
    for m in regex.finditer(r",\s*", text[start:end]):
        after = fold(text[start + m.end() : end]).lstrip()
        if _DOC_START_RE.match(after):
            parts[-1][1] = start + m.start()
            parts.append([start + m.end(), end])
    return [(a, b) for a, b in parts]


def _split_items(text: str) -> list[tuple[int, int]]:
    """Offsets of list items in ``text``: lines, or ``;``/``,``/``a)`` parts of an inline list."""
    parts = []
    for m in regex.finditer(r"[^\n;]+", text):
        piece = m.group(0)
        inner = list(regex.finditer(r"(?:^|\s)(?:[a-zđ]\)|\d{1,2}\))\s*", piece))
        if len(inner) >= 2:
            for i, x in enumerate(inner):
                end = inner[i + 1].start() if i + 1 < len(inner) else len(piece)
                parts.append((m.start() + x.end(), m.start() + end))
        else:
            parts.extend(_comma_items(text, m.start(), m.end()))
    return parts


def dossier(r: Reading) -> Field:
    """Documents listed under a dossier section or after ``Hồ sơ … gồm:``."""
    regions: list[tuple[int, int, float, str]] = []
    for section in r.sections:
        if section.role == "dossier" and len(section.heading) < 80:
            regions.append((section.head_end, section.end, 0.9, "mục “Hồ sơ” của kế hoạch"))
            colon = r.folded.find(":", section.start, section.head_end)
            if colon > 0:
                regions.append((colon + 1, section.end, 0.85, "danh sách sau “Hồ sơ …:”"))
    listing = r"\bho so\b[^\n:]{0,80}?(?:\bgom|bao gom)\s*:?|\bthanh phan ho so[^\n:]{0,60}:"
    for m in regex.finditer(listing, r.folded):
        regions.append(
            (m.end(), min(len(r.text), m.end() + 1200), 0.85, "danh sách sau “Hồ sơ … gồm”")
        )
    for m in regex.finditer(
        r"(?m)^\s*(?:[ivxl]+\.|\d{1,2}(?:\.\d{1,2})*\.?)?\s*(?:ho so|thanh phan ho so)[^\n]{0,60}$",
        r.folded,
    ):
        regions.append((m.end(), min(len(r.text), m.end() + 1200), 0.8, "dòng tiêu đề “Hồ sơ”"))
    best: Field | None = None
    for start, end, score, reason in regions:
        items = []
        for s, e in _split_items(r.text[start:end]):
            raw = r.text[start + s : start + e]
            mark = _ITEM_MARK_RE.match(raw)
            body_off = mark.end() if mark else len(raw) - len(raw.lstrip())
            body = raw[body_off:].strip()
            if not body:
                continue
            if not _DOC_START_RE.match(fold(body)):
                if items:
                    break
                if len(items) == 0 and fold(body).startswith(("ho so", "thanh phan")):
                    continue
                break
            items.append(body.rstrip(" .;,"))
        if len(items) >= 2 and (best is None or score > best.confidence):
            best = Field(items, score, reason, (start, end))
    if best is None:
        return Field([], 0.6, "không thấy danh sách thành phần hồ sơ")
    return best
