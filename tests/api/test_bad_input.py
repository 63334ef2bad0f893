"""Bad input is a 4xx with a Vietnamese message, never a 500 (issue #10, item 11): ids and
offsets beyond bigint, NUL in a query string, numbers overflowing their column, a negative
year, multipart without a boundary, control characters in names."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from thidua.core.models import ApiToken
from thidua.org.excel import PERSON_COLUMNS, PersonImporter
from thidua.org.forms import PersonForm
from thidua.org.models import Person, Unit

pytestmark = pytest.mark.django_db

BEYOND_BIGINT = "99999999999999999999999"


@pytest.fixture
def api_get(client, users):
    _, key = ApiToken.issue(users["standing"], "test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(url, **params):
        return client.get(url, params, **headers)

    get.post = lambda url, data, **kw: client.post(url, data, **headers, **kw)
    return get


def _vietnamese_422(resp) -> dict:
    assert resp.status_code == 422, resp.content
    body = resp.json()
    assert body["detail"].startswith("Dữ liệu không hợp lệ")
    assert all(e["msg"] and e["loc"] for e in body["errors"])
    return body


@pytest.mark.parametrize("url", ["/api/units", "/api/persons", "/api/blocks"])
@pytest.mark.parametrize("param", ["offset", "limit"])
def test_offset_and_limit_beyond_bigint_are_422(api_get, org, url, param):
    body = _vietnamese_422(api_get(url, **{param: BEYOND_BIGINT}))
    assert body["errors"][0]["loc"][-1] == param
    assert "nhỏ hơn hoặc bằng" in body["errors"][0]["msg"]


@pytest.mark.parametrize(
    "url", ["/api/units/{}", "/api/persons/{}", "/api/dossiers/{}", "/api/registrations/{}"]
)
def test_ids_beyond_bigint_are_422(api_get, org, url):
    _vietnamese_422(api_get(url.format(BEYOND_BIGINT)))


@pytest.mark.parametrize(
    "url",
    [
        "/api/registry/search?q=a%00b",
        "/api/persons?q=a%00b",
        "/api/units?q=%00",
        "/to-chuc/ca-nhan/?q=a%00b",
        "/so-khen-thuong/tra-cuu/?q=a%00b",
    ],
)
def test_nul_in_a_query_string_is_400(client, users, url):
    client.force_login(users["standing"])
    resp = client.get(url)
    assert resp.status_code == 400
    assert "ký tự NUL" in resp.content.decode()


def test_nul_in_a_form_field_is_400(client, org, users):
    client.force_login(users["officer_a"])
    resp = client.post(reverse("org:person_add"), {"full_name": "Ma\x00Lan"})
    assert resp.status_code == 400 and "ký tự NUL" in resp.content.decode()


def test_target_overflowing_its_column_is_422(api_get, org):
    resp = api_get.post(
        "/api/registrations/1/indicators",
        {"name": "Chỉ tiêu", "target": 1e20},
        content_type="application/json",
    )
    body = _vietnamese_422(resp)
    assert body["errors"][0]["loc"][-1] == "target"


def test_target_overflowing_its_column_in_the_service_is_a_vietnamese_error():
    from thidua.registrations.services import RegistrationError, _decimal

    for value in ("1e20", "NaN", "Infinity"):
        with pytest.raises(RegistrationError, match="vượt quá giới hạn"):
            _decimal(value, "Chỉ tiêu")
    assert _decimal("12,5", "Chỉ tiêu") == Decimal("12.5")


def test_meeting_attendees_overflowing_a_small_integer_is_422(api_get, org):
    payload = {
        "proposer_id": org["ward_a"].pk,
        "form_code": "GK_UBND_XA",
        "meeting_attendees": 40000,
    }
    body = _vietnamese_422(api_get.post("/api/dossiers/", payload, content_type="application/json"))
    assert body["errors"][0]["loc"][-1] == "meeting_attendees"


def test_meeting_attendees_overflow_in_the_page_form_is_a_form_error():
    from thidua.dossiers.forms import MeetingForm

    form = MeetingForm({"title": "Tờ trình", "meeting_attendees": 40000, "meeting_total": 40001})
    assert not form.is_valid()
    assert set(form.errors) == {"meeting_attendees", "meeting_total"}


def test_negative_year_on_report_figures_is_422(api_get, org):
    body = _vietnamese_422(api_get("/api/reports/figures", authority=org["city"].pk, year=-5))
    assert body["errors"][0]["loc"][-1] == "year"


@pytest.mark.parametrize(
    "url", ["/api/dossiers/1/documents", "/api/campaigns/import/extract-file/"]
)
def test_api_multipart_without_boundary_is_400(api_get, org, url):
    resp = api_get.post(url, b"--x\r\n", content_type="multipart/form-data")
    assert resp.status_code == 400
    assert "multipart" in resp.json()["detail"]


def test_page_multipart_without_boundary_is_400(client, org, users):
    client.force_login(users["officer_a"])
    resp = client.post(reverse("org:person_add"), b"--x\r\n", content_type="multipart/form-data")
    assert resp.status_code == 400


def test_control_character_in_a_name_is_422_through_the_api(api_get, org):
    payload = {
        "full_name": "Ma Thị\x1dLan",
        "gender": "nu",
        "category": "cong_chuc",
        "unit_id": org["ward_a"].pk,
    }
    body = _vietnamese_422(api_get.post("/api/persons", payload, content_type="application/json"))
    assert "ký tự điều khiển" in body["errors"][0]["msg"]
    assert not Person.objects.filter(full_name__contains="\x1d").exists()


def test_control_character_in_a_name_is_a_form_error(org, users):
    form = PersonForm(
        {
            "full_name": "Ma Thị\x1dLan",
            "gender": "nu",
            "category": "cong_chuc",
            "unit": org["ward_a"].pk,
            "ethnicity": "Tày",
        },
        units=Unit.objects.all(),
    )
    assert not form.is_valid()
    assert "ký tự điều khiển" in " ".join(form.errors["full_name"])


def test_control_character_in_an_excel_import_row_is_a_row_error(org, users):
    importer = PersonImporter(
        users["officer_a"], units=Unit.objects.for_user(users["officer_a"], "change")
    )
    rows = importer.read(_person_sheet(["Ma Thị Lan", "Nguyễn Văn Người"]))
    rows[1][1]["full_name"] = "Nguyễn Văn\x1dNgười"
    _cleaned, errors = importer.validate(rows)
    assert [e.row_number for e in errors] == [3]
    assert "ký tự điều khiển" in " ".join(errors[0].messages)


def _person_sheet(names: list[str]) -> io.BytesIO:
    wb = Workbook()
    wb.active.append([header for header, _ in PERSON_COLUMNS])
    for i, name in enumerate(names, start=1):
        wb.active.append(
            [
                name,
                "Nam",
                "01/02/1990",
                "Tày",
                "Công chức",
                "Chuyên viên",
                "WA",
                f"0010000{i:05d}",
                "",
                "",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "ca-nhan.xlsx"
    return out


def test_documented_422_body_is_the_real_one(client, api_get, org):
    schema = client.get("/api/openapi.json").json()
    declared = schema["paths"]["/api/persons"]["post"]["responses"]["422"]
    assert declared["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    error_out = schema["components"]["schemas"]["ErrorOut"]
    body = _vietnamese_422(api_get("/api/units", offset=-1))
    assert set(body) <= set(error_out["properties"]) and set(error_out["required"]) <= set(body)


def test_unauthenticated_api_answer_is_vietnamese(client, org):
    resp = client.get("/api/units")
    assert resp.status_code == 401 and "Bearer token" in resp.json()["detail"]


def test_control_character_in_a_new_nominee_name_is_a_form_error():
    from thidua.dossiers.forms import NomineeForm

    form = NomineeForm({"subject_kind": "individual", "full_name": "Ma Thị\x1dLan"})
    form.is_valid()
    assert "ký tự điều khiển" in " ".join(form.errors.get("full_name", []))
