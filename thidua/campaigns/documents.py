"""The campaign plan (Kế hoạch phát động) as a state-format .docx (NĐ 30/2020)."""

from __future__ import annotations

from thidua.core.documents import Signature, StateDocument, vn_date_line

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
    place = campaign.issuer.place_name or campaign.issuer.name
    if campaign.doc_date:
        return vn_date_line(place, campaign.doc_date)
    # A plan imported without its signing date keeps the year of its own period.
    return f"{place}, ngày      tháng      năm {legal_basis.campaign_date(campaign).year}"


def issuer_header(issuer) -> str:
    return f"ỦY BAN NHÂN DÂN {issuer.name}".upper() if issuer.is_authority else issuer.name.upper()


def _rules_by_form(campaign) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rule in campaign.rules or []:
        for code in rule.get("match", {}).get("forms") or [""]:
            out.setdefault(code, []).append(rule)
    return out


def _rule_text(rule: dict) -> str:
    if rule.get("source"):
        return rule["source"].rstrip(" .;")
    return (rule.get("description") or rule.get("label") or rule["id"]).rstrip(" .;")


def plan_docx(campaign) -> bytes:
    issuer = campaign.issuer
    parent = issuer.parent
    doc = StateDocument(
        parent_body="",
        issuer=issuer_header(issuer),
        number=number_text(campaign),
        place_date=_place_date(campaign),
        type_name="KẾ HOẠCH",
        summary=campaign.title,
        recipients=[
            *([f"UBND {parent.name} (b/c)"] if parent else []),
            f"Các cơ quan, đơn vị, địa phương thuộc {issuer.name}",
            "Lưu: VT, NV",
        ],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH"),
    )
    grounds = []
    if campaign.parent_id:
        grounds.append(f"Căn cứ kế hoạch “{campaign.parent.title}”")
    if campaign.parent_document:
        grounds.append(f"Căn cứ {campaign.parent_document}")
    frame = legal_basis.rules_in_force(campaign)
    grounds += [f"Căn cứ {t['name']}" for t in frame.texts if t["confirmed"]][:2]
    doc.grounds(grounds)
    doc.paragraph(
        f"Ủy ban nhân dân {issuer.name[:1].lower()}{issuer.name[1:]} "
        f"ban hành Kế hoạch {campaign.title[:1].lower()}{campaign.title[1:]}, cụ thể như sau:"
    )

    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    purpose = "Động viên, khơi dậy tinh thần thi đua của cán bộ, công chức, viên chức, người lao động và Nhân dân"
    if campaign.anniversary_name:
        purpose += f", lập thành tích chào mừng kỷ niệm {campaign.anniversary_name}"
        if campaign.anniversary_date:
            purpose += f" ({_d(campaign.anniversary_date)})"
    doc.paragraph(purpose + ".")
    doc.paragraph(
        "Việc tổ chức thi đua phải thiết thực, hiệu quả, tránh hình thức; bình xét, khen thưởng "
        "kịp thời, chính xác, công khai, đúng đối tượng, tiêu chuẩn."
    )

    doc.heading("II. NỘI DUNG")
    if campaign.slogan:
        doc.paragraph("1. Khẩu hiệu thi đua", bold=True)
        doc.paragraph(f"“{campaign.slogan}”", italic=True)
    doc.paragraph("2. Thời gian thi đua", bold=True)
    doc.paragraph(f"Từ ngày {_d(campaign.start_date)} đến ngày {_d(campaign.end_date)}.")
    subjects = campaign.subjects or {}
    if subjects.get("collective") or subjects.get("individual"):
        doc.paragraph("3. Đối tượng thi đua", bold=True)
        if subjects.get("collective"):
            doc.bullet(f"Tập thể: {subjects['collective']}.")
        if subjects.get("individual"):
            doc.bullet(f"Cá nhân: {subjects['individual']}.")
    if campaign.content_areas:
        doc.paragraph("4. Nội dung thi đua", bold=True)
        for i, area in enumerate(campaign.content_areas, 1):
            doc.paragraph(f"4.{i}. {area}.")

    doc.heading("III. HÌNH THỨC, SỐ LƯỢNG KHEN THƯỞNG")
    by_form = _rules_by_form(campaign)
    forms = list(campaign.award_forms.all())
    if not forms:
        doc.paragraph("Khen thưởng theo quy định hiện hành về thi đua, khen thưởng.")
    for i, form in enumerate(forms, 1):
        suffix = " (đề nghị cấp trên khen thưởng)" if form.upward else ""
        doc.paragraph(f"{i}. {form.label}{suffix}", bold=True)
        for line in [c for c in form.criteria.splitlines() if c.strip()]:
            doc.bullet(f"{line.rstrip(' .;')}.")
        for rule in by_form.get(form.form_code, []):
            doc.bullet(f"{_rule_text(rule)}.")
    for rule in by_form.get("", []):
        doc.bullet(f"{_rule_text(rule)}.")

    doc.heading("IV. HỒ SƠ, THỜI GIAN")
    documents = list(dict.fromkeys(d for f in forms for d in f.required_documents))
    if documents:
        doc.paragraph("1. Hồ sơ đề nghị khen thưởng", bold=True)
        for d in documents:
            doc.bullet(f"{d.rstrip(' .;')};")
    deadlines = list(campaign.deadlines.all())
    if deadlines:
        doc.paragraph("2. Thời gian", bold=True)
        for d in deadlines:
            doc.bullet(f"Chậm nhất ngày {_d(d.date)}: {d.label.rstrip(' .;')}.")

    doc.heading("V. TỔ CHỨC THỰC HIỆN")
    for i, r in enumerate(campaign.responsibilities.all(), 1):
        doc.paragraph(f"{i}. {r.who}", bold=True)
        doc.paragraph(f"{r.what[:1].upper()}{r.what[1:].rstrip(' .;')}.")
    doc.paragraph(
        "Trên đây là Kế hoạch phát động phong trào thi đua; đề nghị các cơ quan, đơn vị, địa "
        "phương tổ chức thực hiện."
    )
    doc.close()
    return doc.to_bytes()
