"""Vietnamese numbers (issue #15, items 9 and 17): one formatter (1.234.000; 2,8; 113,44 %;
0,00 %) and one parser that takes a decimal comma everywhere a figure is typed."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from thidua.formats.vi.numbers import (
    NumberError,
    VietnameseDecimalField,
    format_number,
    format_percent,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2,8", "2.8"),
        ("2.8", "2.8"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.234.000", "1234000"),
        ("1.234", "1234"),
        ("-3,5", "-3.5"),
        (" 12 % ", "12"),
        ("1.000 đ", "1000"),
        ("0", "0"),
    ],
)
def test_what_an_officer_types_is_what_is_stored(typed, meant):
    assert parse_decimal(typed) == Decimal(meant)


@pytest.mark.parametrize("typed", ["abc", "1,2,3", "1..2", ",5", "1.23.4", "2,8,", "--1"])
def test_nonsense_is_refused_in_vietnamese(typed):
    with pytest.raises(NumberError, match="không phải là số"):
        parse_decimal(typed)


def test_one_style_for_numbers_and_percentages():
    assert format_percent(Decimal("1.1344")) == "113,44 %"
    assert format_percent(0) == "0,00 %"
    assert format_number(Decimal("2.8000")) == "2,8"
    assert format_number(1234000) == "1.234.000"
    assert format_number(Decimal("-1234.5")) == "-1.234,5"
    page = Template("{{ r|percent }} {{ z|percent }} {{ n|vnnum }}").render(
        Context({"r": Decimal("1.1344"), "z": Decimal(0), "n": Decimal("2.80")})
    )
    assert page == "113,44 % 0,00 % 2,8"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
def test_a_shown_number_reads_back_as_itself(value):
    assert parse_decimal(format_number(value)) == value


def test_the_form_field_takes_a_comma_and_shows_one():
    field = VietnameseDecimalField(max_digits=16, decimal_places=2)
    assert field.clean("2,8") == Decimal("2.8")
    assert field.prepare_value(Decimal("1234.50")) == "1.234,5"
    assert 'inputmode="decimal"' in field.widget.render("x", "2,8")
    with pytest.raises(Exception, match="không phải là số"):
        field.clean("hai")


def test_a_registration_figure_with_a_comma_is_saved(org, users):
    from tests.dossiers.helpers import make_campaign
    from thidua.registrations import services

    campaign = make_campaign(org)
    reg = services.register(campaign, org["ward_a"], users["officer_a"])
    ind = services.add_indicator(reg, users["officer_a"], name="Thu ngân sách", target="2,8")
    assert ind.target == Decimal("2.8")
    ind2 = services.add_indicator(reg, users["officer_a"], name="Hộ", target="1.234")
    assert ind2.target == Decimal(1234)
    with pytest.raises(services.RegistrationError, match="Chỉ tiêu: “2,8,1”"):
        services.add_indicator(reg, users["officer_a"], name="Sai", target="2,8,1")


def test_fixed_places_round_half_up():
    assert format_number(Decimal("6.25"), 1) == "6,3"
    assert format_number(Decimal("-6.25"), 1) == "-6,3"
    assert format_number(Decimal("2.345"), 2) == "2,35"
    assert format_number(Decimal("1234.5"), 0) == "1.235"
    assert format_percent(Decimal(1) / Decimal(16), 1) == "6,3 %"
