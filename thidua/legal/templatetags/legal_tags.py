"""Display of legal vocabulary codes in Vietnamese."""

from django import template

from thidua.legal.read import COLLECTIVE_CATEGORIES, PERSON_CATEGORIES, SUBJECT_KINDS

register = template.Library()


@register.filter
def subjects_vn(codes) -> str:
    """["individual", "collective"] → "Cá nhân, Tập thể"."""
    labels = {**SUBJECT_KINDS, **PERSON_CATEGORIES, **COLLECTIVE_CATEGORIES}
    return ", ".join(labels.get(code, code) for code in codes or ())
