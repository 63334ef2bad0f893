"""The minutes (biên bản) of a council session, in the state format."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from thidua.core.documents import StateDocument, admin_place, lower_first, vn_date_line
from thidua.formats.vi.numbers import format_percent

from .enums import AttendanceStatus, ItemResult, SessionStatus
from .services import attendance_counts


def committee_name(unit) -> str:
    """'ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN' for the People's Committee of an authority."""
    return f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}".upper()


def place_of(unit) -> str:
    return admin_place(unit)


def signature_pair(doc: StateDocument, left: tuple[str, str], right: tuple[str, str]) -> None:
    """Two signatures side by side: (title, name) on each side."""
    table = doc.doc.add_table(rows=1, cols=2)
    for cell, (title, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell.width = Cm(8.2)
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(title.upper())
        r.bold, r.font.size = True, Pt(14)
        for _ in range(4):
            cell.add_paragraph()
        q = cell.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = q.add_run(name)
        r.bold, r.font.size = True, Pt(14)


#: What the minutes say instead of results while ballots are still being cast.
NOT_COUNTED = (
    "Phiên họp chưa kết thúc: kết quả biểu quyết chỉ được ghi vào biên bản sau khi kết thúc "
    "phiên họp và kiểm phiếu."
)


def _counted_results(doc: StateDocument, session, items) -> None:
    """One table per award (its name once, as a heading), columns wide enough that no
    word is broken: name and unit, the three counts, the share of all members, the result."""
    by_form: dict[str, list] = {}
    for item in items:
        by_form.setdefault(item.form_name, []).append(item)
    n = 0
    for form_name, group in by_form.items():
        doc.paragraph(f"Đề nghị tặng {form_name}:", bold=True)
        rows = []
        for item in group:
            n += 1
            share = format_percent(item.total_yes / session.total_members, 1)
            rows.append(
                [
                    n,
                    f"{item.nominee.name} ({item.nominee.dossier.proposer.display_name})",
                    item.total_yes,
                    item.total_no,
                    item.total_abstain,
                    f"{item.total_yes}/{session.total_members} ({share})",
                    f"{item.get_result_display()} (cần {item.threshold_label})",
                ]
            )
        doc.table(
            [
                "TT",
                "Tập thể, cá nhân (đơn vị đề nghị)",
                "Đồng ý",
                "Không đồng ý",
                "Không biểu quyết",
                "Tỷ lệ đồng ý / tổng số thành viên",
                "Kết quả",
            ],
            rows,
            widths_cm=[1.0, 5.3, 1.7, 1.7, 2.0, 2.6, 2.2],
            size=12,
        )


def _agenda_before_count(doc: StateDocument, items) -> None:
    """The agenda without anything derived from the ballots (secret ballot: a copy taken
    after each ballot must not differ, or diffing copies would reveal each member's vote)."""
    table_rows = [
        [
            i,
            item.nominee.name,
            item.nominee.dossier.proposer.display_name,
            item.form_name,
            item.threshold_label,
            len(item.recusals.all()),
        ]
        for i, item in enumerate(items, start=1)
    ]
    doc.table(
        ["TT", "Đối tượng", "Đơn vị đề nghị", "Hình thức", "Tỷ lệ cần đạt", "Không tham gia"],
        table_rows,
        widths_cm=[0.8, 4.2, 3.4, 4.0, 2.8, 1.6],
        size=10,
    )


def minutes_docx(session) -> bytes:
    """The minutes; vote totals, shares and results only once the session is closed."""
    authority = session.authority
    doc = StateDocument(
        parent_body=committee_name(authority),
        issuer="Hội đồng Thi đua - Khen thưởng",
        number="Số:      /BB-HĐTĐKT",
        place_date=vn_date_line(place_of(authority), session.date),
        type_name="BIÊN BẢN",
        summary="Họp Hội đồng Thi đua - Khen thưởng",
    )
    present, written, absent = attendance_counts(session)
    attendance = list(session.attendance.select_related("member"))
    doc.paragraph(
        f"Hồi … giờ … ngày {session.date:%d/%m/%Y}, tại {session.place or '…'}, Hội đồng Thi đua - "
        f"Khen thưởng {lower_first(authority.name)} họp {session.get_kind_display().lower()}: {session.title}."
    )
    chair = session.chair.full_name if session.chair else "…"
    secretary = session.secretary.full_name if session.secretary else "…"
    doc.paragraph(f"Chủ trì: đồng chí {chair}. Thư ký: đồng chí {secretary}.")
    doc.heading("I. THÀNH PHẦN THAM DỰ")
    doc.paragraph(
        f"Tổng số thành viên Hội đồng: {session.total_members}; có mặt: {present}; vắng mặt có phiếu "
        f"bằng văn bản: {written}; vắng mặt không có ý kiến: {absent}."
    )
    rows = [
        [i, a.member.full_name, a.member.title, a.member.get_role_display(), a.get_status_display()]
        for i, a in enumerate(attendance, start=1)
    ]
    doc.table(
        ["TT", "Họ và tên", "Chức vụ", "Vai trò trong Hội đồng", "Tham dự"],
        rows,
        widths_cm=[1.0, 4.2, 5.0, 3.3, 3.0],
        size=11,
    )
    doc.heading("II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT")
    doc.paragraph(
        "Hội đồng xem xét các hồ sơ đề nghị khen thưởng đã được cơ quan thường trực thẩm định và "
        "biểu quyết bằng phiếu kín đối với từng đối tượng; ý kiến của thành viên vắng mặt được gửi "
        "bằng văn bản. Tỷ lệ biểu quyết tính trên tổng số thành viên Hội đồng theo quy định."
    )
    items = list(
        session.items.select_related("nominee__dossier__proposer").prefetch_related(
            "recusals__member"
        )
    )
    counted = session.status == SessionStatus.CLOSED
    if counted:
        _counted_results(doc, session, items)
    else:
        _agenda_before_count(doc, items)
    recusals = [(item, r) for item in items for r in item.recusals.all()]
    if recusals:
        doc.paragraph("Thành viên không tham gia biểu quyết do xung đột lợi ích:")
        for item, r in recusals:
            doc.bullet(f"Đồng chí {r.member.full_name} đối với {item.nominee.name}: {r.reason}.")
    doc.heading("III. KẾT LUẬN")
    if counted:
        approved = sum(1 for i in items if i.result == ItemResult.APPROVED)
        doc.paragraph(
            f"Hội đồng thống nhất đề nghị khen thưởng {approved}/{len(items)} đối tượng đạt tỷ lệ "
            "biểu quyết theo quy định; giao cơ quan thường trực hoàn thiện hồ sơ, công khai và trình "
            "cấp có thẩm quyền quyết định."
        )
    else:
        doc.paragraph(NOT_COUNTED)
    if session.notes:
        doc.paragraph(session.notes)
    written_members = [
        a.member.full_name for a in attendance if a.status == AttendanceStatus.WRITTEN
    ]
    if written_members:
        doc.paragraph(
            "Phiếu biểu quyết bằng văn bản của các đồng chí "
            + ", ".join(written_members)
            + " được lưu kèm biên bản."
        )
    doc.paragraph("Biên bản kết thúc hồi … giờ … cùng ngày, đã thông qua tại phiên họp.")
    signature_pair(doc, ("Thư ký", secretary), ("Chủ trì", chair))
    return doc.to_bytes()
