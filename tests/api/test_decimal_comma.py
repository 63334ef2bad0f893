"""Figures sent to the API as text with a decimal comma (#15 item 17): the schemas that
the routers use accept "2,8"; programs' JSON numbers and decimal points are unchanged."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from thidua.registrations.api import IndicatorIn, ReportIn


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("2,8", Decimal("2.8")),
        ("1.234,5", Decimal("1234.5")),
        (" 12,75 ", Decimal("12.75")),
        ("1.5", Decimal("1.5")),
        (2.8, Decimal("2.8")),
        (40, Decimal("40")),
    ],
)
def test_indicator_target_accepts_a_decimal_comma(sent, expected):
    assert IndicatorIn.model_validate({"name": "Tỷ lệ hộ nghèo", "target": sent}).target == expected


@pytest.mark.parametrize("sent", ["2,8,1", "2,", "hai phẩy tám", "1,2.3"])
def test_a_malformed_figure_is_refused(sent):
    with pytest.raises(ValidationError):
        ReportIn.model_validate({"report_date": "2025-06-30", "actual": sent})
