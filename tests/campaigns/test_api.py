import json

from tests.campaigns.conftest import seed_text
from thidua.campaigns import services
from thidua.campaigns.models import Campaign


def test_api_requires_authentication(client, campaign):
    assert client.get("/api/campaigns/").status_code == 401


def test_api_list_is_scoped(client_for, campaign, users):
    assert [c["id"] for c in client_for("standing").get("/api/campaigns/").json()] == [campaign.pk]
    assert client_for("officer_a").get("/api/campaigns/").json() == []  # draft not visible
    assert client_for("nobody").get(f"/api/campaigns/{campaign.pk}/").status_code == 404
    services.launch(campaign, users["standing"])
    assert [c["id"] for c in client_for("officer_a").get("/api/campaigns/").json()] == [campaign.pk]
    assert (
        client_for("nobody").get(f"/api/campaigns/{campaign.pk}/").status_code == 200
    )  # public once launched


def test_api_detail_has_deadlines_and_forms(client_for, campaign):
    data = client_for("standing").get(f"/api/campaigns/{campaign.pk}/").json()
    assert [d["date"] for d in data["deadlines"]] == ["2025-01-22", "2025-01-25"]
    assert data["award_forms"][2]["upward"] is True


def test_api_put_rules_validates_and_checks_role(client_for, campaign, users):
    services.launch(campaign, users["standing"])
    url = f"/api/campaigns/{campaign.pk}/rules/"
    rules = campaign.rules[:2]
    resp = client_for("officer_a").put(
        url, json.dumps({"rules": rules}), content_type="application/json"
    )
    assert resp.status_code == 403
    bad = [{**rules[0], "max": -1}]
    resp = client_for("standing").put(
        url, json.dumps({"rules": bad}), content_type="application/json"
    )
    assert resp.status_code == 422
    campaign.refresh_from_db()
    assert len(campaign.rules) == 11
    resp = client_for("standing").put(
        url, json.dumps({"rules": rules}), content_type="application/json"
    )
    assert resp.status_code == 200 and len(resp.json()) == 2


def test_api_import_extract_and_draft(client_for, org):
    c = client_for("standing")
    text = seed_text("004")
    resp = c.post(
        "/api/campaigns/import/extract/",
        json.dumps({"text": text}),
        content_type="application/json",
    )
    assert resp.status_code == 200
    extraction = resp.json()["extraction"]
    assert extraction["start_date"] == "2020-10-01"
    denied = client_for("officer_a").post(
        "/api/campaigns/import/extract/",
        json.dumps({"text": text}),
        content_type="application/json",
    )
    assert denied.status_code == 403
    body = {"issuer_id": org["city"].pk, "extraction": extraction, "source_text": text}
    assert (
        client_for("officer_a")
        .post("/api/campaigns/import/draft/", json.dumps(body), content_type="application/json")
        .status_code
        == 403
    )
    resp = c.post("/api/campaigns/import/draft/", json.dumps(body), content_type="application/json")
    assert resp.status_code == 201 and Campaign.objects.get().status == "draft"


def test_api_extract_file_rejects_binary(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = client_for("standing").post(
        "/api/campaigns/import/extract-file/",
        {"file": SimpleUploadedFile("x.exe", b"\x00\x01\x02" * 100)},
    )
    assert resp.status_code == 422 and "không được hỗ trợ" in resp.json()["detail"]
