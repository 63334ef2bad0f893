"""Minutes of the block review meeting (BIÊN BẢN họp bình xét, suy tôn) in the state format."""

from __future__ import annotations

from thidua.core.documents import Signature, StateDocument, vn_date_line
from thidua.formats.vi.numbers import format_percent

from .enums import ReviewMethod


def _pct(value) -> str:
    return format_percent(value)


def review_minutes_docx(review) -> bytes:
    block, campaign = review.block, review.campaign
    head = block.head
    place = (head.place_name if head and head.place_name else block.authority.place_name) or ""
    doc = StateDocument(
        parent_body=block.authority.name.upper(),
        issuer=(head.name if head else block.name).upper(),
        number="Số:      /BB-KTĐ",
        place_date=vn_date_line(place or block.authority.name, review.meeting_date),
        type_name="BIÊN BẢN",
        summary=f"Họp bình xét, suy tôn {block.name} năm {block.year}",
        recipients=[
            "Phòng Nội vụ (Cơ quan thường trực Hội đồng TĐKT)",
            "Các đơn vị trong khối",
            "Lưu: khối thi đua",
        ],
        signature=Signature(title="TRƯỞNG KHỐI", name=review.chair),
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
            row.append(f"{votes}/{review.present_count}" if votes is not None else "")
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
    doc.paragraph("Biên bản được thông qua trước hội nghị và kết thúc cùng ngày.", italic=True)
    doc.close()
    return doc.to_bytes()
