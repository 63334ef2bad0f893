"""Exports never write a live formula nor crash on control characters (issue #10, item 9)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.core.excel import Exporter, csv_cell, rows_to_xlsx, safe_cell, unescape_cell
from thidua.org.models import Person
from thidua.registry.interchange import RegistryExporter, RegistryImporter, award_rows
from thidua.registry.services import public_awards
from thidua.reports import statforms
from thidua.reports.exports import report_xlsx

FORMULA_NAME = '=HYPERLINK("http://x","y")'
CONTROL_NAME = "Nguyễn\x1dVăn\x0b An"


def _cells(xlsx: bytes):
    ws = load_workbook(io.BytesIO(xlsx)).active
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_no_formula(xlsx: bytes):
    cells = _cells(xlsx)
    assert cells
    for c in cells:
        assert c.data_type != "f", (c.coordinate, c.value)
        if isinstance(c.value, str):
            assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), c.value
    return cells


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        (FORMULA_NAME, "'" + FORMULA_NAME),
        ("+84 912", "'+84 912"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        (CONTROL_NAME, "NguyễnVăn An"),
        ("A\x00\x08B", "AB"),
        ("Ma Thị Lan", "Ma Thị Lan"),
        (-1500, -1500),
        (2.5, 2.5),
        (None, None),
        (date(2025, 1, 2), date(2025, 1, 2)),
    ],
)
def test_safe_cell_neutralises_formula_starts_and_keeps_numbers(raw, written):
    assert safe_cell(raw) == written
    if isinstance(raw, str) and raw[:1] in "=+-@\t\r":
        assert unescape_cell(written) == raw


class _Sheet(Exporter):
    columns = [("Tên", 20), ("Số tiền", 12)]

    def rows(self):
        yield [FORMULA_NAME, -1500]
        yield [CONTROL_NAME, 2000]


def test_exporter_xlsx_and_csv_neutralise_text_and_keep_negative_amounts_numeric():
    cells = _assert_no_formula(_Sheet().to_xlsx())
    by_coord = {c.coordinate: c for c in cells}
    assert by_coord["A2"].value == "'" + FORMULA_NAME and by_coord["A2"].data_type == "s"
    assert by_coord["B2"].value == -1500 and by_coord["B2"].data_type == "n"
    assert by_coord["A3"].value == "NguyễnVăn An"
    rows = list(csv.reader(io.StringIO(_Sheet().to_csv().decode("utf-8-sig"))))
    assert rows[1] == ["'" + FORMULA_NAME, "-1500"]
    assert rows[2][0] == "NguyễnVăn An"
    assert csv_cell(-1500) == "-1500"


def test_rows_to_xlsx_neutralises_headers_and_rows():
    _assert_no_formula(rows_to_xlsx(["=1+1"], [[FORMULA_NAME], [CONTROL_NAME]]))


def test_person_export_view_writes_no_formula(org, client_for):
    unit = org["person_a"].unit
    Person.objects.filter(pk=org["person_a"].pk).update(full_name=FORMULA_NAME)
    Person.objects.filter(pk=org["person_b"].pk).update(full_name=CONTROL_NAME, unit=unit)
    resp = client_for("officer_a").get(reverse("org:export_persons"))
    assert resp.status_code == 200
    values = [c.value for c in _assert_no_formula(resp.content)]
    assert "'" + FORMULA_NAME in values and "NguyễnVăn An" in values


@pytest.fixture
def injected_awards(org):
    from tests.registry.conftest import make_award, make_decision

    d = make_decision(org["city"])
    make_award(d, FORMULA_NAME, org["ward_a"], person=org["person_a"])
    make_award(d, CONTROL_NAME, org["ward_a"], person=org["person_b"])
    return d


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_registry_export_view_neutralises_and_round_trips(
    org, users, client_for, injected_awards, fmt
):
    resp = client_for("standing").get(reverse("registry:export"), {"dinh_dang": fmt})
    assert resp.status_code == 200
    if fmt == "xlsx":
        values = [c.value for c in _assert_no_formula(resp.content)]
    else:
        rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
        values = [v for row in rows for v in row]
        assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in values)
    assert "'" + FORMULA_NAME in values and "NguyễnVăn An" in values
    # Importing our own export gives back the original name (the apostrophe is ours).
    importer = RegistryImporter(users["standing"])
    read = importer.read_any(f"so.{fmt}", resp.content)
    assert FORMULA_NAME in {values["ho_ten"] for _, values in read}


def test_registry_exporter_csv_function(org, injected_awards):
    text = RegistryExporter(public_awards()).to_csv().decode("utf-8-sig")
    names = [r["ho_ten"] for r in csv.DictReader(io.StringIO(text))]
    assert names == ["'" + FORMULA_NAME, "NguyễnVăn An"]
    assert {r["ho_ten"] for r in award_rows(public_awards())} == {FORMULA_NAME, CONTROL_NAME}


def test_report_xlsx_neutralises_table_cells(org, monkeypatch):
    from thidua.reports import exports, figures

    data = figures.compute(org["city"], year=2025, today=date(2026, 2, 1))
    real_tables = exports.tables
    monkeypatch.setattr(
        exports,
        "tables",
        lambda d: [*real_tables(d), ("Bảng", ["-x"], [[FORMULA_NAME, -3], [CONTROL_NAME, 1]])],
    )
    cells = _assert_no_formula(report_xlsx(data))
    assert any(c.value == -3 and c.data_type == "n" for c in cells)


def test_statistical_form_neutralises_authority_name(org):
    city = org["city"]
    city.name = '=HYPERLINK("http://x","y")\x1d'
    code = next(iter(statforms.FORMS))
    _assert_no_formula(statforms.build(code, city, date(2025, 1, 1), date(2025, 12, 31)))
