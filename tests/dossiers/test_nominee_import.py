"""Nominees from the Excel template: every row or none, row errors in Vietnamese."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEvent
from thidua.dossiers.excel import EXAMPLE_ROWS, NOMINEE_COLUMNS

from .helpers import person, ready_dossier

HEADERS = [h for h, _ in NOMINEE_COLUMNS]


def _xlsx(rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("ds.xlsx", buf.getvalue())


def _row(kind, name, cid="", achievements="Hoàn thành xuất sắc nhiệm vụ", **kw):
    values = dict(zip([f for _, f in NOMINEE_COLUMNS], [""] * len(NOMINEE_COLUMNS), strict=True))
    values.update(subject_kind=kind, name=name, citizen_id=cid, achievements=achievements, **kw)
    return [values[f] for _, f in NOMINEE_COLUMNS]


@pytest.fixture
def draft(users, org, campaign):
    return ready_dossier(users["officer_a"], org["ward_a"], campaign, [])


def test_template_is_downloadable_with_its_header_and_examples(client_for):
    resp = client_for("officer_a").get(reverse("dossiers:nominee_template"))
    assert resp.status_code == 200 and "attachment" in resp["Content-Disposition"]
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == HEADERS and len(rows) == 1 + len(EXAMPLE_ROWS)


def test_import_page_links_the_template(client_for, draft):
    html = client_for("officer_a").get(reverse("dossiers:nominee_import", args=[draft.pk]))
    assert reverse("dossiers:nominee_template") in html.content.decode()


def test_the_example_sheet_imports_every_row(client_for, draft, org):
    person(org["ward_a"], "Ma Văn Cũ", "006199999999")
    rows = [
        *EXAMPLE_ROWS,
        _row("cá nhân", "Ma Văn Cũ", "006199999999", votes_for=12),
    ]
    resp = client_for("officer_a").post(
        reverse("dossiers:nominee_import", args=[draft.pk]), {"file": _xlsx(rows)}
    )
    assert resp.status_code == 302
    names = set(draft.nominees.values_list("name", flat=True))
    assert names == {"Hoàng Thị Mai", "Tổ dân phố 3", "Ma Văn Cũ"}
    mai = draft.nominees.get(name="Hoàng Thị Mai")
    assert mai.person.gender == "nu" and mai.person.birth_date.isoformat() == "1985-05-12"
    assert mai.votes_for == 15 and mai.is_ethnic_minority
    assert AuditEvent.objects.filter(action="dossiers.nominee.added").count() == 3


def test_wrong_rows_are_listed_in_vietnamese_and_nothing_is_saved(client_for, draft):
    rows = [
        _row("Cá nhân", "Lý Thị Đúng", "006100000001"),
        _row("Ca nhan", "Không CCCD"),
        _row("Người", "Sai loại", "006100000002"),
        _row("Cá nhân", "Sai ngày", "006100000003", birth_date="31/02/1990"),
        _row("Cá nhân", "Trùng", "006100000001"),
        _row("Tập thể", "Thiếu thành tích", achievements=""),
    ]
    resp = client_for("officer_a").post(
        reverse("dossiers:nominee_import", args=[draft.pk]), {"file": _xlsx(rows)}
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and "chưa nhập dòng nào" in html
    table = html[html.index('id="row-error-table"') :]
    for number, text in [
        (3, "cần số CCCD hoặc mã cán bộ"),
        (4, "ghi “Cá nhân” hoặc “Tập thể”"),
        (5, "Ngày không hợp lệ"),
        (6, "Trùng với dòng 2"),
        (7, "Thành tích"),
    ]:
        assert f"<td>{number}</td>" in table and text in table
    assert "<td>2</td>" not in table
    assert not draft.nominees.exists()


def test_a_row_refused_by_the_dossier_rules_rolls_back_the_others(client_for, draft, org):
    outsider = person(org["ward_b"], "Người phường khác", "006188888888")
    rows = [
        _row("Cá nhân", "Lý Thị Đúng", "006100000001"),
        _row("Cá nhân", outsider.full_name, outsider.citizen_id),
    ]
    resp = client_for("officer_a").post(
        reverse("dossiers:nominee_import", args=[draft.pk]), {"file": _xlsx(rows)}
    )
    html = resp.content.decode()
    assert "<td>3</td>" in html and "không thuộc phạm vi" in html
    assert not draft.nominees.exists()
    from thidua.org.models import Person

    assert not Person.objects.filter(citizen_id="006100000001").exists()


def test_missing_column_and_other_units_are_refused(client_for, draft):
    resp = client_for("officer_a").post(
        reverse("dossiers:nominee_import", args=[draft.pk]),
        {"file": _xlsx([["x"]], headers=["Họ và tên hoặc tên tập thể"])},
    )
    assert "Thiếu cột bắt buộc" in resp.content.decode()
    assert client_for("officer_b").get(
        reverse("dossiers:nominee_import", args=[draft.pk])
    ).status_code in (403, 404)
