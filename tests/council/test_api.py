from datetime import date

import pytest

from thidua.council import services
from thidua.council.models import BallotReceipt


@pytest.fixture
def session(org, users, council, dossiers, campaign):
    sess = services.create_session(
        org["city"],
        users["standing"],
        title="Phiên họp API",
        on=date(2025, 1, 18),
        campaign=campaign,
    )
    services.build_agenda(sess, users["standing"])
    services.open_session(sess, users["standing"])
    return sess


def test_sessions_list_requires_login(client, session):
    assert client.get("/api/council/sessions").status_code == 401


def test_sessions_list_for_council_member(client_for, session):
    data = client_for("council").get("/api/council/sessions").json()
    assert [x["title"] for x in data["items"]] == ["Phiên họp API"]


def test_sessions_list_forbidden_to_unit_officer(client_for, session):
    assert client_for("officer_a").get("/api/council/sessions").status_code == 403


def test_member_casts_ballot_and_totals_stay_hidden_until_close(client_for, session, users):
    c = client_for("council")
    items = list(session.items.order_by("order"))
    resp = c.post(
        f"/api/council/sessions/{session.pk}/ballot",
        {"choices": {str(items[0].pk): "yes"}},
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["recorded"] == 1
    detail = c.get(f"/api/council/sessions/{session.pk}").json()
    first = detail["items"][0]
    assert first["ballots_received"] == 1 and first["yes"] is None
    again = c.post(
        f"/api/council/sessions/{session.pk}/ballot",
        {"choices": {str(items[0].pk): "no"}},
        content_type="application/json",
    )
    assert again.status_code == 422 and "đã bỏ phiếu" in again.json()["detail"]
    assert BallotReceipt.objects.count() == 1
    from tests.council.builders import fill_ballots

    fill_ballots(session, users)
    client_for("standing").post(f"/api/council/sessions/{session.pk}/close")
    closed = c.get(f"/api/council/sessions/{session.pk}").json()
    assert closed["status"] == "closed" and closed["items"][0]["yes"] == 1


def test_ballot_with_invalid_choice_is_rejected(client_for, session):
    item = session.items.first()
    resp = client_for("council").post(
        f"/api/council/sessions/{session.pk}/ballot",
        {"choices": {str(item.pk): "maybe"}},
        content_type="application/json",
    )
    assert resp.status_code == 422
    item.refresh_from_db()
    assert item.yes + item.no + item.abstain == 0


def test_council_member_cannot_close(client_for, session):
    resp = client_for("council").post(f"/api/council/sessions/{session.pk}/close")
    assert resp.status_code == 422
