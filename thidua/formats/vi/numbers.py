"""Vietnamese numbers, the one formatter and the one parser every page and form uses.

Shown: thousands with a dot, decimals with a comma — ``1.234.000``, ``2,8``, ``113,44 %``,
``0,00 %``. Typed: what a Vietnamese officer types, and what a browser in English sends:

- ``2,8`` ``2.8`` → 2.8; ``1.234,5`` ``1,234.5`` → 1234.5 (the last separator is the decimal one);
- ``1.234.000`` → 1234000 (several dots are thousands); ``1.234`` → 1234 (one dot followed by
  exactly three digits is a thousands dot, as it is written in Vietnamese);
- spaces, non-breaking spaces, a trailing ``%`` or ``đ`` are ignored.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


class NumberError(ValueError):
    """Text that is not a number; the message is Vietnamese."""


def parse_decimal(text) -> Decimal | None:
    """The Decimal an officer meant by `text`, None for blank, NumberError otherwise."""
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    raw = str(text)
    s = re.sub(r"[\s\u00a0\u202f]", "", raw).removesuffix("%").removesuffix("đ")
    if not s:
        return None
    sign = ""
    if s[0] in "+-":
        sign, s = s[0].replace("+", ""), s[1:]
    if re.fullmatch(r"(\d+(\.\d+)?[eE][+-]?\d+|nan|inf|infinity)", s, re.IGNORECASE):
        # 1e20, NaN, Infinity: what a program sends; the caller checks the range
        return Decimal(sign + s)
    if not s or not re.fullmatch(r"[\d.,]+", s) or not re.search(r"\d", s):
        raise NumberError(f"“{raw.strip()}” không phải là số (ví dụ hợp lệ: 2,8 hoặc 1.234).")
    if "," in s and "." in s:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        whole, _, frac = s.rpartition(decimal_sep)
        if decimal_sep in whole or not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})*", whole):
            raise NumberError(f"“{raw.strip()}” không phải là số (ví dụ hợp lệ: 1.234,5).")
        s = whole.replace(thousands, "") + "." + frac
    elif "," in s:
        if s.count(",") > 1:
            raise NumberError(
                f"“{raw.strip()}” không phải là số: dấu phẩy chỉ dùng một lần, trước phần thập phân."
            )
        s = s.replace(",", ".")
    elif s.count(".") > 1 or _GROUPED.match(s):
        if not _GROUPED.match(s):
            raise NumberError(f"“{raw.strip()}” không phải là số (ví dụ hợp lệ: 1.234.000).")
        s = s.replace(".", "")
    if s.startswith(".") or s.endswith("."):
        raise NumberError(f"“{raw.strip()}” không phải là số (ví dụ hợp lệ: 2,8).")
    try:
        return Decimal(sign + s)
    except InvalidOperation as exc:  # pragma: no cover — the pattern above admits only digits
        raise NumberError(f"“{raw.strip()}” không phải là số.") from exc


def _group(n: int) -> str:
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")


def format_number(value, places: int | None = None) -> str:
    """``1.234.000``, ``2,8``; `places` fixes the decimals (``0,00``); '' for None."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is None:
        if value == value.to_integral_value():
            return _group(int(value))
        text = f"{value.normalize():f}"
    else:  # half up, as a clerk (and a spreadsheet) rounds: 6,25 → 6,3
        text = f"{value.quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP):f}"
    whole, _, frac = text.partition(".")
    negative = whole.startswith("-")
    grouped = _group(int(whole.lstrip("-") or "0"))
    out = ("-" if negative else "") + grouped
    return f"{out},{frac}" if frac else out


def format_percent(ratio, digits: int = 2) -> str:
    """A ratio as a percentage: 1.1344 → ``113,44 %``, 0 → ``0,00 %``; '' for None."""
    if ratio is None or ratio == "":
        return ""
    return format_number(Decimal(str(ratio)) * 100, digits) + " %"


class VietnameseDecimalField(forms.DecimalField):
    """A figure typed the Vietnamese way (``2,8``, ``1.234.000``) or the English way
    (``2.8``); shown back with a decimal comma. A text input, so the browser's language
    never rewrites or rejects it."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": "Nhập một số, ví dụ 2,8 hoặc 1.234."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_decimal(value)
        except NumberError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if number is None:
            return None
        if not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            return format_number(value)
        return value


class VietnameseFloatField(VietnameseDecimalField):
    """The same input as `VietnameseDecimalField` for a value kept as a float (millimetres,
    point sizes of a print layout)."""

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else float(number)

    def validate(self, value):
        forms.Field.validate(self, value)

    def run_validators(self, value):
        forms.Field.run_validators(self, None if value is None else Decimal(str(value)))
