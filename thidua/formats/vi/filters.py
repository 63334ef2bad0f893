"""Template filters of the one number style (a builtin library, see settings.TEMPLATES)."""

from django import template

from .numbers import format_number, format_percent

register = template.Library()


@register.filter
def vnnum(value) -> str:
    """1.234.000; 2,8."""
    return format_number(value)


@register.filter
def percent(value, digits: int = 2) -> str:
    """A ratio as 113,44 % (0,00 % for zero)."""
    return format_percent(value, int(digits))
