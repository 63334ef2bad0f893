"""API: the same permissions as the pages; a forged request for another unit → 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.models import ApiToken
from thidua.dossiers.enums import DossierStatus

from .helpers import GIAY_KHEN_HUYEN, PDF, person, ready_dossier


def _auth(user):
    _, key = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_create_with_nominees_then_upload_then_submit(client, users, org, campaign):
    h = _auth(users["officer_a"])
    p = person(org["ward_a"], "Lục Văn An", "006000000101")
    payload = {
        "proposer_id": org["ward_a"].pk,
        "form_code": GIAY_KHEN_HUYEN,
        "campaign_id": campaign.pk,
        "meeting_date": "2025-01-10",
        "meeting_attendees": 9,
        "meeting_total": 11,
        "nominees": [
            {
                "subject_kind": "individual",
                "person_id": p.pk,
                "achievements": "Tốt",
                "votes_for": 9,
            },
            {
                "subject_kind": "individual",
                "achievements": "Giỏi",
                "new_person": {
                    "full_name": "Hoàng Thị Mới",
                    "citizen_id": "006000000777",
                    "gender": "nu",
                },
            },
        ],
    }
    r = client.post("/api/dossiers/", payload, content_type="application/json", **h)
    assert r.status_code == 201, r.content
    body = r.json()
    assert [n["name"] for n in body["nominees"]] == ["Lục Văn An", "Hoàng Thị Mới"]
    did = body["id"]
    r = client.post(f"/api/dossiers/{did}/submit", **h)
    assert r.status_code == 422 and any("Tờ trình" in m for m in r.json()["problems"])
    for t in ("to_trinh", "bien_ban"):
        r = client.post(
            f"/api/dossiers/{did}/documents",
            {"doc_type": t, "file": SimpleUploadedFile("a.pdf", PDF)},
            **h,
        )
        assert r.status_code == 201
    r = client.post(f"/api/dossiers/{did}/submit", **h)
    assert r.status_code == 200 and r.json()["status"] == DossierStatus.SUBMITTED


def test_forged_requests_for_another_units_dossier_get_404(client, users, org, campaign):
    d = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [person(org["ward_a"], "An", "006000000101")]
    )
    h = _auth(users["officer_b"])
    assert client.get(f"/api/dossiers/{d.pk}", **h).status_code == 404
    assert client.post(f"/api/dossiers/{d.pk}/submit", **h).status_code == 404
    r = client.post(
        f"/api/dossiers/{d.pk}/documents",
        {"doc_type": "to_trinh", "file": SimpleUploadedFile("a.pdf", PDF)},
        **h,
    )
    assert r.status_code == 404
    r = client.post(
        "/api/dossiers/",
        {"proposer_id": org["ward_a"].pk, "form_code": GIAY_KHEN_HUYEN},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 404
    assert client.get("/api/dossiers/", **h).json() == []


def test_api_requires_authentication(client, users, org, campaign):
    assert client.get("/api/dossiers/").status_code == 401


@pytest.mark.parametrize(
    ("who", "visible"), [("officer_a", True), ("standing", True), ("officer_b", False)]
)
def test_list_scoping(client, users, org, campaign, who, visible):
    from thidua.dossiers import services

    d = ready_dossier(
        users["officer_a"], org["ward_a"], campaign, [person(org["ward_a"], "An", "006000000101")]
    )
    services.submit(d, users["officer_a"])
    ids = [x["id"] for x in client.get("/api/dossiers/", **_auth(users[who])).json()]
    assert (d.pk in ids) is visible
