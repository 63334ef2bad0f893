"""Template filters for Vietnamese display: dd/mm/yyyy dates and 1.234.000 đ money (numbers
and percentages: thidua.formats.vi.filters, also a builtin)."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def vndate(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@register.filter
def vndatetime(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%H:%M %d/%m/%Y")
    return vndate(value)


def group_thousands(n: int) -> str:
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


@register.filter
def vnd(value) -> str:
    if value is None or value == "":
        return ""
    return f"{group_thousands(int(Decimal(value)))} đ"


@register.simple_tag(takes_context=True)
def active(context, url_name: str) -> str:
    match = getattr(context.get("request"), "resolver_match", None)
    return "page" if match and match.view_name == url_name else "false"


@register.filter
def get_item(mapping, key):
    if isinstance(mapping, dict):
        return mapping.get(key, "")
    return ""


@register.filter
def audit_sentence(event) -> str:
    """The Vietnamese sentence of an audit event (core.audit.describe)."""
    from thidua.core.audit import describe

    return describe(event)


@register.filter
def audit_states(event) -> str:
    """'Dự thảo → Đã nộp' in labels, '' when no state changed."""
    from thidua.core.audit import state_change

    return state_change(event)


@register.filter
def person_name(user) -> str:
    """A user's full name (the login only when no name is recorded)."""
    from thidua.core.audit import person_name as name

    return name(user) if user else ""
