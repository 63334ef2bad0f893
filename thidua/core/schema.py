"""Shared API schema types: bounded numbers and clean strings, so bad input is a 422 at the
schema rather than a 500 in the database (an id beyond bigint, NUL in text, a count that
overflows its column, a negative year).

Use them in every router's query and body schemas instead of bare `int`, `str`, `Decimal`.
"""

from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, BeforeValidator

from .validators import (
    BIGINT_MAX,
    INT_MAX,
    POSITIVE_SMALL_INT_MAX,
    control_character,
    control_message,
)


def _clean_line(value: str) -> str:
    if char := control_character(value):
        raise ValueError(control_message(char))
    return value


def _clean_text(value: str) -> str:
    if char := control_character(value, multiline=True):
        raise ValueError(control_message(char))
    return value


# A one-line value (name, code, title, search text): no control character at all.
CleanStr = Annotated[str, AfterValidator(_clean_line)]
# Free text (notes, achievements): tab and line breaks allowed, other control characters not.
CleanText = Annotated[str, AfterValidator(_clean_text)]

# A database id (bigint primary key).
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
# A count stored in a PositiveSmallIntegerField.
SmallCount = Annotated[int, Field(ge=0, le=POSITIVE_SMALL_INT_MAX)]
# A non-negative count stored in an IntegerField.
Count = Annotated[int, Field(ge=0, le=INT_MAX)]
# A calendar year the application deals with.
Year = Annotated[int, Field(ge=1900, le=2200)]


def _decimal_comma(value):
    """A figure sent as text the Vietnamese way: "2,8" → "2.8", "1.234,5" → "1234.5". Text
    without a comma and JSON numbers are left to the schema ("1.5" stays 1,5: a program's
    decimal point, not a thousands dot)."""
    if not isinstance(value, str) or "," not in value:
        return value
    text = "".join(value.split())
    whole, _, frac = text.rpartition(",")
    if "," in whole or not frac.isdigit():
        return value  # the schema refuses it
    return whole.replace(".", "") + "." + frac


# A value stored in DecimalField(max_digits=20, decimal_places=4); sent as a JSON number or
# as text with a decimal comma ("2,8").
Amount = Annotated[
    Decimal,
    BeforeValidator(_decimal_comma),
    Field(max_digits=20, decimal_places=4, allow_inf_nan=False, ge=-(10**16), le=10**16),
]

MAX_PAGE_SIZE = 500
MAX_OFFSET = 10_000_000
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """Ninja's limit/offset pagination with both numbers bounded (an offset beyond bigint
    used to reach the database)."""

    class Input(Schema):
        limit: Limit = Field(50, description="Số bản ghi tối đa (1–500).")
        offset: Offset = Field(0, description="Bỏ qua bao nhiêu bản ghi.")


class ErrorOut(Schema):
    """The body of every 4xx answer: a Vietnamese message, and for invalid input the
    offending fields."""

    detail: str
    errors: list["FieldError"] | None = None


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


ErrorOut.model_rebuild()
