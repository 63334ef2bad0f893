"""Organisation pages: allow/deny per role, bounded queries, import flow through the UI."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from thidua.core.models import AuditEvent, ImportBatch
from thidua.org.excel import PERSON_COLUMNS
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name,expected",
    [("officer_a", 200), ("officer_b", 404), ("standing", 200), ("council", 200), ("nobody", 404)],
)
def test_unit_detail_allow_deny(org, users, client_for, name, expected):
    resp = client_for(name).get(reverse("org:unit", args=[org["ward_a"].pk]))
    assert resp.status_code == expected
    if expected == 404:
        assert "Đức Xuân" not in resp.content.decode()


@pytest.mark.parametrize(
    "name,expected",
    [
        ("officer_a", 200),
        ("head_a", 200),
        ("officer_b", 404),
        ("standing", 200),
        ("council", 200),
        ("block_head", 200),
        ("edu_officer", 404),
    ],
)
def test_person_detail_allow_deny(org, users, client_for, name, expected):
    resp = client_for(name).get(reverse("org:person", args=[org["person_a"].pk]))
    assert resp.status_code == expected


def test_person_edit_by_read_only_role_is_forbidden(org, users, client_for):
    resp = client_for("council").get(reverse("org:person_edit", args=[org["person_a"].pk]))
    assert resp.status_code == 403


def test_anonymous_is_sent_to_login(org, client):
    resp = client.get(reverse("org:persons"))
    assert resp.status_code == 302 and resp["Location"].startswith("/dang-nhap/")


def test_person_list_shows_only_own_unit_and_vietnamese_order(org, users, client_for):
    Person.objects.create(
        full_name="Trần Văn Bình", gender="nam", category="cong_chuc", unit=org["ward_a"]
    )
    Person.objects.create(
        full_name="Lê Thị An", gender="nu", category="cong_chuc", unit=org["ward_a"]
    )
    html = client_for("officer_a").get(reverse("org:persons")).content.decode()
    assert "Bế Văn Hùng" not in html
    assert html.index("Lê Thị An") < html.index("Trần Văn Bình") < html.index("Ma Thị Lan")


def test_person_search_ignores_diacritics(org, users, client_for):
    html = client_for("standing").get(reverse("org:persons"), {"q": "be van hung"}).content.decode()
    assert "Bế Văn Hùng" in html and "Ma Thị Lan" not in html


def test_person_create_writes_audit_and_membership(org, users, client_for):
    resp = client_for("officer_a").post(
        reverse("org:person_add"),
        {
            "full_name": "Hoàng Thị Mai",
            "gender": "nu",
            "ethnicity": "Tày",
            "category": "cong_chuc",
            "unit": org["ward_a"].pk,
            "citizen_id": "006000000099",
        },
    )
    assert resp.status_code == 302
    person = Person.objects.get(citizen_id="006000000099")
    assert person.memberships.count() == 1
    assert AuditEvent.objects.filter(action="org.person.created", object_id=str(person.pk)).exists()


def test_person_create_for_another_unit_is_rejected(org, users, client_for):
    resp = client_for("officer_a").post(
        reverse("org:person_add"),
        {
            "full_name": "Giả Mạo",
            "gender": "nam",
            "ethnicity": "Kinh",
            "category": "cong_chuc",
            "unit": org["ward_b"].pk,
        },
    )
    assert resp.status_code == 200  # form re-shown with an error
    assert not Person.objects.filter(full_name="Giả Mạo").exists()


@pytest.mark.parametrize("url_name", ["org:persons", "org:units", "org:blocks", "audit_log"])
def test_list_query_count_does_not_grow_with_rows(
    org, users, client_for, django_assert_max_num_queries, url_name
):
    c = client_for("standing")
    AuditEvent.objects.create(action="test.one", object_repr="x", unit=org["ward_b"])
    c.get(reverse(url_name))
    with django_assert_max_num_queries(14) as small:
        c.get(reverse(url_name))
    for i in range(60):
        Person.objects.create(
            full_name=f"Người Thứ {i}", gender="nam", category="cong_chuc", unit=org["ward_b"]
        )
        AuditEvent.objects.create(action="test.bulk", object_repr=f"x{i}", unit=org["ward_b"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        c.get(reverse(url_name))


def _xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    wb.active.append([h for h, _ in PERSON_COLUMNS])
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "ds.xlsx"
    return out


def test_import_flow_preview_then_commit(org, users, client_for):
    c = client_for("officer_a")
    rows = [
        [f"Nông Văn Số {i}", "Nam", "", "Tày", "Nông dân", "", "WA", "", "", "x"] for i in range(3)
    ]
    resp = c.post(reverse("org:import", args=["persons"]), {"file": _xlsx(rows)})
    batch = ImportBatch.objects.get()
    assert resp["Location"] == reverse("org:import_preview", args=[batch.pk])
    assert Person.objects.filter(full_name__startswith="Nông Văn Số").count() == 0
    assert "Xác nhận nhập 3 dòng" in c.get(resp["Location"]).content.decode()
    c.post(reverse("org:import_commit", args=[batch.pk]))
    assert (
        Person.objects.filter(full_name__startswith="Nông Văn Số", is_direct_worker=True).count()
        == 3
    )


def test_import_of_renamed_non_excel_file_is_refused(org, users, client_for):
    fake = io.BytesIO(b"%PDF-1.4 not excel")
    fake.name = "ds.xlsx"
    resp = client_for("officer_a").post(reverse("org:import", args=["persons"]), {"file": fake})
    assert "không phải định dạng Excel" in resp.content.decode()
    assert not ImportBatch.objects.exists()


def test_import_batch_of_another_user_is_not_visible(org, users, client_for):
    batch = ImportBatch.objects.create(kind="persons", user=users["officer_b"], filename="x.xlsx")
    assert (
        client_for("officer_a").get(reverse("org:import_preview", args=[batch.pk])).status_code
        == 404
    )


def test_unit_import_is_for_standing_body_only(org, users, client_for):
    assert client_for("officer_a").get(reverse("org:import", args=["units"])).status_code == 403
    assert client_for("standing").get(reverse("org:import", args=["units"])).status_code == 200


def test_exports_contain_only_scoped_rows(org, users, client_for):
    from openpyxl import load_workbook

    data = client_for("officer_a").get(reverse("org:export_persons")).content
    names = [
        r[0] for r in load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=True)
    ]
    assert names == ["Ma Thị Lan"]


def test_merge_page_for_standing_body(org, users, client_for):
    from thidua.org.models import Unit

    new = Unit.objects.create(code="WN", name="Phường Mới", kind="ward", parent=org["city"])
    c = client_for("standing")
    resp = c.post(
        reverse("org:merge", args=[new.pk]),
        {"predecessors": [org["ward_a"].pk], "effective": "31/06/2025"},
    )
    assert resp.status_code == 200 and "Ngày hiệu lực không hợp lệ" in resp.content.decode()
    assert Unit.objects.get(code="WA").successor_id is None
    resp = c.post(
        reverse("org:merge", args=[new.pk]),
        {"predecessors": [org["ward_a"].pk], "effective": "01/07/2025"},
    )
    assert resp.status_code == 302
    assert Unit.objects.get(code="WA").successor_id == new.pk
    assert client_for("officer_a").get(reverse("org:merge", args=[new.pk])).status_code == 403


@pytest.mark.parametrize("name", ["standing", "officer_a", "block_head"])
def test_block_detail_renders_the_block(org, users, client_for, name):
    """The template's own `{% block %}` tags shadowed a context variable named `block`."""
    block = org["block"]
    resp = client_for(name).get(reverse("org:block", args=[block.pk]))
    assert resp.status_code == 200
    body = resp.content.decode()
    assert f"<h1>{block.name}</h1>" in body
    assert reverse("registrations:schemes", args=[block.pk]) in body
    assert org["ward_a"].name in body
