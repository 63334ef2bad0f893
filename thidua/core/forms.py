"""Shared form pieces: the dd/mm/yyyy date field and widget, blank extra formset rows.

Every date a user types goes through :class:`ViDateField`: a text input (so the browser's
language never decides the order of day and month) that ``thidua/datefield.js`` fits with a
picker button, parsed on the server as dd/mm/yyyy (ISO also accepted, for scripts and the API
tests). An impossible date such as ``31/02/2025`` is an error "Ngày không hợp lệ", and the
typed text comes back in the field, never blanked.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms

#: Accepted input: dd/mm/yyyy first (what the page shows), then ISO and d-m-yyyy.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DATE_DISPLAY = "%d/%m/%Y"
INVALID_DATE = "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2025."


def parse_vi_date(text: str | None) -> date | None:
    """``"31/12/2025"`` → date; blank → None; anything else raises ValueError."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(INVALID_DATE)


class ViDateInput(forms.DateInput):
    """A text input showing dd/mm/yyyy with a picker button (``data-datepicker``)."""

    input_type = "text"

    def __init__(self, attrs=None):
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-datepicker": "",
            "size": "10",
            "maxlength": "10",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format=DATE_DISPLAY)

    def format_value(self, value):
        if isinstance(value, str):
            # An initial value in ISO (the importer writes 2024-05-25) is shown dd/mm/yyyy;
            # text the user typed (even wrong) is given back as typed.
            try:
                return datetime.strptime(value, "%Y-%m-%d").strftime(DATE_DISPLAY)
            except ValueError:
                return value
        return super().format_value(value)


class ViDateField(forms.DateField):
    """The one date field of every form: dd/mm/yyyy text, "Ngày không hợp lệ" on error."""

    widget = ViDateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": INVALID_DATE}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", ViDateInput)
        super().__init__(**kwargs)


def vi_date_formfield(db_field, **kwargs):
    """``formfield_callback`` for ModelForms: model DateFields become :class:`ViDateField`."""
    from django.db import models

    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs["form_class"] = ViDateField
        kwargs["widget"] = ViDateInput
    return db_field.formfield(**kwargs)


class BlankRowsIgnored:
    """Mixin for formset row forms: an extra row whose ``row_fields`` are all blank is
    ignored even though a select (e.g. the deadline kind) always submits a value."""

    row_fields: tuple[str, ...] = ()

    def has_changed(self) -> bool:
        if self.empty_permitted and self.row_fields:
            filled = any(
                (self.data.get(self.add_prefix(name)) or "").strip()
                for name in self.row_fields
                if name in self.fields
            )
            if not filled:
                return False
        return super().has_changed()
