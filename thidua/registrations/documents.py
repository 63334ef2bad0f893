"""Minutes of the block review meeting (BIÊN BẢN họp bình xét, suy tôn) in the state format."""

from __future__ import annotations

from thidua.core.documents import (
    Signature,
    StateDocument,
    admin_place,
    body_name,
    header_bodies,
    lower_first,
    vn_date_line,
)
from thidua.formats.vi.numbers import format_percent

from .enums import ReviewMethod


def _pct(value) -> str:
    return format_percent(value)


def review_minutes_docx(review) -> bytes:
    """The block's minutes under the authority's UBND header ('ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC
    KẠN' / 'KHỐI THI ĐUA …'), dated at the head unit's place, votes as 'x/present (share)',
    signed by the secretary and the block head with their names."""
    block, campaign = review.block, review.campaign
    head = block.head
    parent, _ = header_bodies(block.authority)
    doc = StateDocument(
        parent_body=parent or body_name(block.authority).upper(),
        issuer=block.name.upper(),
        number="Số:      /BB-KTĐ",
        place_date=vn_date_line(admin_place(head or block.authority), review.meeting_date),
        type_name="BIÊN BẢN",
        summary=f"Họp bình xét, suy tôn {lower_first(block.name)} năm {block.year}",
        signature=Signature(title=""),
    )
    doc.paragraph(
        f"Hôm nay, ngày {review.meeting_date:%d/%m/%Y}"
        + (f", tại {review.location}" if review.location else "")
        + f", {block.name} tổ chức họp bình xét, suy tôn các đơn vị trong khối thực hiện "
        f"“{campaign.title}”."
    )
    doc.heading("I. THÀNH PHẦN THAM DỰ")
    if review.chair:
        doc.bullet(f"Chủ trì: {review.chair}")
    if review.secretary:
        doc.bullet(f"Thư ký: {review.secretary}")
    for a in review.attendees:
        doc.bullet(a)
    doc.paragraph(f"Số đại biểu có mặt: {review.present_count}.")
    doc.heading("II. NỘI DUNG")
    basis = (
        review.scheme.label if review.scheme else "tỷ lệ hoàn thành các nội dung, chỉ tiêu đăng ký"
    )
    doc.paragraph(
        f"Căn cứ kết quả thực hiện các nội dung, chỉ tiêu đăng ký thi đua tính đến ngày "
        f"{review.as_at:%d/%m/%Y}, xếp hạng theo {basis}, khối thống nhất thứ tự đề xuất như sau:"
    )
    vote = review.method == ReviewMethod.VOTE
    headers = ["TT", "Đơn vị", "Tỷ lệ hoàn thành", "Xếp hạng"] + (["Số phiếu"] if vote else [])
    rows = []
    for item in review.proposed_order:
        row = [item["position"], item["unit"], _pct(item["rate"]), item["rank"]]
        if vote:
            votes = review.votes.get(str(item["unit_id"]))
            present = review.present_count
            if votes is not None and present:
                row.append(f"{votes}/{present} ({_pct(votes / present)})")
            else:
                row.append(f"…/{present or '…'}")
        rows.append(row)
    doc.table(headers, rows, widths_cm=[1.2, 7.5, 3.3, 2.2] + ([2.3] if vote else []))
    doc.paragraph(f"Hình thức: {review.get_method_display()}.")
    doc.heading("III. KẾT LUẬN")
    if review.proposed_order:
        first = review.proposed_order[0]
        doc.paragraph(
            f"Suy tôn {first['unit']} là đơn vị dẫn đầu {block.name} năm {block.year}, đề nghị "
            f"cấp có thẩm quyền xét khen thưởng theo quy định."
        )
    if review.conclusion:
        doc.paragraph(review.conclusion)
    doc.paragraph("Biên bản được thông qua trước hội nghị và kết thúc cùng ngày./.")
    _signatures(doc, ("THƯ KÝ", review.secretary), ("TRƯỞNG KHỐI", review.chair))
    recipients = [
        f"{standing.name} (cơ quan thường trực Hội đồng Thi đua - Khen thưởng)"
        for standing in block.authority.children.all()
        if "noi_vu" in (standing.tags or [])
    ] + ["Các đơn vị trong khối", "Lưu: khối thi đua"]
    doc._para(doc.doc, "Nơi nhận:", bold=True, italic=True, size=12)
    for i, rec in enumerate(recipients):
        doc._para(doc.doc, f"- {rec}{'.' if i == len(recipients) - 1 else ';'}", size=11)
    return doc.to_bytes()


def _signatures(doc: StateDocument, left: tuple[str, str], right: tuple[str, str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.doc.add_table(rows=1, cols=2)
    for cell, (title, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell.width = Cm(8.2)
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(title)
        r.bold, r.font.size = True, Pt(14)
        for _ in range(3):
            cell.add_paragraph()
        q = cell.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = q.add_run(name or "")
        r.bold, r.font.size = True, Pt(14)
