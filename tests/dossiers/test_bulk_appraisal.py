"""Appraising many lines of a dossier at once: one result for the selected lines, all or none,
one audit entry per line."""

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.dossiers import services
from thidua.dossiers.enums import LineResult

from .helpers import make_campaign, person, ready_dossier


@pytest.fixture
def big(users, org, legal):
    campaign = make_campaign(org, seed="bulk")
    people = [person(org["ward_a"], f"Người số {i}", f"0069000{i:05d}") for i in range(12)]
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, people)
    services.submit(d, users["officer_a"])
    d.refresh_from_db()
    return d


@pytest.fixture
def draft(users, org, big):
    p = person(org["ward_b"], "Hà Thị Bình", "006900099999")
    return ready_dossier(users["officer_b"], org["ward_b"], big.campaign, [p])


def test_bulk_bar_appraises_the_selected_lines(client_for, big):
    lines = list(big.nominees.order_by("pk"))
    chosen = [n.pk for n in lines[:10]]
    resp = client_for("standing").post(
        reverse("dossiers:appraise_lines", args=[big.pk]),
        {"lines": chosen, "result": "eligible", "wording": "Hoàn thành xuất sắc nhiệm vụ 2024"},
    )
    assert resp.status_code == 302
    results = dict(big.nominees.values_list("pk", "result"))
    assert [results[pk] for pk in chosen] == [LineResult.ELIGIBLE] * 10
    assert {results[n.pk] for n in lines[10:]} == {LineResult.PENDING}
    assert big.nominees.get(pk=chosen[0]).certificate_wording == "Hoàn thành xuất sắc nhiệm vụ 2024"
    assert AuditEvent.objects.filter(action="dossiers.nominee.appraised").count() == 10


def test_bulk_ineligible_needs_a_reason_and_keeps_the_selection(client_for, big):
    chosen = [str(pk) for pk in big.nominees.values_list("pk", flat=True)[:3]]
    resp = client_for("standing").post(
        reverse("dossiers:appraise_lines", args=[big.pk]),
        {"lines": chosen, "result": "ineligible", "wording": "giữ lại"},
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and 'href="#id_reason"' in html
    assert html.count('form="bulk-appraise" aria-label="Chọn Người số') == 12
    assert html.count(" checked>") >= 3 and 'value="giữ lại"' in html
    assert '<option value="ineligible" selected>' in html
    assert not big.nominees.exclude(result=LineResult.PENDING).exists()


def test_bulk_without_lines_or_with_a_foreign_line_saves_nothing(client_for, big, draft):
    c = client_for("standing")
    resp = c.post(reverse("dossiers:appraise_lines", args=[big.pk]), {"result": "eligible"})
    assert resp.status_code == 200 and "Chọn ít nhất một dòng" in resp.content.decode()
    foreign = draft.nominees.first().pk
    mine = big.nominees.first().pk
    resp = c.post(
        reverse("dossiers:appraise_lines", args=[big.pk]),
        {"lines": [mine, foreign], "result": "eligible"},
    )
    assert resp.status_code == 200
    assert not big.nominees.exclude(result=LineResult.PENDING).exists()


def test_bulk_refused_to_the_proposer(client_for, big):
    resp = client_for("officer_a").post(
        reverse("dossiers:appraise_lines", args=[big.pk]),
        {"lines": [big.nominees.first().pk], "result": "eligible"},
    )
    assert resp.status_code in (403, 404)
    assert not big.nominees.exclude(result=LineResult.PENDING).exists()


def test_service_is_all_or_nothing(users, big):
    ids = list(big.nominees.values_list("pk", flat=True)[:2])
    with pytest.raises(services.DossierError):
        services.appraise_lines(big, users["standing"], ids, "ineligible", reason="")
    assert not big.nominees.exclude(result=LineResult.PENDING).exists()
