"""Quota and eligibility rules in plain Vietnamese, for pages and the plan document."""

from __future__ import annotations

from thidua.legal import read as legal
from thidua.legal.read import (
    COLLECTIVE_CATEGORIES,
    PERSON_CATEGORIES,
    RATING_LABELS,
    SUBJECT_KINDS,
)
from thidua.org.enums import UnitKind

#: Unit kinds quota rules name: the organisation tree's own vocabulary.
UNIT_KINDS = dict(UnitKind.choices)


def _form_names() -> dict[str, str]:
    """Each award form's current name, from the legal tables."""
    return {form.code: form.name for form in legal.award_forms()}


CATEGORY_LABELS = {**PERSON_CATEGORIES, **COLLECTIVE_CATEGORIES}
TAG_LABELS = {
    "cong_an": "Công an",
    "quan_su": "Ban Chỉ huy quân sự",
    "y_te": "Trung tâm Y tế",
    "giao_duc": "ngành Giáo dục",
    "noi_vu": "ngành Nội vụ",
}
SCOPES = {
    "per_proposer": "mỗi đơn vị đề nghị",
    "total": "toàn phong trào",
    "per_nominee_kind": "theo loại đơn vị được đề nghị",
}
KINDS = {
    "quota": "Số lượng",
    "exclusion": "Loại trừ",
    "prior_rating": "Xếp loại năm trước",
    "block_leader": "Dẫn đầu khối",
}


def _labels(values, table) -> str:
    return ", ".join(table.get(v, v) for v in values or [])


def who(rule: dict) -> str:
    m = rule.get("match", {})
    parts = []
    if m.get("proposer_kinds"):
        parts.append("đơn vị đề nghị: " + _labels(m["proposer_kinds"], UNIT_KINDS).lower())
    if m.get("proposer_tags"):
        parts.append("đơn vị: " + _labels(m["proposer_tags"], TAG_LABELS))
    if m.get("categories"):
        parts.append("đối tượng: " + _labels(m["categories"], CATEGORY_LABELS).lower())
    if m.get("subject_kinds"):
        parts.append(_labels(m["subject_kinds"], SUBJECT_KINDS).lower())
    if m.get("nominee_unit_kinds"):
        parts.append("được đề nghị: " + _labels(m["nominee_unit_kinds"], UNIT_KINDS).lower())
    return "; ".join(parts)


def explain(rule: dict) -> str:
    """'Giấy khen của Chủ tịch UBND cấp huyện — mỗi đơn vị đề nghị không quá 5 giáo viên
    (đơn vị: ngành Giáo dục; đối tượng: giáo viên).'"""
    forms = _labels(rule.get("match", {}).get("forms"), _form_names()) or "Mọi hình thức"
    scope = who(rule)
    where = f" ({scope})" if scope else ""
    kind = rule["kind"]
    if kind == "quota":
        if rule.get("scope") == "per_nominee_kind":
            labels = rule.get("label_by_kind", {})
            limits = ", ".join(
                f"{n:02d} {labels.get(k, UNIT_KINDS.get(k, k)).lower()}"
                for k, n in rule.get("max_by_kind", {}).items()
            )
            return f"{forms} — không quá {limits}{where}."
        head = (
            "mỗi đơn vị đề nghị không quá"
            if rule.get("scope") == "per_proposer"
            else "tổng cộng không quá"
        )
        return f"{forms} — {head} {rule.get('max')} {rule.get('label', '')}{where}."
    if kind == "exclusion":
        excl = _labels(rule.get("excluded_by_forms"), _form_names())
        return (
            f"{forms}: không đề nghị đối tượng đã được đề nghị {excl or 'khen thưởng cấp trên'} "
            f"trong cùng phong trào{where}."
        )
    if kind == "prior_rating":
        return (
            f"{forms}: năm trước phải được xếp loại “{RATING_LABELS.get(rule.get('min'), rule.get('min'))}” "
            f"trở lên{where}."
        )
    top = rule.get("top_n", 1)
    lead = "dẫn đầu khối thi đua" if top == 1 else f"trong {top} đơn vị dẫn đầu khối thi đua"
    return f"{forms}: chỉ xét đơn vị {lead} (tỷ lệ hoàn thành chỉ tiêu đăng ký cao nhất){where}."
