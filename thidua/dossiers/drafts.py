"""Drafts of the dossier's documents in the state format (NĐ 30/2020), from its data:
Tờ trình (Mẫu số 01), Biên bản họp xét, Báo cáo thành tích (one per nominee, Mẫu số 05 for
an individual, the collective form for a collective — numbers as listed in NĐ 152/2025's
annex), Danh sách trích ngang (landscape).

The header, the place line, the signer's title and the award's name come from the shared
builders of `thidua.core.documents`: a ward's UBND has no parent line, "Đức Xuân, ngày …",
"Giấy khen của Chủ tịch UBND thành phố Bắc Kạn"."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua.core.documents import (
    Signature,
    StateDocument,
    admin_place,
    award_display_name,
    body_name,
    drafting_abbreviation,
    head_title,
    head_word,
    header_bodies,
    is_committee,
    number_line,
    storage_line,
    vn_date_line,
)
from thidua.legal import read as legal

from . import checks
from .enums import DocumentType
from .meeting import line_votes
from .models import Dossier

DOTS = "…………………"


def _day(dossier: Dossier):
    """The date the dossier's documents belong to: its meeting, else the campaign's end,
    else today (issue #14 item 4: never today's year for an old dossier)."""
    return dossier.meeting_date or checks.form_date(dossier.campaign, timezone.localdate())


def _form_name(dossier: Dossier) -> str:
    on = _day(dossier)
    try:
        name = legal.award_form(dossier.form_code, on).name
    except legal.AwardFormMissing:
        name = legal.award_form_name(dossier.form_code)
    return award_display_name(dossier.form_code, name, dossier.authority)


def _year(dossier: Dossier) -> int | None:
    """The year of the matter for an undated draft: its meeting's, else its campaign's end."""
    if dossier.meeting_date:
        return dossier.meeting_date.year
    if dossier.campaign_id and dossier.campaign.end_date:
        return dossier.campaign.end_date.year
    return None


def _abbr(unit) -> str:
    return unit.doc_abbreviation or ("UBND" if is_committee(unit) else drafting_abbreviation(unit))


def _signature(unit, title: str = "") -> Signature:
    if is_committee(unit):
        return Signature(authority="TM. ỦY BAN NHÂN DÂN", title=title or "CHỦ TỊCH")
    return Signature(title=title or (head_word(unit) or "Thủ trưởng đơn vị").upper())


def _document(
    dossier: Dossier,
    type_name: str,
    symbol: str,
    summary: str,
    *,
    on: date | None = None,
    landscape=False,
    addressee: str = "",
    recipients=None,
    signature=None,
) -> StateDocument:
    parent, issuer = header_bodies(dossier.proposer)
    return StateDocument(
        parent_body=parent,
        issuer=issuer,
        number=number_line(None, symbol),
        place_date=vn_date_line(admin_place(dossier.proposer), on, year=_year(dossier)),
        type_name=type_name,
        summary=summary,
        addressee=addressee,
        recipients=recipients or [],
        signature=signature or _signature(dossier.proposer),
        landscape=landscape,
    )


def _campaign_ground(dossier: Dossier) -> str:
    c = dossier.campaign
    number = f" số {c.number}" if c.number else ""
    when = f" ngày {c.doc_date:%d/%m/%Y}" if c.doc_date else ""
    kind = c.get_doc_type_display() if hasattr(c, "get_doc_type_display") else "Kế hoạch"
    issuer = body_name(c.issuer)
    title = c.title[:1].lower() + c.title[1:]
    return f"Căn cứ {kind}{number}{when} của {issuer} về {title}"


def _quota_lines(dossier: Dossier) -> list[str]:
    """The campaign's quotas that apply to this form, each once."""
    if not dossier.campaign:
        return []
    out = []
    for rule in dossier.campaign.rules or []:
        if rule.get("kind") != "quota":
            continue
        forms = rule.get("match", {}).get("forms") or []
        if forms and dossier.form_code not in forms:
            continue
        text = (rule.get("source") or rule.get("description") or rule.get("label") or "").strip(
            " .;"
        )
        if text and text not in out:
            out.append(text)
    return out


def _who(n) -> tuple[str, str]:
    """(name with Ông/Bà for a person, 'position, unit')."""
    if n.person_id:
        p = n.person
        name = f"{'Bà' if p.gender == 'nu' else 'Ông'} {p.full_name}"
        where = ", ".join(x for x in (p.position, p.unit.name) if x)
        return name, where
    if n.household_id:
        return n.name, n.household.unit.name
    if n.unit_id and n.unit.parent_id:
        return n.name, n.unit.parent.name
    return n.name, ""


def proposal(dossier: Dossier) -> bytes:
    """Tờ trình (Mẫu số 01): the plan's number and date, the quota, the list with positions
    and units, to the granting authority's head."""
    form = _form_name(dossier)
    nominees = list(
        dossier.nominees.select_related("person__unit", "unit__parent", "household__unit")
    )
    authority = dossier.authority
    to = head_title(authority) or authority.name
    d = _document(
        dossier,
        "TỜ TRÌNH",
        f"TTr-{_abbr(dossier.proposer)}",
        f"Về việc đề nghị tặng {form}",
        addressee=to,
        recipients=[
            "Như trên",
            storage_line(_abbr(dossier.proposer) if not is_committee(dossier.proposer) else ""),
        ],
    )
    grounds = ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"]
    if dossier.campaign:
        grounds.append(_campaign_ground(dossier))
    if dossier.meeting_date:
        grounds.append(
            f"Căn cứ Biên bản họp xét thi đua, khen thưởng ngày {dossier.meeting_date:%d/%m/%Y} "
            f"của {dossier.proposer.name}"
        )
    d.grounds(grounds)
    for quota in _quota_lines(dossier):
        d.paragraph(f"Chỉ tiêu theo Kế hoạch: {quota}.")
    n_ind = sum(1 for n in nominees if n.subject_kind == "individual")
    n_hh = sum(1 for n in nominees if n.subject_kind == "household")
    n_col = len(nominees) - n_ind - n_hh
    counts = ", ".join(
        f"{n:02d} {w}"
        for n, w in ((n_col, "tập thể"), (n_ind, "cá nhân"), (n_hh, "hộ gia đình"))
        if n
    )
    campaign = (
        f" trong {dossier.campaign.title[:1].lower()}{dossier.campaign.title[1:]}"
        if dossier.campaign
        else ""
    )
    d.paragraph(
        f"{dossier.proposer.name} kính trình {to} xem xét, tặng {form} cho {counts} đã có thành "
        f"tích xuất sắc{campaign}, gồm:"
    )
    rows = []
    for i, n in enumerate(nominees, start=1):
        name, where = _who(n)
        rows.append([i, name, where, (n.achievements or "")[:300]])
    d.table(
        ["TT", "Họ và tên, tập thể", "Chức vụ, đơn vị", "Thành tích"],
        rows,
        widths_cm=[1.1, 4.4, 4.6, 6.4],
        size=12,
    )
    d.paragraph(f"Kính trình {to} xem xét, quyết định./.")
    d.close()
    return d.to_bytes()


def minutes(dossier: Dossier) -> bytes:
    """Biên bản họp xét: time, place, attendees, chair and secretary (blanks to fill when
    not recorded), per-line votes and percentages, the result of each line, both signatures."""
    nominees = list(
        dossier.nominees.select_related("person__unit", "unit__parent", "household__unit")
    )
    form = _form_name(dossier)
    d = _document(
        dossier,
        "BIÊN BẢN",
        f"BB-{_abbr(dossier.proposer)}",
        f"Họp xét đề nghị tặng {form}",
        on=dossier.meeting_date,
        signature=Signature(title=""),
    )
    when = f"{dossier.meeting_date:%d/%m/%Y}" if dossier.meeting_date else "…/…/……"
    d.paragraph(
        f"Vào hồi {_clock(dossier.meeting_start)}, ngày {when}, tại trụ sở {dossier.proposer.name}, "
        f"{dossier.proposer.name} tổ chức họp xét đề nghị khen thưởng"
        + (
            f" trong {dossier.campaign.title[:1].lower()}{dossier.campaign.title[1:]}"
            if dossier.campaign
            else ""
        )
        + "."
    )
    d.heading("I. THÀNH PHẦN THAM DỰ")
    total, present = dossier.meeting_total, dossier.meeting_attendees
    d.paragraph(f"Chủ trì: {dossier.meeting_chair or f'{DOTS}, chức vụ: {DOTS}'}.")
    d.paragraph(f"Thư ký: {dossier.meeting_secretary or f'{DOTS}, chức vụ: {DOTS}'}.")
    d.paragraph(
        f"Tổng số thành viên: {total if total is not None else '…'}; có mặt: "
        f"{present if present is not None else '…'}; vắng mặt: "
        f"{total - present if total is not None and present is not None else '…'} "
        "(danh sách thành viên dự họp kèm theo biên bản)."
    )
    d.heading("II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT")
    d.paragraph(
        "Sau khi nghe báo cáo thành tích của các tập thể, cá nhân, các thành viên thảo luận và "
        "biểu quyết bằng phiếu kín. Tỷ lệ tính trên tổng số thành viên. Kết quả:"
    )
    # Each line's share and result as the submission checks them (one rule, one place).
    vote_of = {id(v.nominee): v for v in line_votes(dossier, nominees)}
    rows = []
    for i, n in enumerate(nominees, start=1):
        vote = vote_of.get(id(n))
        share = vote.percent if vote else ""
        result = ("Đạt" if vote.passed else "Không đạt") if vote else ""
        name, where = _who(n)
        rows.append([i, name, where, n.votes_for if n.votes_for is not None else "", share, result])
    d.table(
        ["TT", "Họ và tên, tập thể", "Chức vụ, đơn vị", "Phiếu đồng ý", "Tỷ lệ", "Kết quả"],
        rows,
        widths_cm=[1.0, 4.2, 4.6, 2.2, 2.2, 2.3],
        size=12,
    )
    d.heading("III. KẾT LUẬN")
    d.paragraph(meeting_conclusion(dossier, nominees))
    d.paragraph(
        f"Cuộc họp kết thúc vào hồi {_clock(dossier.meeting_end)} cùng ngày; biên bản đã được "
        "thông qua tại cuộc họp./."
    )
    _two_signatures(
        d,
        ("THƯ KÝ", _name_part(dossier.meeting_secretary)),
        ("CHỦ TRÌ", _name_part(dossier.meeting_chair)),
    )
    return d.to_bytes()


def _clock(moment) -> str:
    """'08 giờ 00 phút' from the recorded time, else blanks to fill by hand."""
    return f"{moment:%H} giờ {moment:%M} phút" if moment else "… giờ … phút"


def _name_part(text: str) -> str:
    """The name in 'Nguyễn Văn A, Chủ tịch UBND phường' (what signs under the title)."""
    return (text or "").split(",")[0].strip()


def _two_signatures(d: StateDocument, left: tuple[str, str], right: tuple[str, str]) -> None:
    from docx.shared import Cm, Pt

    table = d.doc.add_table(rows=1, cols=2)
    for cell, (title, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell.width = Cm(8.2)
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(title)
        r.bold, r.font.size = True, Pt(14)
        q = cell.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = q.add_run("(Ký, ghi rõ họ tên)")
        r.italic, r.font.size = True, Pt(13)
        for _ in range(3):
            cell.add_paragraph()
        if name:
            q = cell.add_paragraph()
            q.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = q.add_run(name)
            r.bold, r.font.size = True, Pt(14)


def _mau(dossier: Dossier, individual: bool) -> str:
    """The form number in NĐ 152/2025's annex: 01 Tờ trình, then the 11 achievement reports
    in the listed order (02 Cờ thi đua CP, 03 CSTĐTQ, 04 công trạng tập thể, 05 công trạng
    cá nhân, …, 08 thi đua theo chuyên đề). 05 is confirmed [S]; the others follow the
    order of the list [U] (legal.md §5)."""
    if dossier.campaign_id:
        return "Mẫu số 08"
    return "Mẫu số 05" if individual else "Mẫu số 04"


def meeting_conclusion(dossier: Dossier, nominees) -> str:
    """What the meeting agreed, by the vote threshold of the form (issue #14 item 1): only
    the lines that reached it are proposed; the others are named as not passed."""
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
    """Báo cáo thành tích: one complete report per nominee, each on its own pages (Mẫu số 05
    for an individual: the person reports and the unit's head confirms; a collective's
    report is issued by the collective's unit). No internal notes are printed."""
    nominees = list(
        dossier.nominees.select_related("person__unit", "unit__parent", "household__unit")
    )
    form = _form_name(dossier)
    d = None
    for n in nominees:
        individual = n.person_id is not None
        parent, issuer = ("", "") if individual else header_bodies(n.unit or dossier.proposer)
        fields = {
            "parent_body": parent,
            "issuer": issuer,
            "number": "",
            "place_date": vn_date_line(admin_place(dossier.proposer), None, year=_year(dossier)),
            "type_name": "BÁO CÁO THÀNH TÍCH",
            "summary": f"Đề nghị tặng {form}",
        }
        if d is None:
            d = StateDocument(**fields, signature=Signature(title=""))
        else:
            d.next_document(**fields)
        d._para(
            d.doc,
            _mau(dossier, individual),
            italic=True,
            size=12,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
        )
        d.heading("I. SƠ LƯỢC LÝ LỊCH" if individual else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
        if individual:
            p = n.person
            d.bullet(f"Họ và tên: {p.full_name}; giới tính: {p.get_gender_display()}")
            d.bullet(
                f"Năm sinh: {p.birth_date.year if p.birth_date else '…'}; dân tộc: {p.ethnicity}"
            )
            d.bullet(
                f"Chức vụ, đơn vị công tác: {', '.join(x for x in (p.position, p.unit.name) if x)}"
            )
        else:
            d.bullet(f"Tên tập thể: {n.name}")
            if n.unit_id and n.unit.address:
                d.bullet(f"Địa chỉ: {n.unit.address}")
        d.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC")
        for para in [x for x in (n.achievements or "…").splitlines() if x.strip()]:
            d.paragraph(para.strip())
        if individual:
            head = head_word(n.person.unit) or "Thủ trưởng đơn vị"
            _two_signatures(
                d,
                (f"XÁC NHẬN CỦA {head.upper()}", ""),
                ("NGƯỜI BÁO CÁO THÀNH TÍCH", n.person.full_name),
            )
        else:
            unit = n.unit or dossier.proposer
            title = (
                "CHỦ TỊCH"
                if is_committee(unit)
                else (head_word(unit) or "Thủ trưởng đơn vị").upper()
            )
            _two_signatures(d, ("XÁC NHẬN CỦA CẤP TRÌNH KHEN", ""), (title, ""))
    if d is None:
        d = _document(dossier, "BÁO CÁO THÀNH TÍCH", "BC", f"Đề nghị tặng {form}")
        d.paragraph("Hồ sơ chưa có tập thể, cá nhân được đề nghị.")
    return d.to_bytes()


def summary_list(dossier: Dossier) -> bytes:
    """Danh sách trích ngang (landscape)."""
    nominees = list(
        dossier.nominees.select_related("person__unit", "unit__parent", "household__unit")
    )
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
        name, where = _who(n)
        rows.append(
            [
                i,
                name,
                p.birth_date.year if p and p.birth_date else "",
                p.get_gender_display() if p else "",
                p.ethnicity if p else (n.household.ethnicity if n.household_id else ""),
                where,
                (n.achievements or "")[:250],
            ]
        )
    d.table(
        [
            "TT",
            "Họ và tên, tập thể",
            "Năm sinh",
            "Giới tính",
            "Dân tộc",
            "Chức vụ, đơn vị",
            "Thành tích tóm tắt",
        ],
        rows,
        widths_cm=[1.1, 4.8, 2.0, 2.0, 2.0, 5.6, 7.5],
        size=12,
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
