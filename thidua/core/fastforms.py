"""A form renderer that writes the common widgets in Python instead of through templates.

Django renders every widget through a template, and a `<select>` includes one more template
per option: the add-nominee form of a ward (its people, units and households as options)
costs ~200 template includes on every view of the dossier page. `FastRenderer` produces the
same HTML as Django's `django/forms/widgets/{input,select,select_option,textarea}.html` (and
the input types that only include `input.html`), every value escaped with
`conditional_escape`; any other widget template goes to the template renderer unchanged.

Use it per form: `default_renderer = FAST_RENDERER`.

`PlainModelChoiceField`: a ModelChoiceField whose options are read with one plain query.
Django's `ModelChoiceIterator` reads them with `.iterator()`, which on PostgreSQL is a
server-side cursor (DECLARE, FETCH, CLOSE: three round trips per `<select>`).
"""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_W = "django/forms/widgets/"
# Widget templates that are exactly `{% include "django/forms/widgets/input.html" %}`.
_INPUTS = {
    f"{_W}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "file",
        "checkbox",
    )
}


def _attrs(attrs: dict) -> str:
    # attrs.html: ` name` for True, ` name="value"` otherwise, nothing for False.
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _input(w: dict) -> str:
    value = "" if w["value"] is None else f' value="{conditional_escape(str(w["value"]))}"'
    return (
        f'<input type="{conditional_escape(w["type"])}" name="{conditional_escape(w["name"])}"'
        f"{value}{_attrs(w['attrs'])}>"
    )


def option_html(value, label, attrs_html: str = "") -> str:
    """One `<option>` as select_option.html writes it; the newline it ends with is kept by
    select.html's include."""
    return (
        f'\n  <option value="{conditional_escape(str(value))}"{attrs_html}>'
        f"{conditional_escape(label)}</option>\n"
    )


def select_html(name: str, attrs_html: str, options_html: str) -> str:
    """A `<select>` as select.html writes it around its options' HTML (`option_html`)."""
    return f'<select name="{conditional_escape(name)}"{attrs_html}>{options_html}\n</select>'


def _select(w: dict) -> str:
    out = []
    for group_name, group_choices, _index in w["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            out.append(option_html(option["value"], option["label"], _attrs(option["attrs"])))
        if group_name:
            out.append("\n  </optgroup>")
    return select_html(w["name"], _attrs(w["attrs"]), "".join(out))


def _textarea(w: dict) -> str:
    value = conditional_escape(w["value"]) if w["value"] else ""
    return (
        f'<textarea name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>'
    )


_WRITERS = {f"{_W}select.html": _select, f"{_W}textarea.html": _textarea}


class FastRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in _INPUTS and widget.get("type") is not None:
                return mark_safe(_input(widget))
            writer = _WRITERS.get(template_name)
            if writer is not None and (
                template_name != f"{_W}select.html"
                or all(
                    o.get("template_name") == f"{_W}select_option.html"
                    for _g, opts, _i in widget["optgroups"]
                    for o in opts
                )
            ):
                return mark_safe(writer(widget))
        return super().render(template_name, context, request)


FAST_RENDERER = FastRenderer()


class PlainModelChoiceIterator(ModelChoiceIterator):
    """The options of a ModelChoiceField from its queryset's own result cache: one plain
    query (none when the queryset given was already evaluated), the same options as
    Django's iterator."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class PlainModelChoiceField(forms.ModelChoiceField):
    iterator = PlainModelChoiceIterator
