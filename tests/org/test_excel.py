"""Excel import: preview with row errors in Vietnamese, all-or-nothing commit; export."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from thidua.core.excel import ExcelFormatError
from thidua.org.excel import PERSON_COLUMNS, PersonExporter, PersonImporter
from thidua.org.models import Person, Unit

pytestmark = pytest.mark.django_db

HEADERS = [h for h, _ in PERSON_COLUMNS]


def _sheet(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "ca-nhan.xlsx"
    return out


def _good_row(i: int, unit_code="WA"):
    return [
        f"Nguyễn Văn Người {i}",
        "Nam",
        "01/02/1990",
        "Tày",
        "Công chức",
        "Chuyên viên",
        unit_code,
        f"0010000{i:05d}",
        "",
        "",
    ]


def _fifty_with_three_bad():
    rows = [_good_row(i) for i in range(1, 51)]
    rows[9][1] = "Không rõ"  # row 11: gender
    rows[24][6] = "WB"  # row 26: another unit, outside the officer's scope
    rows[39][7] = "12345"  # row 41: malformed citizen ID
    return rows


def test_fifty_rows_with_three_bad_saves_nothing_and_reports_those_rows(org, users):
    importer = PersonImporter(
        users["officer_a"], units=Unit.objects.for_user(users["officer_a"], "change")
    )
    rows = importer.read(_sheet(_fifty_with_three_bad()))
    assert len(rows) == 50
    cleaned, errors = importer.validate(rows)
    assert [e.row_number for e in errors] == [11, 26, 41]
    assert "Giới tính" in errors[0].messages[0]
    assert "ngoài phạm vi quản lý" in errors[1].messages[0]
    assert "12 chữ số" in errors[2].messages[0]
    before = Person.objects.count()
    with pytest.raises(ValueError, match="3 dòng lỗi"):
        importer.commit(rows)
    assert Person.objects.count() == before


def test_fifty_good_rows_are_all_saved(org, users):
    importer = PersonImporter(
        users["officer_a"], units=Unit.objects.for_user(users["officer_a"], "change")
    )
    rows = importer.read(_sheet([_good_row(i) for i in range(1, 51)]))
    assert importer.commit(rows) == 50
    assert (
        Person.objects.filter(unit=org["ward_a"], full_name__startswith="Nguyễn Văn Người").count()
        == 50
    )


def test_duplicate_citizen_id_against_database_is_a_row_error(org, users):
    importer = PersonImporter(
        users["officer_a"], units=Unit.objects.for_user(users["officer_a"], "change")
    )
    row = _good_row(1)
    row[7] = org["person_a"].citizen_id
    _, errors = importer.validate(importer.read(_sheet([row])))
    assert len(errors) == 1 and "đã có trong hệ thống" in errors[0].messages[0]


def test_missing_required_column_is_a_format_error(org, users):
    wb = Workbook()
    wb.active.append(["Họ và tên", "Giới tính"])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    with pytest.raises(ExcelFormatError, match="Thiếu cột bắt buộc"):
        PersonImporter(users["officer_a"]).read(out)


def test_not_an_excel_file_is_a_format_error(org, users):
    with pytest.raises(ExcelFormatError, match="Không đọc được tệp Excel"):
        PersonImporter(users["officer_a"]).read(io.BytesIO(b"PK\x03\x04 not really a workbook"))


def test_export_round_trips_through_the_importer(org, users):
    data = PersonExporter(Person.objects.filter(pk=org["person_a"].pk)).to_xlsx()
    ws = load_workbook(io.BytesIO(data)).active
    values = [c.value for c in ws[2]]
    assert values[0] == "Ma Thị Lan" and values[1] == "Nữ" and values[6] == "WA"
    org["person_a"].delete()
    importer = PersonImporter(
        users["officer_a"], units=Unit.objects.for_user(users["officer_a"], "change")
    )
    assert importer.commit(importer.read(io.BytesIO(data))) == 1
    assert Person.objects.get(citizen_id="006000000001").ethnicity == "Tày"
