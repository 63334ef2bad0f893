"""The report's figures as a state-format .docx (BÁO CÁO tổng kết) and as .xlsx tables.
Both read the one structure of `figures.compute`."""

from __future__ import annotations

import io
from datetime import date

from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from thidua.core.documents import (
    Signature,
    StateDocument,
    admin_place,
    body_name,
    drafting_abbreviation,
    head_word,
    header_bodies,
    is_committee,
    storage_line,
    vn_date_line,
)
from thidua.core.excel import safe_row
from thidua.formats.vi.numbers import format_percent

from .figures import FIGURE_LABELS


def _n(v) -> str:
    return f"{int(v):,}".replace(",", ".")


def _pct(x) -> str:
    return format_percent(x)


def _d(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "—"


def tables(data: dict) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) for every table of the report, shared by .docx and .xlsx."""
    dep, reg, dos, aw, w = (
        data["deployment"],
        data["registrations"],
        data["dossiers"],
        data["awards"],
        data["watched"],
    )
    ur, ex = data["unit_reports"], data["exemplary"]
    out = [
        (
            "Bảng 1. Triển khai và đăng ký thi đua",
            ["Nội dung", "Số lượng", "Tỷ lệ"],
            [
                ["Cơ quan, đơn vị, địa phương thuộc phạm vi", _n(dep["target_units"]), ""],
                [
                    "Đơn vị đã triển khai (có đăng ký, hồ sơ hoặc báo cáo)",
                    _n(dep["deployed"]),
                    _pct(dep["share"]),
                ],
                ["Bản đăng ký thi đua", _n(reg["total"]), ""],
                [
                    "Công trình, phần việc đăng ký / đã hoàn thành",
                    f"{_n(reg['work_items'])} / {_n(reg['work_items_done'])}",
                    "",
                ],
                [
                    "Sự kiện đăng ký / đã hoàn thành",
                    f"{_n(reg['events'])} / {_n(reg['events_done'])}",
                    "",
                ],
                [
                    "Tỷ lệ hoàn thành chỉ tiêu đăng ký bình quân",
                    "",
                    _pct(reg["completion_avg"]) if reg["completion_avg"] is not None else "—",
                ],
            ],
        ),
        (
            "Bảng 2. Báo cáo kết quả của các đơn vị",
            ["Nội dung", "Số lượng"],
            [
                ["Đơn vị phải báo cáo", _n(ur["expected"])],
                ["Đã gửi", _n(ur["submitted"])],
                ["Trong đó gửi muộn", _n(ur["late"])],
                ["Chưa gửi", _n(ur["missing"])],
            ]
            + [
                [
                    f"Tổng hợp: {FIGURE_LABELS.get(k, k).lower()}",
                    _n(v) if float(v).is_integer() else str(v),
                ]
                for k, v in ur["figures"].items()
            ],
        ),
        (
            "Bảng 3. Hồ sơ đề nghị khen thưởng",
            ["Nội dung", "Số hồ sơ"],
            [[r["label"], _n(r["count"])] for r in dos["by_status"]]
            + [
                ["Tổng số hồ sơ", _n(dos["total"])],
                ["Số người, tập thể được đề nghị", _n(dos["nominees"])],
                [f"Nộp đúng hạn (hạn {_d(dos['deadline'])})", _n(dos["on_time"])],
                ["Nộp muộn", _n(dos["late"])],
                ["Chưa nộp", _n(dos["not_submitted"])],
            ],
        ),
        (
            "Bảng 4. Kết quả khen thưởng theo hình thức",
            ["Hình thức khen thưởng", "Số lượng", "Tiền thưởng (đồng)"],
            [[r["name"], _n(r["count"]), _n(r["amount"])] for r in aw["by_form"]]
            + [["Tổng cộng", _n(aw["total"]), _n(aw["amount"])]],
        ),
        (
            "Bảng 5. Khen thưởng theo đối tượng và loại đơn vị",
            ["Phân loại", "Số lượng"],
            [[f"Đối tượng: {r['label']}", _n(r["count"])] for r in aw["by_subject"]]
            + [[f"Đơn vị: {r['label'] or 'Khác'}", _n(r["count"])] for r in aw["by_unit_kind"]],
        ),
        (
            "Bảng 6. Tỷ lệ khen thưởng cần quan tâm",
            ["Nội dung", "Số lượng", "Tỷ lệ"],
            [
                [
                    "Tập thể nhỏ (tổ, đội, thôn, tổ dân phố) / tổng số tập thể",
                    f"{_n(w['small_collectives'])} / {_n(w['collectives'])}",
                    _pct(w["small_collectives_share"]),
                ],
                [
                    "Người lao động trực tiếp / tổng số cá nhân",
                    f"{_n(w['direct_workers'])} / {_n(w['individuals'])}",
                    _pct(w["direct_workers_share"]),
                ],
                [
                    "Nữ / tổng số cá nhân",
                    f"{_n(w['women'])} / {_n(w['individuals'])}",
                    _pct(w["women_share"]),
                ],
                [
                    "Người dân tộc thiểu số / tổng số cá nhân",
                    f"{_n(w['ethnic_minorities'])} / {_n(w['individuals'])}",
                    _pct(w["ethnic_minorities_share"]),
                ],
            ],
        ),
        (
            "Bảng 7. Kinh phí khen thưởng và điển hình tiên tiến",
            ["Nội dung", "Giá trị"],
            [
                ["Tổng tiền thưởng (đồng)", _n(aw["amount"])],
                ["Đã chi trả (đồng)", _n(aw["paid_amount"])],
                ["Điển hình tiên tiến được phát hiện, xây dựng", _n(ex["total"])],
                ["Trong đó đã công bố", _n(ex["published"])],
            ]
            + [[f"Giai đoạn {r['label'].lower()}", _n(r["count"])] for r in ex["by_stage"]],
        ),
    ]
    return out


def _subject(title: str) -> str:
    """'Phát động Đợt thi đua …' → 'Đợt thi đua …' (what was run, not the act of launching)."""
    for prefix in ("Phát động ", "phát động "):
        if title.startswith(prefix):
            title = title[len(prefix) :]
    return title[:1].upper() + title[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def report_title(data: dict) -> str:
    if data["campaign"]:
        return f"Tổng kết {_lower_first(_subject(data['campaign']['title']))}"
    return f"Tổng kết công tác thi đua, khen thưởng năm {data['year']}"


def _issuer_lines(authority) -> dict:
    """Header of the report: a People's Committee reports in its own name (no parent line);
    any other unit under the committee it belongs to."""
    parent, issuer = header_bodies(authority)
    return {"parent_body": parent, "issuer": issuer}


def addressee(authority) -> str:
    """The body the report goes to: the one above the issuer (a city reports to the
    province, a department or a ward to the city)."""
    above = authority.parent.authority() if authority.parent_id else None
    if above is None or above.pk == authority.pk:
        return ""
    return body_name(above)


def _recipients(authority) -> list[str]:
    out = ["Như trên"] if addressee(authority) else []
    above = authority.parent.authority() if authority.parent_id else None
    if above is not None and above.pk != authority.pk:
        standing = next((u for u in above.children.all() if "noi_vu" in (u.tags or [])), None)
        if standing is not None:
            out.append(f"{standing.name} (b/c)")
    own = next((u for u in authority.children.all() if "noi_vu" in (u.tags or [])), None)
    out.append("Các thành viên Hội đồng Thi đua - Khen thưởng" if is_committee(authority) else "")
    out.append(storage_line(drafting_abbreviation(own) if own else ""))
    return [r for r in out if r]


def report_docx(data: dict, authority, *, kind_label: str = "Tổng kết") -> bytes:
    year = data.get("year")
    doc = StateDocument(
        **_issuer_lines(authority),
        number=f"Số:      /BC-{authority.doc_abbreviation or ('UBND' if is_committee(authority) else drafting_abbreviation(authority))}",
        place_date=vn_date_line(admin_place(authority), None, year=year),
        type_name="BÁO CÁO",
        summary=report_title(data).replace("Tổng kết", kind_label, 1),
        addressee=addressee(authority),
        recipients=_recipients(authority),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH")
        if is_committee(authority)
        else Signature(title=(head_word(authority) or "Thủ trưởng đơn vị").upper()),
    )
    camp, dep, aw, w = data["campaign"], data["deployment"], data["awards"], data["watched"]
    doc.heading("I. ĐẶC ĐIỂM TÌNH HÌNH")
    if camp:
        has_number = any(ch.isdigit() for ch in (camp["number"] or ""))
        ref = f"Kế hoạch số {camp['number']}" if has_number else "Kế hoạch"
        doc.paragraph(
            f"Thực hiện {ref} của Ủy ban nhân dân {_lower_first(camp['issuer'])} về {_lower_first(_subject(camp['title']))} "
            f"(từ ngày {_d(camp['start'])} đến ngày {_d(camp['end'])}), {authority.name} báo cáo kết quả như sau:"
        )
    else:
        doc.paragraph(
            f"{authority.name} báo cáo kết quả công tác thi đua, khen thưởng năm {data['year']} như sau:"
        )
    doc.paragraph(
        "[Cán bộ thi đua bổ sung: thuận lợi, khó khăn, đặc điểm của địa phương, đơn vị.]",
        italic=True,
    )
    doc.heading("II. KẾT QUẢ")
    doc.heading("1. Công tác triển khai, tổ chức phong trào")
    doc.paragraph(
        f"Có {_n(dep['deployed'])}/{_n(dep['target_units'])} cơ quan, đơn vị, địa phương ({_pct(dep['share'])}) "
        f"triển khai thực hiện; {_n(data['registrations']['total'])} bản đăng ký thi đua; "
        f"{_n(data['unit_reports']['submitted'])}/{_n(data['unit_reports']['expected'])} đơn vị đã gửi báo cáo "
        f"kết quả ({_n(data['unit_reports']['late'])} đơn vị gửi muộn)."
    )
    if dep["missing"]:
        doc.paragraph("Đơn vị chưa triển khai: " + ", ".join(dep["missing"]) + ".")
    if not dep["deployed"] and aw["total"]:
        doc.paragraph(
            f"Ghi chú: “{_n(dep['deployed'])}/{_n(dep['target_units'])} đơn vị triển khai” tính theo "
            "các đơn vị đã đăng ký thi đua hoặc gửi báo cáo trên hệ thống; "
            f"{_n(aw['total'])} tập thể, cá nhân được khen thưởng là kết quả xét khen thưởng "
            "theo hồ sơ đề nghị, không phụ thuộc vào việc đơn vị đã cập nhật triển khai trên hệ "
            "thống.",
            italic=True,
        )
    doc.heading("2. Kết quả khen thưởng")
    doc.paragraph(
        f"Tổng số {_n(aw['total'])} tập thể, cá nhân, hộ gia đình được khen thưởng với tổng số tiền "
        f"{_n(aw['amount'])} đồng; tập thể nhỏ chiếm {_pct(w['small_collectives_share'])} số tập thể; người lao "
        f"động trực tiếp chiếm {_pct(w['direct_workers_share'])}, nữ chiếm {_pct(w['women_share'])}, người dân tộc "
        f"thiểu số chiếm {_pct(w['ethnic_minorities_share'])} số cá nhân được khen thưởng."
    )
    for title, headers, rows in tables(data):
        doc.paragraph(title, bold=True).paragraph_format.keep_with_next = True
        rows = rows or [["Không có số liệu."] + [""] * (len(headers) - 1)]
        widths = {2: [11.5, 5.0], 3: [9.0, 4.0, 3.5]}.get(len(headers))
        doc.table(headers, rows, widths_cm=widths, size=11)
    doc.heading("III. TỒN TẠI, HẠN CHẾ")
    doc.paragraph("[Cán bộ thi đua bổ sung: tồn tại, hạn chế và nguyên nhân.]", italic=True)
    doc.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    doc.paragraph(
        "[Cán bộ thi đua bổ sung: phương hướng, nhiệm vụ và đề xuất, kiến nghị.]", italic=True
    )
    doc.close()
    _rows_do_not_split(doc.doc)
    return doc.to_bytes()


def _rows_do_not_split(document) -> None:
    """Keep every table row (and the signature block, a one-row table) on one page."""
    from docx.oxml import OxmlElement

    for table in document.tables:
        for row in table.rows:
            tr_pr = row._tr.get_or_add_trPr()
            if tr_pr.find(qn("w:cantSplit")) is None:
                tr_pr.append(OxmlElement("w:cantSplit"))


def report_xlsx(data: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws.append(safe_row([report_title(data)]))
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(
        safe_row(
            [f"Cơ quan báo cáo: {data['authority']['name']} — lập ngày {_d(data['generated_on'])}"]
        )
    )
    for title, headers, rows in tables(data):
        ws.append([])
        ws.append(safe_row([title]))
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        ws.append(safe_row(headers))
        for c in ws[ws.max_row]:
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True)
        for r in rows:
            ws.append(safe_row(r))
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 20
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
