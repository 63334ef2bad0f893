"""`{% error_summary %}`: every bound form or formset with errors in the page's context is
listed at the top of the page, each error a link to its field (base.html renders it)."""

from __future__ import annotations

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject

register = template.Library()


def _form_errors(form: forms.BaseForm, row: str = "") -> list[dict]:
    out = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        if name == forms.forms.NON_FIELD_ERRORS or field is None:
            out.extend({"label": row, "message": e, "anchor": ""} for e in errors)
            continue
        bound = form[name]
        anchor = bound.auto_id
        if isinstance(field.widget, forms.HiddenInput):
            anchor = ""
        label = f"{row}{field.label or name}"
        out.extend({"label": label, "message": e, "anchor": anchor} for e in errors)
    return out


def collect_errors(*objects) -> list[dict]:
    """Errors of forms and formsets, in page order, with the id of each field."""
    out: list[dict] = []
    seen: set[int] = set()
    for obj in objects:
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, BaseFormSet) and obj.is_bound:
            out.extend({"label": "", "message": e, "anchor": ""} for e in obj.non_form_errors())
            for i, form in enumerate(obj.forms, start=1):
                if form.errors:
                    out.extend(_form_errors(form, row=f"Dòng {i} — "))
        elif isinstance(obj, forms.BaseForm) and obj.is_bound and obj.errors:
            out.extend(_form_errors(obj))
    return out


@register.inclusion_tag("core/_error_summary.html", takes_context=True)
def error_summary(context):
    # Lazy values are skipped unevaluated: `isinstance` on the lazy `csrf_token` would make
    # a token (and set its cookie) on a page that shows none, and a cached public page
    # must use no token; `user` would touch the session.
    objects = [
        value
        for value in context.flatten().values()
        if not isinstance(value, LazyObject) and isinstance(value, (forms.BaseForm, BaseFormSet))
    ]
    return {"errors": collect_errors(*objects)}
