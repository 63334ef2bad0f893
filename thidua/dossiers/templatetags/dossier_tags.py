"""Display helpers for dossier timelines."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_vn(span: timedelta) -> str:
    """'2 ngày 3 giờ', '45 phút', 'dưới 1 phút'."""
    total = int(span.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours:
        parts.append(f"{hours} giờ")
    if minutes and not days:
        parts.append(f"{minutes} phút")
    return " ".join(parts) or "dưới 1 phút"


@register.filter
def category_vn(code: str) -> str:
    from thidua.legal.read import COLLECTIVE_CATEGORIES, PERSON_CATEGORIES

    return PERSON_CATEGORIES.get(code) or COLLECTIVE_CATEGORIES.get(code) or code
