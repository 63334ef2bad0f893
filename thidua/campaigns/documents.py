"""The campaign plan (Kế hoạch phát động) as a state-format .docx (NĐ 30/2020)."""

from __future__ import annotations

from thidua.core.documents import (
    Signature,
    StateDocument,
    admin_place,
    award_display_name,
    body_name,
    clean,
    drafting_abbreviation,
    head_word,
    header_bodies,
    is_committee,
    storage_line,
    vn_date_line,
)
from thidua.legal import read as legal

from . import legal_basis


def _d(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def number_text(campaign) -> str:
    number = (campaign.number or "").strip()
    abbr = campaign.issuer.doc_abbreviation or "UBND"
    if not number:
        return f"Số:      /{campaign.doc_type or 'KH'}-{abbr}"
    if number.startswith("/") or number.startswith("…") or number.startswith("..."):
        return f"Số:      /{number.lstrip('/.… ')}"
    return f"Số: {number}"


def _place_date(campaign) -> str:
    place = admin_place(campaign.issuer)
    if campaign.doc_date:
        return vn_date_line(place, campaign.doc_date)
    # A plan imported without its signing date keeps the year of its own period.
    return vn_date_line(place, None, year=legal_basis.campaign_date(campaign).year)


def issuer_header(issuer) -> str:
    return header_bodies(issuer)[1]


#: Type names of the documents a campaign is launched with (NĐ 30/2020 Phụ lục III); a
#: công văn ("CV", not a type code) has none: "V/v …" under its number instead.
TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "CTr": "CHƯƠNG TRÌNH",
    "HD": "HƯỚNG DẪN",
    "TB": "THÔNG BÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "PA": "PHƯƠNG ÁN",
    "ĐA": "ĐỀ ÁN",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _rules_by_form(campaign, codes: list[str]) -> tuple[dict[str, list[dict]], list[dict]]:
    """Each rule once: under the first of its forms the plan offers, else in the general
    list (rules for every form, or for forms the plan does not offer)."""
    out: dict[str, list[dict]] = {}
    general: list[dict] = []
    seen: set[str] = set()
    for rule in campaign.rules or []:
        text = _rule_text(rule)
        if not text or text in seen:
            continue
        seen.add(text)
        forms = [c for c in rule.get("match", {}).get("forms") or [] if c in codes]
        if forms:
            out.setdefault(forms[0], []).append(rule)
        else:
            general.append(rule)
    return out, general


def _rule_text(rule: dict) -> str:
    text = rule.get("source") or rule.get("description") or rule.get("label") or rule["id"]
    return clean(text.rstrip(" .;"))


def _named(kind_word: str, title: str) -> str:
    """'Kế hoạch tổ chức …' inside a sentence; a title that already begins with the
    document's kind ('Chương trình hành động …') is not prefixed a second time."""
    named = _lower(title)
    if named.lower().startswith(kind_word.lower()):
        return named
    return f"{kind_word} {named}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


class _Outline:
    """Numbered sections that only exist when they have content: I, II, … and 1, 2, …
    inside each, numbered in the order they are printed."""

    def __init__(self, doc):
        self.doc, self.n, self.sub = doc, 0, 0

    def section(self, title: str):
        self.n += 1
        self.sub = 0
        self.doc.heading(f"{ROMAN[self.n - 1]}. {title}")

    def subsection(self, title: str):
        self.sub += 1
        self.doc.paragraph(f"{self.sub}. {title}", bold=True)
        return self.sub


def plan_docx(campaign) -> bytes:
    issuer = campaign.issuer
    parent = issuer.parent
    doc_type = campaign.doc_type or "KH"
    is_cv = doc_type == "CV"
    title = clean(campaign.title) or "Phát động phong trào thi đua"
    abbr = drafting_abbreviation(
        next((u for u in issuer.children.all() if "noi_vu" in (u.tags or [])), issuer)
    )
    parent_header, body = header_bodies(issuer)
    doc = StateDocument(
        parent_body=parent_header,
        issuer=body,
        number=number_text(campaign) + (f"\nV/v {_lower(title)}" if is_cv else ""),
        place_date=_place_date(campaign),
        type_name="" if is_cv else TYPE_NAMES.get(doc_type, "KẾ HOẠCH"),
        summary="" if is_cv else title,
        addressee=f"Các cơ quan, đơn vị, địa phương thuộc {_lower(issuer.name)}" if is_cv else "",
        recipients=[
            *(["Như trên"] if is_cv else []),
            *([f"{body_name(parent)} (b/c)"] if parent else []),
            *([] if is_cv else [f"Các cơ quan, đơn vị, địa phương thuộc {_lower(issuer.name)}"]),
            storage_line(abbr if abbr != drafting_abbreviation(issuer) else ""),
        ],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH")
        if is_committee(issuer)
        else Signature(title=(head_word(issuer) or "Thủ trưởng").upper()),
    )
    grounds = []
    if campaign.parent_id and clean(campaign.parent.title):
        grounds.append(f"Căn cứ kế hoạch “{campaign.parent.title}”")
    if clean(campaign.parent_document):
        grounds.append(f"Căn cứ {campaign.parent_document}")
    # The law and its decrees in force on the plan's own date (NĐ 30/2020: each named
    # with its number, date and issuing body), from the one table of legal grounds.
    on = legal_basis.campaign_date(campaign)
    grounds += [ground.text for ground in legal.plan_grounds(on, issuer.kind)]
    if not is_cv:
        doc.grounds(grounds)
    kind_word = TYPE_NAMES.get(doc_type, "KẾ HOẠCH").capitalize()
    if is_cv:
        doc.paragraph(
            f"{body_name(issuer)} đề nghị các cơ quan, đơn vị, địa phương tổ chức thực hiện "
            f"{_lower(title)}, cụ thể như sau:"
        )
    else:
        doc.paragraph(f"{body_name(issuer)} ban hành {_named(kind_word, title)}, cụ thể như sau:")
    outline = _Outline(doc)

    if not is_cv:
        outline.section("MỤC ĐÍCH, YÊU CẦU")
        purpose = (
            "Động viên, khơi dậy tinh thần thi đua của cán bộ, công chức, viên chức, người lao "
            "động và Nhân dân"
        )
        if clean(campaign.anniversary_name):
            purpose += f", lập thành tích chào mừng kỷ niệm {campaign.anniversary_name}"
            if campaign.anniversary_date:
                purpose += f" ({_d(campaign.anniversary_date)})"
        doc.paragraph(purpose + ".")
        doc.paragraph(
            "Việc tổ chức thi đua phải thiết thực, hiệu quả, tránh hình thức; bình xét, khen "
            "thưởng kịp thời, chính xác, công khai, đúng đối tượng, tiêu chuẩn."
        )

    outline.section("NỘI DUNG")
    slogan = clean(campaign.slogan)
    if slogan:
        outline.subsection("Khẩu hiệu thi đua")
        doc.paragraph(f"“{slogan}”", italic=True)
    outline.subsection("Thời gian thi đua")
    doc.paragraph(f"Từ ngày {_d(campaign.start_date)} đến ngày {_d(campaign.end_date)}.")
    subjects = campaign.subjects or {}
    collective, individual = clean(subjects.get("collective")), clean(subjects.get("individual"))
    if collective or individual:
        outline.subsection("Đối tượng thi đua")
        if collective:
            doc.bullet(f"Tập thể: {collective.rstrip('.')}.")
        if individual:
            doc.bullet(f"Cá nhân: {individual.rstrip('.')}.")
    areas = [a for a in (clean(x) for x in campaign.content_areas or []) if a]
    if areas:
        n = outline.subsection("Nội dung thi đua")
        for i, area in enumerate(areas, 1):
            doc.paragraph(f"{n}.{i}. {area.rstrip('.')}.")

    forms = list(campaign.award_forms.all())
    by_form, general = _rules_by_form(campaign, [f.form_code for f in forms])
    outline.section("HÌNH THỨC, SỐ LƯỢNG KHEN THƯỞNG")
    if not forms:
        doc.paragraph("Khen thưởng theo quy định hiện hành về thi đua, khen thưởng.")
    for form in forms:
        suffix = " (đề nghị cấp trên khen thưởng)" if form.upward else ""
        grantor = issuer.parent.authority() if form.upward and issuer.parent_id else issuer
        name = award_display_name(form.form_code, form.label, grantor)
        outline.subsection(f"{name}{suffix}")
        for line in [c for c in (clean(x) for x in form.criteria.splitlines()) if c]:
            doc.bullet(f"{line.rstrip(' .;')}.")
        for rule in by_form.get(form.form_code, []):
            doc.bullet(f"{_rule_text(rule)}.")
    for rule in general:
        doc.bullet(f"{_rule_text(rule)}.")

    documents = [
        d for d in dict.fromkeys(d for f in forms for d in f.required_documents) if clean(d)
    ]
    deadlines = [d for d in campaign.deadlines.all() if clean(d.label)]
    if documents or deadlines:
        outline.section("HỒ SƠ, THỜI GIAN")
        if documents:
            outline.subsection("Hồ sơ đề nghị khen thưởng")
            for d in documents:
                doc.bullet(f"{d.rstrip(' .;')};")
        if deadlines:
            outline.subsection("Thời gian")
            for d in deadlines:
                doc.bullet(f"Chậm nhất ngày {_d(d.date)}: {d.label.rstrip(' .;')}.")

    duties = [
        (clean(r.who), clean(r.what))
        for r in campaign.responsibilities.all()
        if clean(r.who) and clean(r.what)
    ]
    if duties:
        outline.section("TỔ CHỨC THỰC HIỆN")
        for who, what in duties:
            outline.subsection(who)
            doc.paragraph(f"{what[:1].upper()}{what[1:].rstrip(' .;')}.")
    doc.paragraph(
        f"Trên đây là {_named(kind_word, title)}; đề nghị các cơ quan, đơn vị, địa phương tổ "
        "chức thực hiện./."
        if not is_cv
        else "Đề nghị các cơ quan, đơn vị, địa phương quan tâm, thực hiện./."
    )
    doc.close()
    return doc.to_bytes()
