"""Validators shared by forms, Excel imports and the API schemas.

Control characters (NUL, the C0 range, DEL and the C1 range) have no place in a name or a
free-text field: PostgreSQL refuses NUL in text, and the others travel silently into Word
and Excel files, where they break the document. Free text keeps tab and line breaks; a
one-line value (a name, a code) keeps none.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CONTROL_MESSAGE = "Không được chứa ký tự điều khiển (mã {code})."

# Column limits of the database, shared by forms and the API.
POSITIVE_SMALL_INT_MAX = 32767
INT_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807


def control_character(value: str, *, multiline: bool = False) -> str | None:
    """The first forbidden control character of `value`, or None."""
    match = (_CONTROL_IN_TEXT if multiline else _CONTROL_IN_LINE).search(value or "")
    return match.group() if match else None


def control_message(char: str) -> str:
    return CONTROL_MESSAGE.format(code=f"U+{ord(char):04X}")


def reject_control_characters(value: str) -> None:
    """Django validator for one-line values (names, codes, titles)."""
    if isinstance(value, str) and (char := control_character(value)):
        raise ValidationError(control_message(char), code="control_character")


def reject_control_characters_in_text(value: str) -> None:
    """Django validator for multi-line free text (tab and line breaks allowed)."""
    if isinstance(value, str) and (char := control_character(value, multiline=True)):
        raise ValidationError(control_message(char), code="control_character")


def positive_small_integer_validators() -> list:
    """For a form field stored in a PositiveSmallIntegerField."""
    return [
        MinValueValidator(0, "Phải là số không âm."),
        MaxValueValidator(POSITIVE_SMALL_INT_MAX, f"Không được lớn hơn {POSITIVE_SMALL_INT_MAX}."),
    ]


class RejectControlCharactersMixin:
    """Form mixin: every text field of the form rejects control characters (a Textarea keeps
    tab and line breaks). Put it before `forms.Form` / `forms.ModelForm` in the bases."""

    def __init__(self, *args, **kwargs):
        from django import forms

        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(
                    reject_control_characters_in_text if multiline else reject_control_characters
                )
