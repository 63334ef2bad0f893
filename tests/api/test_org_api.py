"""The JSON API: token and session auth, same scoping as the pages, OpenAPI docs."""

import json

import pytest

from thidua.core.models import ApiToken, AuditEvent
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


def _bearer(user):
    _, key = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_openapi_docs_are_served(client):
    assert client.get("/api/docs").status_code == 200
    schema = json.loads(client.get("/api/openapi.json").content)
    assert "/api/units" in schema["paths"] and "/api/persons" in schema["paths"]


def test_anonymous_request_is_401(client, org):
    assert client.get("/api/units").status_code == 401


def test_token_is_stored_hashed_and_authenticates(client, org, users):
    token, key = ApiToken.issue(users["officer_a"], "script")
    assert key not in token.key_hash and len(token.key_hash) == 64
    resp = client.get("/api/users/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert resp.status_code == 200 and resp.json()["username"] == "officer_a"
    assert client.get("/api/users/me", HTTP_AUTHORIZATION="Bearer td_wrong").status_code == 401


def test_units_are_scoped_by_unit_tree(client, org, users):
    codes = {
        u["code"] for u in client.get("/api/units", **_bearer(users["officer_a"])).json()["items"]
    }
    assert codes == {"WA", "WA1", "HTXA"}


def test_other_units_person_is_404_by_id(client, org, users):
    resp = client.get(f"/api/persons/{org['person_b'].pk}", **_bearer(users["officer_a"]))
    assert resp.status_code == 404
    assert "Hùng" not in resp.content.decode()


def test_person_search_ignores_diacritics(client, org, users):
    items = client.get("/api/persons", {"q": "ma thi lan"}, **_bearer(users["standing"])).json()[
        "items"
    ]
    assert [p["full_name"] for p in items] == ["Ma Thị Lan"]


def test_create_person_in_own_unit(client, org, users):
    payload = {
        "full_name": "Lục Văn Tài",
        "gender": "nam",
        "category": "nong_dan",
        "unit_id": org["ward_a"].pk,
        "citizen_id": "006000000777",
    }
    resp = client.post(
        "/api/persons", payload, content_type="application/json", **_bearer(users["officer_a"])
    )
    assert resp.status_code == 201
    person = Person.objects.get(citizen_id="006000000777")
    assert AuditEvent.objects.filter(action="org.person.created", object_id=str(person.pk)).exists()


def test_create_person_in_foreign_unit_is_refused_and_saves_nothing(client, org, users):
    payload = {
        "full_name": "Giả Mạo",
        "gender": "nam",
        "category": "nong_dan",
        "unit_id": org["ward_b"].pk,
    }
    resp = client.post(
        "/api/persons", payload, content_type="application/json", **_bearer(users["officer_a"])
    )
    assert resp.status_code == 404
    assert not Person.objects.filter(full_name="Giả Mạo").exists()


def test_create_person_by_read_only_role_is_403(client, org, users):
    payload = {
        "full_name": "Giả Mạo",
        "gender": "nam",
        "category": "nong_dan",
        "unit_id": org["ward_b"].pk,
    }
    resp = client.post(
        "/api/persons", payload, content_type="application/json", **_bearer(users["council"])
    )
    assert resp.status_code == 403


def test_duplicate_citizen_id_is_409(client, org, users):
    payload = {
        "full_name": "Ma Thị Lan",
        "gender": "nu",
        "category": "cong_chuc",
        "unit_id": org["ward_a"].pk,
        "citizen_id": "006000000001",
    }
    resp = client.post(
        "/api/persons", payload, content_type="application/json", **_bearer(users["officer_a"])
    )
    assert resp.status_code == 409


def test_invalid_payload_is_422(client, org, users):
    payload = {
        "full_name": "X",
        "gender": "khac",
        "category": "nong_dan",
        "unit_id": org["ward_a"].pk,
    }
    resp = client.post(
        "/api/persons", payload, content_type="application/json", **_bearer(users["officer_a"])
    )
    assert resp.status_code == 422


def test_session_auth_requires_csrf_for_writes(org, users):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(users["officer_a"])
    assert c.get("/api/units").status_code == 200
    payload = {
        "full_name": "Lục Văn Tài",
        "gender": "nam",
        "category": "nong_dan",
        "unit_id": org["ward_a"].pk,
    }
    assert c.post("/api/persons", payload, content_type="application/json").status_code == 403


def test_blocks_and_users_endpoints(client, org, users):
    blocks = client.get("/api/blocks", **_bearer(users["standing"])).json()["items"]
    assert set(blocks[0]["member_ids"]) == {org["ward_a"].pk, org["ward_b"].pk}
    names = {u["username"] for u in client.get("/api/users", **_bearer(users["standing"])).json()}
    assert {"officer_a", "officer_b", "standing"} <= names
    assert client.get("/api/users", **_bearer(users["officer_a"])).json() == []
    assert (
        client.get(f"/api/users/{users['officer_b'].pk}", **_bearer(users["officer_a"])).status_code
        == 404
    )
