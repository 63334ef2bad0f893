"""Rule-based extraction of a campaign plan; see ``GRAMMAR.md`` for the phrasing it knows."""

from __future__ import annotations

from . import awards, fields, header, plan, sections, timetag
from .normalise import normalise
from .text import Doc

__all__ = ["extract_plan"]


def reading_is_ocr(text: str) -> bool:
    """Vietnamese text whose words lost their diacritics or gained odd ones (OCR)."""
    words = [w for w in text.split() if w.isalpha()]
    plain = sum(1 for w in words if w.isascii())
    return len(words) >= 5 and plain / len(words) > 0.6


def extract_plan(text: str) -> dict:
    """Extract campaign fields, quotas and deadlines from a plan's text (pure function)."""
    doc = Doc(text or "")
    spans: dict[str, dict] = {}

    def note(path: str, span):
        if span:
            spans[path] = doc.span(*span)

    num = header.number_info(doc)
    note("number", (num["start"], num["end"]) if num else None)
    dp = header.date_place(doc, num)
    note("place", (dp["start"], dp["end"]) if dp else None)
    if dp.get("issue_date"):
        note("issue_date", (dp["start"], dp["end"]))
    title, title_kind, title_span = header.title(doc)
    note("title", title_span)
    dtype = header.doc_type(doc, num, title_kind)
    issuer, issuer_span = header.issuer(doc, num, dp)
    note("issuer", issuer_span)
    kind = header.kind(doc, title, dtype)
    note("kind", title_span)
    parent, parent_span = header.parent_plan(doc, title_span[1] if title_span else 0)
    note("parent_plan", parent_span)
    anniversary = header.anniversary(doc, title_span)
    if anniversary:
        note("anniversary", title_span)

    reading = fields.Reading.of(normalise(text or ""))
    confidence: dict[str, dict] = {}

    def rate(path: str, found: fields.Field, value=None) -> None:
        confidence[path] = {
            "confidence": round(found.confidence, 2),
            "reason": found.reason,
            "stated": (found.value if value is None else value) not in (None, [], ""),
        }

    issue = fields.issue_date(reading)
    if issue.value and issue.value != dp.get("issue_date"):
        dp["issue_date"] = issue.value
        note("issue_date", reading.norm.to_original(*issue.span))
    rate("issue_date", issue, dp.get("issue_date"))

    milestones = plan.milestones(doc)
    found_intervals = timetag.intervals(
        reading.text, reading.folded, reading.mentions, dp.get("issue_date")
    )
    timetag.inherit_years(reading.mentions, reading.folded)
    start_field, end_field, found_intervals = fields.period(reading, found_intervals)
    start, end = start_field.value, end_field.value
    period_span = reading.norm.to_original(*start_field.span) if start_field.span else None
    if start is None and end is None and kind == "chuong_trinh":
        # A multi-year programme states its years in its milestones ("Năm 2021: …").
        years = [int(m["when"][:4]) for m in milestones if (m["when"] or "")[:4].isdigit()]
        start, end = sections.year_span(years or sections.programme_years(doc, title))
        if start:
            period_span = milestones[0]["span"] if milestones else title_span
            start_field = fields.Field(start, 0.6, "năm đầu và năm cuối của các mốc chương trình")
            end_field = fields.Field(end, 0.6, "năm đầu và năm cuối của các mốc chương trình")
    if start is None and end is None and title_span and kind == "hang_nam":
        year = fields.title_year(reading, *title_span)
        if year:
            start = end = year
            period_span = title_span
            why = f"tiêu đề nêu kế hoạch năm {year}: chỉ biết năm, không nêu ngày"
            start_field = fields.Field(year, 0.55, why)
            end_field = fields.Field(year, 0.55, why)
    rate("start_date", start_field, start)
    rate("end_date", end_field, end)
    note("start_date", period_span if start else None)
    note("end_date", period_span if end else None)

    slogan_field = fields.slogan(reading)
    slogan, slogan_span = slogan_field.value, None
    if slogan_field.span:
        slogan_span = reading.norm.to_original(*slogan_field.span)
        quoted = reading.original(slogan_field.span)
        if fields.same_words(quoted, slogan):
            slogan = quoted
    old_slogan, old_span = sections.slogan(doc)
    if slogan is None and old_slogan:
        slogan, slogan_span = old_slogan, old_span
        slogan_field = fields.Field(old_slogan, 0.6, "câu “theo chủ đề/khẩu hiệu” (văn bản OCR)")
    rate("slogan", slogan_field, slogan)
    note("slogan", slogan_span)
    subjects, subject_spans = sections.subjects(doc)
    for path, sp in subject_spans.items():
        note(path, sp)

    areas = sections.content_areas(doc, kind, dtype)
    for i, (_, s, e) in enumerate(areas):
        note(f"content_areas[{i}]", (s, e))

    years = [d[:4] for d in (end, start, dp.get("issue_date")) if d]
    deadlines = plan.deadlines(doc, int(years[0]) if years else None)
    for d in deadlines:
        d["precision"] = "day"
        d["confidence"] = 0.9
    known = {d["date"] for d in deadlines}
    for d in fields.deadlines(reading, found_intervals):
        if d["date"] in known:
            continue
        known.add(d["date"])
        span = reading.norm.to_original(*d["span"])
        deadlines.append(
            {
                "what": d["what"],
                "date": d["date"],
                "kind": plan.deadline_kind(d["what"]),
                "precision": d["precision"],
                "confidence": d["confidence"],
                "span": span,
                "pos": span[0],
            }
        )
    deadlines.sort(key=lambda d: (d["date"], d["pos"]))
    confidence["deadlines"] = {
        "confidence": round(min((d["confidence"] for d in deadlines), default=0.7), 2),
        "reason": f"{len(deadlines)} thời hạn sau “trước/chậm nhất/hạn/trong tháng …”"
        if deadlines
        else "không thấy thời hạn",
        "stated": bool(deadlines),
    }
    for i, d in enumerate(deadlines):
        note(f"deadlines[{i}].date", d.pop("span"))
        d.pop("pos")

    forms = awards.award_forms(doc)
    heads = {fields.form_head(f["form"]) for f in forms}
    for offered in fields.award_forms(reading):
        if offered["head"] in heads:
            continue
        heads.add(offered["head"])
        name = offered["names"][0]
        forms.append(
            {
                "form": name,
                "form_code": awards.form_code(name),
                "subjects": [],
                "quotas": [],
                "criteria": [],
                "span": reading.norm.to_original(*offered["span"]),
                "scope": [],
            }
        )
    confidence["award_forms"] = {
        "confidence": 0.85 if forms else 0.65,
        "reason": f"{len(forms)} hình thức trong mục khen thưởng hoặc câu “tặng/đề nghị”"
        if forms
        else "không thấy hình thức khen thưởng được đề nghị/tặng",
        "stated": bool(forms),
    }
    caps = fields.quotas(reading)
    for cap in caps:
        cap["span"] = reading.norm.to_original(*cap["span"])
        cap.pop("pos")
    confidence["quotas"] = {
        "confidence": 0.8 if caps else 0.65,
        "reason": f"{len(caps)} giới hạn số lượng (không quá/tối đa/chọn/mỗi … N)"
        if caps
        else "không thấy giới hạn số lượng khen thưởng",
        "stated": bool(caps),
    }
    for i, f in enumerate(forms):
        note(f"award_forms[{i}].form", f.pop("span"))
        f.pop("scope")
        for j, q in enumerate(f["quotas"]):
            note(f"award_forms[{i}].quotas[{j}].max", q.pop("span"))
            q.pop("pos")

    docs = awards.dossier_documents(doc)
    dossier_field = fields.Field(docs, 0.9, "danh sách sau “Hồ sơ … gồm:”")
    if not docs:
        dossier_field = fields.dossier(reading)
        if dossier_field.value:
            s0, e0 = reading.norm.to_original(*dossier_field.span)
            docs = [(item, s0, e0) for item in dossier_field.value]
    rate("dossier_documents", dossier_field, docs)
    for i, (_, s, e) in enumerate(docs):
        note(f"dossier_documents[{i}]", (s, e))
    resp = plan.responsibilities(doc)
    for i, r in enumerate(resp):
        note(f"responsibilities[{i}].who", r.pop("span"))
    excl = awards.exclusions(doc)
    for i, (_, s, e) in enumerate(excl):
        note(f"exclusions[{i}]", (s, e))
    for i, m in enumerate(milestones):
        note(f"milestones[{i}].what", m.pop("span"))

    structural = {
        "title": (title, "khối văn bản sau tiêu đề “KẾ HOẠCH/V/v”"),
        "doc_type": (dtype, "ký hiệu số văn bản hoặc tiêu đề loại văn bản"),
        "issuer": (issuer, "các dòng tên cơ quan ở đầu văn bản"),
        "number": (num.get("number"), "dòng “Số:” ở đầu văn bản"),
        "place": (dp.get("place"), "dòng địa danh, ngày tháng"),
        "kind": (kind, "từ chỉ loại phong trào trong tiêu đề hoặc thân văn bản"),
        "parent_plan": (parent, "câu “Thực hiện/Căn cứ … số …” ở phần mở đầu"),
        "subjects": (subjects.get("collective") or subjects.get("individual"), "mục “Đối tượng”"),
        "content_areas": (areas, "các mục con của “Nội dung thi đua”"),
        "responsibilities": (resp, "các mục của “Tổ chức thực hiện”"),
        "anniversary": (anniversary, "“kỷ niệm … (ngày - ngày)” trong tiêu đề"),
        "exclusions": (excl, "câu “không đề nghị/không xét …”"),
        "milestones": (milestones, "các mốc “Năm …:” của chương trình"),
    }
    for key, (value, cue) in structural.items():
        stated = value not in (None, [], "", {})
        confidence[key] = {
            "confidence": 0.85 if stated else 0.7,
            "reason": cue if stated else f"không thấy {cue}",
            "stated": stated,
        }
    if title and reading_is_ocr(title):
        confidence["title"].update(confidence=0.5, reason="tiêu đề đọc từ văn bản OCR lỗi dấu")

    return {
        "title": title,
        "doc_type": dtype,
        "issuer": issuer,
        "number": num.get("number"),
        "issue_date": dp.get("issue_date"),
        "place": dp.get("place"),
        "kind": kind,
        "start_date": start,
        "end_date": end,
        "slogan": slogan,
        "parent_plan": parent,
        "subjects": subjects,
        "content_areas": [a for a, _, _ in areas],
        "deadlines": deadlines,
        "award_forms": forms,
        "dossier_documents": [d for d, _, _ in docs],
        "responsibilities": resp,
        "anniversary": anniversary,
        "exclusions": [x for x, _, _ in excl],
        "milestones": milestones,
        "quotas": caps,
        "pooled_forms": fields.pooled_forms(reading, awards.form_code),
        "confidence": confidence,
        "source_spans": spans,
    }
