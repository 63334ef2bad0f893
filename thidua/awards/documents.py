"""The award decision (quyết định khen thưởng) as a .docx in the state format, and its PDF."""

from __future__ import annotations

from collections import OrderedDict

from django.core.files.base import ContentFile

from thidua.core.documents import Signature, StateDocument, docx_to_pdf, number_line, vn_date_line
from thidua.core.templatetags.thidua import vnd

from .models import Decision, DecisionKind, DecisionStatus
from .services import campaign_phrase, committee, totals

SUBJECT_WORDS = {
    "collective": "tập thể",
    "locality": "tập thể",
    "individual": "cá nhân",
    "household": "hộ gia đình",
}


def _counts_phrase(lines) -> str:
    counts = OrderedDict((w, 0) for w in ("tập thể", "cá nhân", "hộ gia đình"))
    for ln in lines:
        counts[SUBJECT_WORDS.get(ln.subject_kind, "cá nhân")] += 1
    return ", ".join(f"{n:02d} {w}" for w, n in counts.items() if n)


def _signature(decision: Decision) -> Signature:
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


def decision_docx(decision: Decision) -> bytes:
    issuer = decision.issuer
    number = (
        number_line(decision.number, decision.symbol)
        if decision.number
        else f"Số:      /{decision.symbol} (dự thảo)"
    )
    doc = StateDocument(
        parent_body="",
        issuer=committee(issuer),
        number=number,
        place_date=vn_date_line(issuer.place_name or issuer.name, decision.doc_date),
        type_name="QUYẾT ĐỊNH",
        summary=decision.title,
        recipients=["Như Điều 3", "Thường trực Thành ủy, HĐND", "Lưu: VT, NV"],
        signature=_signature(decision),
    )
    doc.heading(f"CHỦ TỊCH {committee(issuer).upper()}", center=True)
    doc.grounds(
        [g for g in decision.legal_grounds.splitlines() if g.strip()] + [decision.proposal_line]
    )
    doc.heading("QUYẾT ĐỊNH:", center=True)
    lines = list(decision.lines.select_related("awardee_unit").order_by("order", "pk"))
    if decision.kind == DecisionKind.REVOKE:
        original = decision.revokes
        doc.paragraph(f"Điều 1. Thu hồi {_reference(original)}.")
        doc.paragraph(f"Lý do: {decision.reason}")
        doc.paragraph(
            "Điều 2. Các tập thể, cá nhân có tên trong quyết định bị thu hồi nộp lại hiện vật khen "
            "thưởng và tiền thưởng đã nhận theo quy định."
        )
    else:
        if decision.kind == DecisionKind.AMEND:
            doc.paragraph(
                f"Điều 1. Sửa đổi {_reference(decision.amends)}: danh sách tập thể, cá nhân được khen "
                f"thưởng được thay thế như sau (lý do: {decision.reason})."
            )
        by_form: OrderedDict[str, list] = OrderedDict()
        for ln in lines:
            by_form.setdefault(ln.form_name, []).append(ln)
        for i, (form_name, group) in enumerate(by_form.items(), start=1):
            prefix = "Điều 1." if decision.kind == DecisionKind.AWARD and i == 1 else f"{i}."
            campaign = f" trong {campaign_phrase(decision.campaign)}" if decision.campaign else ""
            doc.paragraph(
                f"{prefix} Tặng {form_name} cho {_counts_phrase(group)} đã có thành tích xuất sắc{campaign} (có danh sách kèm theo):"
            )
            rows = [
                [
                    j,
                    ln.awardee_name,
                    ln.awardee_unit_name if ln.awardee_unit_name != ln.awardee_name else "",
                    vnd(ln.amount),
                ]
                for j, ln in enumerate(group, start=1)
            ]
            doc.table(
                ["TT", "Tập thể, cá nhân", "Đơn vị", "Tiền thưởng"],
                rows,
                widths_cm=[1.0, 6.5, 5.5, 3.0],
                size=12,
            )
        t = totals(decision)
        base = f"{decision.base_salary:,}".replace(",", ".") if decision.base_salary else "…"
        doc.paragraph(
            f"Điều 2. Tiền thưởng kèm theo tính bằng hệ số nhân với mức lương cơ sở {base} đồng áp dụng "
            f"tại ngày ký quyết định, làm tròn lên hàng chục nghìn đồng; tổng số tiền thưởng: "
            f"{vnd(t['amount'])} (chi từ Quỹ thi đua, khen thưởng của {committee(issuer)})."
        )
    doc.paragraph(
        "Điều 3. Chánh Văn phòng HĐND và UBND, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế "
        "hoạch, thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 "
        "căn cứ Quyết định thi hành./."
    )
    doc.close()
    return doc.to_bytes()


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
