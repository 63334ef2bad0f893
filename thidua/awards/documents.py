"""The award decision (quyết định khen thưởng) as a .docx in the state format, and its PDF.

NĐ 30/2020 Phụ lục I: an UBND has no parent line in its header; the place line names the
administrative unit ("Bắc Kạn, ngày …"); "Điều 1/2/3" in bold; the effect clause; the total
in words; Nơi nhận from the issuer's own structure ending "Lưu: VT, <drafting unit>". The
awardees are listed in Điều 1 (Ông/Bà, position, unit) when few, else in a list attached
after the signature — and only then does Điều 1 say "(có danh sách kèm theo)". No hash line
is printed: verification belongs on the certificate and the registry.
"""

from __future__ import annotations

from collections import OrderedDict

from django.core.files.base import ContentFile
from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua.core.documents import (
    Signature,
    StateDocument,
    admin_place,
    award_display_name,
    body_name,
    docx_to_pdf,
    dong,
    drafting_abbreviation,
    head_title,
    head_word,
    header_bodies,
    is_committee,
    lower_first,
    money_in_words,
    number_line,
    storage_line,
    vn_date_line,
)
from thidua.core.templatetags.thidua import vnd

from .models import Decision, DecisionKind, DecisionStatus
from .services import campaign_phrase, committee, totals

SUBJECT_WORDS = {
    "collective": "tập thể",
    "locality": "tập thể",
    "individual": "cá nhân",
    "household": "hộ gia đình",
}

#: At most this many awardees are named in Điều 1 itself; more go to the attached list.
INLINE_MAX = 5
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _counts_phrase(lines) -> str:
    counts = OrderedDict((w, 0) for w in ("tập thể", "cá nhân", "hộ gia đình"))
    for ln in lines:
        counts[SUBJECT_WORDS.get(ln.subject_kind, "cá nhân")] += 1
    return ", ".join(f"{n:02d} {w}" for w, n in counts.items() if n)


def _signature(decision: Decision) -> Signature:
    committee_issuer = is_committee(decision.issuer)
    if not committee_issuer:
        title = decision.signer_title or head_word(decision.issuer) or ""
        return Signature(authority="", title=title, name=decision.signer_name)
    title = decision.signer_title or "CHỦ TỊCH"
    if decision.sign_mode == "TM.":
        return Signature(authority="TM. ỦY BAN NHÂN DÂN", title=title, name=decision.signer_name)
    if decision.sign_mode == "KT.":
        return Signature(
            authority="KT. CHỦ TỊCH", title=title or "PHÓ CHỦ TỊCH", name=decision.signer_name
        )
    return Signature(authority="", title=title, name=decision.signer_name)


def _reference(d: Decision) -> str:
    return f"Quyết định số {d.number_display} ngày {d.doc_date:%d/%m/%Y} của {committee(d.issuer)}"


def line_form_name(decision: Decision, ln) -> str:
    return award_display_name(ln.form_code, ln.form_name, decision.issuer)


def awardee_text(ln) -> str:
    """'Bà Nguyễn Thị Lan, Chuyên viên Phòng Nội vụ' / 'Trường THCS Đức Xuân, phường …'."""
    name = ln.awardee_name
    if ln.subject_kind == "individual" and not name.startswith(("Ông ", "Bà ")):
        person = getattr(ln, "person", None) if ln.person_id else None
        name = f"{'Bà' if person is not None and person.gender == 'nu' else 'Ông'} {name}"
    unit = ln.awardee_unit_name if ln.awardee_unit_name != ln.awardee_name else ""
    position = (ln.position or "").strip()
    where = ", ".join(p for p in (position, unit) if p)
    if position and unit and unit.lower() in position.lower():
        where = position
    return f"{name}, {where}" if where else name


class _Structure:
    """The offices of the issuer that Điều 3 and Nơi nhận name (its own children)."""

    def __init__(self, issuer):
        children = list(issuer.children.all()) if getattr(issuer, "pk", None) else []
        self.issuer = issuer
        self.office = next((u for u in children if u.name.startswith("Văn phòng")), None)
        self.standing = next((u for u in children if "noi_vu" in (u.tags or [])), None)
        self.finance = next((u for u in children if "Tài chính" in u.name), None)

    def executors(self) -> str:
        parts = []
        if self.office is not None:
            parts.append(f"Chánh {self.office.name}")
        elif is_committee(self.issuer):
            parts.append(f"Chánh Văn phòng HĐND và UBND {lower_first(self.issuer.name)}")
        for unit in (self.standing, self.finance):
            if unit is not None:
                parts.append(head_title(unit) or unit.name)
        parts.append("thủ trưởng các cơ quan, đơn vị có liên quan")
        return ", ".join(parts)

    def recipients(self) -> list[str]:
        out = ["Như Điều 3"]
        parent = getattr(self.issuer, "parent", None)
        if parent is not None and is_committee(parent):
            parent_standing = next(
                (u for u in parent.children.all() if "noi_vu" in (u.tags or [])), None
            )
            out.append(
                f"{parent_standing.name} (b/c)" if parent_standing else f"{body_name(parent)} (b/c)"
            )
        if is_committee(self.issuer):
            out.append(f"Chủ tịch, các Phó Chủ tịch {body_name(self.issuer)}")
        drafting = drafting_abbreviation(self.standing) if self.standing else ""
        out.append(storage_line(drafting))
        return out


def decision_docx(decision: Decision) -> bytes:
    issuer = decision.issuer
    number = (
        number_line(decision.number, decision.symbol)
        if decision.number
        else f"Số:      /{decision.symbol} (dự thảo)"
    )
    parent, body = header_bodies(issuer)
    structure = _Structure(issuer)
    doc = StateDocument(
        parent_body=parent,
        issuer=body,
        number=number,
        place_date=vn_date_line(admin_place(issuer), decision.doc_date),
        type_name="QUYẾT ĐỊNH",
        summary=decision.title,
        recipients=structure.recipients(),
        signature=_signature(decision),
    )
    doc.heading((head_title(issuer) or body_name(issuer)).upper(), center=True)
    doc.grounds(
        [g for g in decision.legal_grounds.splitlines() if g.strip()]
        + ([decision.proposal_line] if decision.proposal_line else [])
    )
    doc.heading("QUYẾT ĐỊNH:", center=True)
    lines = list(decision.lines.select_related("awardee_unit", "person").order_by("order", "pk"))
    attached: list[tuple[str, list]] = []
    if decision.kind == DecisionKind.REVOKE:
        original = decision.revokes
        doc.article(1, f"Thu hồi {_reference(original)}. Lý do: {decision.reason.rstrip(' .')}.")
        doc.article(
            2,
            "Các tập thể, cá nhân có tên trong quyết định bị thu hồi nộp lại hiện vật khen "
            "thưởng và tiền thưởng đã nhận theo quy định.",
        )
    else:
        by_form: OrderedDict[str, list] = OrderedDict()
        for ln in lines:
            by_form.setdefault(line_form_name(decision, ln), []).append(ln)
        many = len(lines) > INLINE_MAX
        campaign = f" trong {campaign_phrase(decision.campaign)}" if decision.campaign else ""
        intro = ""
        if decision.kind == DecisionKind.AMEND:
            intro = (
                f"Sửa đổi {_reference(decision.amends)}: danh sách tập thể, cá nhân được khen "
                f"thưởng được thay thế như sau (lý do: {decision.reason.rstrip(' .')}). "
            )
        for i, (form_name, group) in enumerate(by_form.items(), start=1):
            text = (
                f"Tặng {form_name} cho {_counts_phrase(group)} đã có thành tích xuất sắc{campaign}"
            )
            if many:
                sentence = f"{text} (có danh sách kèm theo)."
            else:
                sentence = f"{text}, gồm:"
            if i == 1:
                doc.article(1, intro + sentence)
            else:
                doc.paragraph(f"{i}. {sentence}")
            if many:
                attached.append((form_name, group))
            else:
                for j, ln in enumerate(group, start=1):
                    end = "." if j == len(group) else ";"
                    doc.bullet(f"{awardee_text(ln)}{end}")
        t = totals(decision)
        base = dong(decision.base_salary) if decision.base_salary else "… đồng"
        doc.article(
            2,
            f"Tiền thưởng kèm theo tính bằng hệ số nhân với mức lương cơ sở {base} áp dụng "
            f"tại ngày ký quyết định, làm tròn lên hàng chục nghìn đồng. Tổng số tiền thưởng: "
            f"{dong(t['amount'])} (Bằng chữ: {money_in_words(t['amount'])}), chi từ Quỹ thi "
            f"đua, khen thưởng của {body_name(issuer)}.",
        )
    doc.article(
        3,
        f"Quyết định có hiệu lực kể từ ngày ký. {structure.executors()[:1].upper()}"
        f"{structure.executors()[1:]} và các tập thể, cá nhân có tên tại Điều 1 chịu trách "
        "nhiệm thi hành Quyết định này./.",
    )
    doc.close()
    if attached:
        _attached_list(doc, decision, attached)
    return doc.to_bytes()


def _attached_list(doc: StateDocument, decision: Decision, groups) -> None:
    """The list 'kèm theo Quyết định' on its own page after the signature."""
    doc.page_break()
    doc.heading("DANH SÁCH", center=True)
    number = decision.number_display if decision.number else "      "
    when = f"{decision.doc_date:%d/%m/%Y}" if decision.doc_date else "   /   /    "
    doc._para(
        doc.doc,
        f"(Kèm theo Quyết định số {number} ngày {when} của {head_title(decision.issuer) or body_name(decision.issuer)})",
        italic=True,
        size=14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=6,
    )
    for i, (form_name, group) in enumerate(groups, start=1):
        doc.heading(f"{ROMAN[i - 1] if i <= len(ROMAN) else i}. {form_name.upper()}")
        rows = []
        for j, ln in enumerate(group, start=1):
            name, _, where = awardee_text(ln).partition(", ")
            rows.append([j, name, where, vnd(ln.amount)])
        doc.table(
            ["TT", "Họ và tên, tập thể", "Chức vụ, đơn vị", "Tiền thưởng"],
            rows,
            widths_cm=[1.1, 5.6, 6.6, 3.2],
            size=13,
        )


def decision_pdf(decision: Decision) -> bytes:
    """The PDF of a signed decision is made once and kept (the decision never changes)."""
    if decision.status != DecisionStatus.DRAFT and decision.pdf:
        with decision.pdf.open("rb") as fh:
            return fh.read()
    data = docx_to_pdf(decision_docx(decision))
    if decision.status != DecisionStatus.DRAFT:
        decision.pdf.save(
            f"qd-{decision.pk}-{decision.content_hash[:12]}.pdf", ContentFile(data), save=False
        )
        type(decision).objects.filter(pk=decision.pk).update(pdf=decision.pdf.name)
    return data
