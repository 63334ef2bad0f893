"""Interchange with the higher-level database: export, import, round trip, bad rows."""

import io
import json

import pytest
from openpyxl import load_workbook

from thidua.awards.models import Award, Decision
from thidua.registry.interchange import COLUMNS, RegistryExporter, RegistryImporter, award_rows
from thidua.registry.services import public_awards


def _rows(n, org):
    units = [org["ward_a"].code, org["ward_b"].code]
    return [
        {
            "ma_xac_thuc": f"IMP{i:05d}",
            "ho_ten": f"Nguyễn Văn Người {i}",
            "doi_tuong": "individual",
            "so_cccd": "",
            "ma_don_vi": units[i % 2],
            "don_vi": "",
            "ma_hinh_thuc": "bang_khen_chu_tich_tinh",
            "hinh_thuc": "Bằng khen của Chủ tịch UBND tỉnh",
            "noi_dung": "Đã có thành tích xuất sắc",
            "ma_co_quan": org["province"].code,
            "co_quan": org["province"].name,
            "so_quyet_dinh": "1234/QĐ-UBND",
            "ngay_quyet_dinh": "2024-08-15",
            "ngay_khen": "2024-08-15",
            "phong_trao": "",
            "tien_thuong": "1520000",
        }
        for i in range(n)
    ]


def _json(rows) -> bytes:
    return json.dumps({"format": "thidua-registry/1", "awards": rows}, ensure_ascii=False).encode()


def _import(data: bytes, name: str, user=None):
    importer = RegistryImporter(user=user)
    rows = importer.read_any(name, data)
    cleaned, errors = importer.validate(rows)
    if not errors:
        importer.commit(rows)
    return errors


def test_import_of_fifty_rows_creates_awards_and_one_decision(org):
    assert _import(_json(_rows(50, org)), "so.json") == []
    assert Award.objects.filter(source="import").count() == 50
    d = Decision.objects.get(issuer=org["province"], number=1234)
    assert d.symbol == "QĐ-UBND" and d.doc_date.isoformat() == "2024-08-15" and d.status == "signed"
    assert public_awards().filter(verification_code="IMP00007").get().amount == 1520000


def test_bad_import_saves_nothing_and_reports_exactly_the_three_bad_rows(org):
    rows = _rows(50, org)
    rows[4]["ngay_quyet_dinh"] = "15/08/2024"  # not ISO
    rows[20]["ma_don_vi"] = "KHONG_CO"  # unknown unit
    rows[41]["so_quyet_dinh"] = "một hai ba"  # not a decision number
    errors = _import(_json(rows), "so.json")
    assert [e.row_number for e in errors] == [5, 21, 42]
    assert "YYYY-MM-DD" in " ".join(errors[0].messages)
    assert "KHONG_CO" in " ".join(errors[1].messages)
    assert "15/QĐ-UBND" in " ".join(errors[2].messages)
    assert not Award.objects.exists() and not Decision.objects.exists()


def test_commit_refuses_when_any_row_is_bad(org):
    rows = _rows(3, org)
    rows[2]["doi_tuong"] = "robot"
    importer = RegistryImporter()
    with pytest.raises(ValueError, match="không lưu"):
        importer.commit(importer.read_json(_json(rows)))
    assert not Award.objects.exists()


def test_duplicate_codes_inside_a_file_and_against_the_registry_are_errors(org, signed):
    rows = _rows(3, org)
    rows[1]["ma_xac_thuc"] = rows[0]["ma_xac_thuc"]
    rows[2]["ma_xac_thuc"] = signed["awards"][0].verification_code
    errors = _import(_json(rows), "so.json")
    assert [e.row_number for e in errors] == [2, 3]


def test_import_refuses_to_attach_to_an_internal_decision(org, signed):
    rows = _rows(1, org)
    rows[0].update(
        ma_co_quan=org["city"].code, so_quyet_dinh="15/QĐ-UBND", ngay_quyet_dinh="2025-01-20"
    )
    errors = _import(_json(rows), "so.json")
    assert len(errors) == 1 and "đã có trong hệ thống" in errors[0].messages[0]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_round_trip_export_then_import_gives_the_same_rows(org, signed, fmt):
    exporter = RegistryExporter(public_awards())
    before = award_rows(public_awards())
    data = {"json": exporter.to_json, "csv": exporter.to_csv, "xlsx": exporter.to_xlsx}[fmt]()
    Award.objects.all().delete()
    Decision.objects.all().delete()
    assert _import(data, f"so.{fmt}") == []
    after = award_rows(public_awards())
    assert after == before
    assert len(after) == 3 and {r["ho_ten"] for r in after} == {
        "Ma Thị Lan",
        "Bế Văn Hùng",
        "Phường Đức Xuân",
    }


def test_export_dates_are_iso_and_csv_is_utf8_with_bom(org, signed):
    exporter = RegistryExporter(public_awards())
    csv_bytes = exporter.to_csv()
    assert csv_bytes.startswith("\ufeff".encode()) and "2025-01-20" in csv_bytes.decode("utf-8-sig")
    doc = json.loads(exporter.to_json())
    assert doc["format"] == "thidua-registry/1" and doc["awards"][0]["ngay_khen"] == "2025-01-20"
    ws = load_workbook(io.BytesIO(exporter.to_xlsx())).active
    assert [c.value for c in ws[1]] == [h for _, h in COLUMNS]
