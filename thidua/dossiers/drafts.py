"""Drafts of the dossier's documents in the state format (NĐ 30/2020), from its data:
Tờ trình (Mẫu 01), Biên bản họp xét, Báo cáo thành tích (Mẫu 08 — numbering unconfirmed),
Danh sách trích ngang (landscape)."""

from __future__ import annotations

from django.utils import timezone

from thidua.core.documents import Signature, StateDocument, number_line, vn_date_line
from thidua.legal import read as legal

from . import checks
from .enums import DocumentType
from .models import Dossier

MAU_08_NOTE = (
    "(*) Mẫu số 08 (báo cáo thành tích thi đua theo chuyên đề) theo phụ lục Nghị định "
    "152/2025/NĐ-CP; số thứ tự mẫu chưa được đối chiếu với văn bản gốc."
)


def _day(dossier: Dossier):
    """The date the dossier's documents belong to: its meeting, else the campaign's end,
    else today (issue #14 item 4: never today's year for an old dossier)."""
    return dossier.meeting_date or checks.form_date(dossier.campaign, timezone.localdate())


def _form_name(dossier: Dossier) -> str:
    on = _day(dossier)
    try:
        return legal.award_form(dossier.form_code, on).name
    except legal.AwardFormMissing:
        return dossier.form_code


def _place(unit) -> str:
    node = unit
    while node is not None:
        if node.place_name:
            return node.place_name
        node = node.parent
    return unit.name


def _is_committee(unit) -> bool:
    return unit.kind in {"province", "city", "commune", "ward"}


def _issuer(unit) -> tuple[str, str]:
    """(parent body, issuing body) in the header."""
    if _is_committee(unit):
        parent = unit.parent.name if unit.parent_id else ""
        return (f"ỦY BAN NHÂN DÂN {parent}" if parent else ""), f"ỦY BAN NHÂN DÂN {unit.name}"
    return (f"ỦY BAN NHÂN DÂN {unit.parent.name}" if unit.parent_id else ""), unit.name


def _document(
    dossier: Dossier,
    type_name: str,
    symbol: str,
    summary: str,
    *,
    landscape=False,
    addressee: str = "",
    recipients=None,
    signature=None,
) -> StateDocument:
    parent, issuer = _issuer(dossier.proposer)
    return StateDocument(
        parent_body=parent,
        issuer=issuer,
        number=number_line(None, symbol),
        place_date=vn_date_line(_place(dossier.proposer), None).replace(
            f"năm {timezone.localdate().year}", f"năm {_day(dossier).year}"
        ),
        type_name=type_name,
        summary=summary,
        addressee=addressee,
        recipients=recipients or [],
        signature=signature
        or Signature(
            authority="TM. ỦY BAN NHÂN DÂN" if _is_committee(dossier.proposer) else "",
            title="CHỦ TỊCH" if _is_committee(dossier.proposer) else "THỦ TRƯỞNG ĐƠN VỊ",
        ),
        landscape=landscape,
    )


def _abbr(unit) -> str:
    return unit.doc_abbreviation or "UBND"


def proposal(dossier: Dossier) -> bytes:
    """Tờ trình (Mẫu số 01)."""
    form = _form_name(dossier)
    nominees = list(dossier.nominees.all())
    d = _document(
        dossier,
        "TỜ TRÌNH",
        f"TTr-{_abbr(dossier.proposer)}",
        f"Về việc đề nghị tặng {form}",
        addressee=f"Chủ tịch Ủy ban nhân dân {dossier.authority.name}",
        recipients=["Như trên", f"Lưu: VT, {_abbr(dossier.proposer)}"],
    )
    grounds = ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"]
    if dossier.campaign:
        c = dossier.campaign
        grounds.append(
            f"Căn cứ {c.get_doc_type_display() if hasattr(c, 'get_doc_type_display') else 'Kế hoạch'} "
            f"số {c.number or '…'} về {c.title}"
        )
    if dossier.meeting_date:
        grounds.append(
            f"Căn cứ Biên bản họp xét thi đua, khen thưởng ngày {dossier.meeting_date:%d/%m/%Y}"
        )
    d.grounds(grounds)
    n_ind = sum(1 for n in nominees if n.subject_kind == "individual")
    d.paragraph(
        f"{dossier.proposer.name} kính trình Chủ tịch Ủy ban nhân dân {dossier.authority.name} xem xét, "
        f"tặng {form} cho {len(nominees) - n_ind:02d} tập thể và {n_ind:02d} cá nhân đã có thành tích "
        f"xuất sắc{' trong ' + dossier.campaign.title if dossier.campaign else ''} (có danh sách kèm theo)."
    )
    d.table(
        ["TT", "Tên tập thể, cá nhân", "Thành tích"],
        [[i, n.name, n.achievements[:300]] for i, n in enumerate(nominees, start=1)],
        widths_cm=[1.2, 6, 9.3],
    )
    d.paragraph(
        f"Kính trình Chủ tịch Ủy ban nhân dân {dossier.authority.name} xem xét, quyết định./."
    )
    d.close()
    return d.to_bytes()


def minutes(dossier: Dossier) -> bytes:
    """Biên bản họp xét, with attendance and the vote count of every nominee."""
    nominees = list(dossier.nominees.all())
    d = _document(
        dossier,
        "BIÊN BẢN",
        f"BB-{_abbr(dossier.proposer)}",
        f"Họp xét đề nghị khen thưởng{' — ' + dossier.campaign.title if dossier.campaign else ''}",
        signature=Signature(title="CHỦ TRÌ CUỘC HỌP"),
    )
    when = f"{dossier.meeting_date:%d/%m/%Y}" if dossier.meeting_date else "…/…/……"
    d.paragraph(f"Thời gian: ngày {when}. Địa điểm: trụ sở {dossier.proposer.name}.")
    total, present = dossier.meeting_total, dossier.meeting_attendees
    d.paragraph(
        f"Thành phần: Hội đồng (tổ) xét thi đua, khen thưởng của đơn vị; có mặt "
        f"{present if present is not None else '…'}/{total if total is not None else '…'} thành viên."
    )
    d.paragraph(
        "Sau khi nghe báo cáo thành tích, các thành viên thảo luận và bỏ phiếu kín. Kết quả:"
    )
    rows = []
    for i, n in enumerate(nominees, start=1):
        votes = n.votes_for
        share = (
            f"{votes * 100 / total:.1f}%".replace(".", ",") if votes is not None and total else ""
        )
        rows.append([i, n.name, votes if votes is not None else "", share])
    d.table(
        ["TT", "Tên tập thể, cá nhân", "Số phiếu đồng ý", "Tỷ lệ trên tổng số thành viên"],
        rows,
        widths_cm=[1.2, 8, 3, 4.3],
    )
    d.paragraph(meeting_conclusion(dossier, nominees))
    d.paragraph("Biên bản được thông qua tại cuộc họp./.")
    d.close()
    return d.to_bytes()


def meeting_conclusion(dossier: Dossier, nominees) -> str:
    """What the meeting agreed, by the vote threshold of the form (issue #14 item 1): only
    the lines that reached it are proposed; the others are named as not passed."""
    from .meeting import line_votes

    votes = line_votes(dossier, nominees)
    form = _form_name(dossier)
    if not votes:
        return f"Cuộc họp thống nhất đề nghị tặng {form} cho các tập thể, cá nhân trên."
    passed = [v.nominee.name for v in votes if v.passed]
    failed = [v for v in votes if not v.passed]
    rule = votes[0].rule
    text = f"Căn cứ tỷ lệ phiếu đồng ý {rule.label} ({votes[0].required}/{votes[0].total}), "
    if passed:
        text += f"cuộc họp thống nhất đề nghị tặng {form} cho: {', '.join(passed)}."
    else:
        text += f"không có tập thể, cá nhân nào đủ tỷ lệ để đề nghị tặng {form}."
    if failed:
        text += " Không đề nghị (chưa đủ tỷ lệ): " + "; ".join(
            f"{v.nominee.name} ({v.votes}/{v.total} phiếu, {v.percent})" for v in failed
        )
        text += "."
    return text


def achievement_report(dossier: Dossier) -> bytes:
    """Báo cáo thành tích (Mẫu số 08 (*)), one section per nominee."""
    nominees = list(dossier.nominees.select_related("person", "unit", "person__unit"))
    d = _document(
        dossier,
        "BÁO CÁO THÀNH TÍCH",
        "BC",
        f"Đề nghị tặng {_form_name(dossier)} (Mẫu số 08 (*))",
        signature=Signature(title="THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN"),
    )
    for i, n in enumerate(nominees, start=1):
        d.heading(f"{i}. {n.name}")
        if n.person_id:
            p = n.person
            d.bullet(
                f"Họ và tên: {p.full_name}; giới tính: {p.get_gender_display()}; "
                f"năm sinh: {p.birth_date.year if p.birth_date else '…'}; dân tộc: {p.ethnicity}"
            )
            d.bullet(f"Chức vụ, đơn vị công tác: {p.position or '…'}, {p.unit.name}")
        elif n.unit_id:
            d.bullet(f"Tập thể: {n.unit.name}")
        d.heading("Thành tích đạt được")
        d.paragraph(n.achievements or "…")
    d.paragraph(MAU_08_NOTE, italic=True)
    d.close()
    return d.to_bytes()


def summary_list(dossier: Dossier) -> bytes:
    """Danh sách trích ngang (landscape)."""
    nominees = list(dossier.nominees.select_related("person", "unit", "household", "person__unit"))
    d = _document(
        dossier,
        "DANH SÁCH TRÍCH NGANG",
        f"DS-{_abbr(dossier.proposer)}",
        f"Tập thể, cá nhân đề nghị tặng {_form_name(dossier)}",
        landscape=True,
    )
    rows = []
    for i, n in enumerate(nominees, start=1):
        p = n.person
        rows.append(
            [
                i,
                n.name,
                p.birth_date.year if p and p.birth_date else "",
                p.get_gender_display() if p else "",
                p.ethnicity if p else (n.household.ethnicity if n.household_id else ""),
                p.position if p else "",
                p.unit.name
                if p
                else (
                    n.unit.parent.name if n.unit_id and n.unit.parent_id else dossier.proposer.name
                ),
                n.achievements[:250],
            ]
        )
    d.table(
        [
            "TT",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Dân tộc",
            "Chức vụ",
            "Đơn vị",
            "Thành tích tóm tắt",
        ],
        rows,
        widths_cm=[1, 4.5, 1.8, 1.8, 1.8, 3, 4, 7.3],
        size=11,
    )
    d.close()
    return d.to_bytes()


BUILDERS = {
    DocumentType.PROPOSAL: (proposal, "to_trinh.docx"),
    DocumentType.MINUTES: (minutes, "bien_ban_hop_xet.docx"),
    DocumentType.ACHIEVEMENT_REPORT: (achievement_report, "bao_cao_thanh_tich.docx"),
    DocumentType.SUMMARY_LIST: (summary_list, "danh_sach_trich_ngang.docx"),
}


def generate(dossier: Dossier, actor, doc_type: str):
    from .files import save_generated
    from .services import DossierError

    if doc_type not in BUILDERS:
        raise DossierError("Loại tài liệu này không soạn tự động được.")
    build, filename = BUILDERS[doc_type]
    return save_generated(dossier, actor, doc_type, build(dossier), filename)
