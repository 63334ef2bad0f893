"""Shared form pieces: dd/mm/yyyy dates, blank extra rows, the error summary."""

from datetime import date

import pytest
from django import forms
from django.forms import formset_factory
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.forms import (
    INVALID_DATE,
    BlankRowsIgnored,
    ViDateField,
    parse_vi_date,
)
from thidua.core.templatetags.forms_ui import collect_errors


class DayForm(forms.Form):
    day = ViDateField(label="Ngày họp")
    note = forms.CharField(label="Ghi chú", required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/12/2025", date(2025, 12, 31)),
        ("1/2/2025", date(2025, 2, 1)),
        ("2025-02-01", date(2025, 2, 1)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_dates_are_read_day_first(typed, expected):
    form = DayForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == expected


@pytest.mark.parametrize(
    "typed", ["31/02/2025", "29/02/2025", "12/31/2025", "hôm qua", "32/1/2025"]
)
def test_impossible_dates_are_an_error_and_the_text_stays(typed):
    form = DayForm({"day": typed})
    assert not form.is_valid()
    assert form.errors["day"] == [INVALID_DATE]
    assert INVALID_DATE.startswith("Ngày không hợp lệ")
    html = str(form["day"])
    assert f'value="{typed}"' in html and 'type="text"' in html and "data-datepicker" in html


def test_initial_dates_are_shown_day_first_also_from_iso_text():
    assert 'value="25/05/2024"' in str(DayForm(initial={"day": date(2024, 5, 25)})["day"])
    assert 'value="25/05/2024"' in str(DayForm(initial={"day": "2024-05-25"})["day"])


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_shown_date_reads_back_to_the_same_day(day):
    shown = ViDateField().widget.format_value(day)
    assert parse_vi_date(shown) == day


class Row(BlankRowsIgnored, forms.Form):
    row_fields = ("day", "label")
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    day = ViDateField(label="Hạn")
    label = forms.CharField(label="Nội dung")


RowSet = formset_factory(Row, extra=1)


def _rows(**extra):
    data = {
        "r-TOTAL_FORMS": "2",
        "r-INITIAL_FORMS": "1",
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "1000",
        "r-0-kind": "a",
        "r-0-day": "01/06/2025",
        "r-0-label": "Nộp hồ sơ",
        "r-1-kind": "a",  # the select always sends its first choice
        "r-1-day": "",
        "r-1-label": "",
    }
    data.update(extra)
    return RowSet(data, prefix="r", initial=[{"kind": "a"}])


def test_blank_extra_row_is_ignored_even_with_a_selected_kind():
    rows = _rows()
    assert rows.is_valid(), rows.errors
    assert [f.cleaned_data for f in rows if f.has_changed()][0]["label"] == "Nộp hồ sơ"
    assert rows.forms[1].cleaned_data == {}


def test_half_filled_extra_row_is_still_checked():
    rows = _rows(**{"r-1-label": "Báo cáo"})
    assert not rows.is_valid()
    assert rows.forms[1].errors["day"]


def test_error_summary_links_every_field_of_forms_and_formsets():
    form = DayForm({"day": "31/02/2025"})
    rows = _rows(**{"r-1-label": "Báo cáo"})
    errors = collect_errors(form, rows)
    anchors = [e["anchor"] for e in errors]
    assert anchors == ["id_day", "id_r-1-day"]
    assert errors[1]["label"] == "Dòng 2 — Hạn"
    html = Template("{% load forms_ui %}{% error_summary %}").render(
        Context({"form": form, "rows": rows})
    )
    assert 'href="#id_day"' in html and 'href="#id_r-1-day"' in html
    assert "Chưa lưu được: 2 lỗi cần sửa" in html and "Ngày không hợp lệ" in html


def test_no_summary_for_unbound_or_valid_forms():
    html = Template("{% load forms_ui %}{% error_summary %}").render(
        Context({"form": DayForm(), "ok": DayForm({"day": "01/01/2025"})})
    )
    assert "error-summary" not in html
