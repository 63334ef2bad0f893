"""Rule-based extraction of a campaign plan; see ``GRAMMAR.md`` for the phrasing it knows."""

from __future__ import annotations

from . import awards, header, plan, sections
from .text import Doc

__all__ = ["extract_plan"]


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

    milestones = plan.milestones(doc)
    start, end, period_span = sections.period(doc)
    if kind == "chuong_trinh" and not start:
        years = [int(m["when"][:4]) for m in milestones if (m["when"] or "")[:4].isdigit()]
        start, end = sections.year_span(years or sections.programme_years(doc, title))
        period_span = milestones[0]["span"] if milestones else title_span
    elif kind == "hang_nam" and not start and title:
        import re

        year = re.search(r"\b(20\d{2})\b", title)
        if year:
            start, end = sections.year_span([int(year.group(1))])
            period_span = title_span
    note("start_date", period_span if start else None)
    note("end_date", period_span if end else None)

    slogan, slogan_span = sections.slogan(doc)
    note("slogan", slogan_span)
    subjects, subject_spans = sections.subjects(doc)
    for path, sp in subject_spans.items():
        note(path, sp)

    areas = sections.content_areas(doc, kind, dtype)
    for i, (_, s, e) in enumerate(areas):
        note(f"content_areas[{i}]", (s, e))

    years = [d[:4] for d in (end, start, dp.get("issue_date")) if d]
    deadlines = plan.deadlines(doc, int(years[0]) if years else None)
    for i, d in enumerate(deadlines):
        note(f"deadlines[{i}].date", d.pop("span"))
        d.pop("pos")

    forms = awards.award_forms(doc)
    for i, f in enumerate(forms):
        note(f"award_forms[{i}].form", f.pop("span"))
        f.pop("scope")
        for j, q in enumerate(f["quotas"]):
            note(f"award_forms[{i}].quotas[{j}].max", q.pop("span"))
            q.pop("pos")

    docs = awards.dossier_documents(doc)
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
        "source_spans": spans,
    }
