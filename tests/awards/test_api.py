from datetime import date

import pytest

from thidua.awards import services as s
from thidua.awards.models import Award


@pytest.fixture
def draft(approved_session, users):
    return s.draft_from_session(approved_session, users["standing"], on=date(2025, 1, 20))


def test_decisions_require_login(client, draft):
    assert client.get("/api/awards/decisions").status_code == 401


def test_standing_body_drafts_through_the_api(client_for, approved_session):
    resp = client_for("standing").post(
        "/api/awards/decisions",
        {"session_id": approved_session.pk, "date": "2025-01-15"},
        content_type="application/json",
    )
    assert resp.status_code == 201
    body = resp.json()
    assert body["status"] == "draft" and body["base_salary"] == 2_340_000
    assert {ln["awardee_name"]: ln["amount"] for ln in body["lines"]}[
        "Tổ dân phố 1, Đức Xuân"
    ] == 1_410_000


def test_unit_officer_cannot_draft(client_for, approved_session):
    resp = client_for("officer_a").post(
        "/api/awards/decisions",
        {"session_id": approved_session.pk, "date": "2025-01-15"},
        content_type="application/json",
    )
    assert resp.status_code in (403, 404)


def test_only_chairman_signs_through_the_api(client_for, draft):
    assert (
        client_for("standing")
        .post(f"/api/awards/decisions/{draft.pk}/sign", {}, content_type="application/json")
        .status_code
        == 422
    )
    resp = client_for("chairman").post(
        f"/api/awards/decisions/{draft.pk}/sign", {}, content_type="application/json"
    )
    body = resp.json()
    assert (
        resp.status_code == 200
        and body["number_display"] == "01/QĐ-UBND"
        and body["integrity_ok"] is True
    )


def test_units_see_only_their_own_awards_payments(client_for, draft, users):
    s.sign(draft, users["chairman"])
    a = {
        x["awardee_name"]
        for x in client_for("officer_a").get("/api/awards/payments").json()["items"]
    }
    b = {
        x["awardee_name"]
        for x in client_for("officer_b").get("/api/awards/payments").json()["items"]
    }
    assert a == {"Tổ dân phố 1, Đức Xuân", "Ma Thị Lan", "Hộ ông Lý Văn Páo"}
    assert b == {"Bế Văn Hùng"}


def test_mark_paid_through_the_api(client_for, draft, users):
    s.sign(draft, users["chairman"])
    award = Award.objects.get(awardee_name="Bế Văn Hùng")
    assert (
        client_for("officer_b")
        .post(f"/api/awards/payments/{award.pk}/paid", {}, content_type="application/json")
        .status_code
        == 403
    )
    resp = client_for("standing").post(
        f"/api/awards/payments/{award.pk}/paid",
        {"date": "2025-02-01"},
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["paid_at"] == "2025-02-01"


def test_draft_decision_hidden_from_other_units(client_for, draft):
    assert client_for("officer_a").get(f"/api/awards/decisions/{draft.pk}").status_code == 404
