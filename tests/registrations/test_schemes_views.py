"""Scheme editor, scoring and prior-year ratings pages."""

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.registrations.models import BlockScheme, BlockScore, PriorRating
from thidua.registrations.views_schemes import parse_items

pytestmark = pytest.mark.django_db


def test_parse_items_reads_lines_and_required_flag():
    items = parse_items(
        "TC1 | Thu ngân sách | 20 | x\n\nTC2 | Cải cách hành chính | 10", "tiêu chí"
    )
    assert items == [
        {"code": "TC1", "label": "Thu ngân sách", "points": "20", "required": True},
        {"code": "TC2", "label": "Cải cách hành chính", "points": "10", "required": False},
    ]


def test_parse_items_rejects_a_line_without_points():
    from thidua.registrations.services import RegistrationError

    with pytest.raises(RegistrationError, match="Dòng 1"):
        parse_items("TC1 | Thu ngân sách", "tiêu chí")


def _scheme_post(**extra):
    data = {
        "title": "Bộ tiêu chí 2026",
        "year": "2026",
        "completion_points": "60",
        "criteria": "TC1 | Thu ngân sách | 20 | x\nTC2 | Cải cách hành chính | 10",
        "bonus": "T1 | Sáng kiến | 5",
        "penalty": "P1 | Chậm báo cáo | 5",
    }
    data.update(extra)
    return data


def test_block_head_issues_versions_and_scores(org, users, client_for):
    block, c = org["block"], client_for("block_head")
    assert (
        c.post(reverse("registrations:schemes", args=[block.pk]), _scheme_post()).status_code == 302
    )
    assert (
        c.post(
            reverse("registrations:schemes", args=[block.pk]), _scheme_post(title="Sửa đổi")
        ).status_code
        == 302
    )
    versions = list(
        BlockScheme.objects.filter(block=block).order_by("version").values_list("version", "title")
    )
    assert versions == [(1, "Bộ tiêu chí 2026"), (2, "Sửa đổi")]
    scheme = BlockScheme.objects.get(block=block, version=2)
    resp = c.post(
        reverse("registrations:scores", args=[scheme.pk]),
        {f"s_{org['ward_a'].pk}_TC1": "18", f"s_{org['ward_a'].pk}_P1": "2"},
    )
    assert resp.status_code == 302
    scores = dict(
        BlockScore.objects.filter(scheme=scheme, unit=org["ward_a"]).values_list("code", "points")
    )
    assert {k: float(v) for k, v in scores.items()} == {"TC1": 18.0, "P1": -2.0}
    assert AuditEvent.objects.filter(action="registrations.scheme.create").count() == 2


def test_score_above_maximum_is_refused_and_nothing_saved(org, users, client_for):
    c = client_for("block_head")
    c.post(reverse("registrations:schemes", args=[org["block"].pk]), _scheme_post())
    scheme = BlockScheme.objects.get()
    resp = c.post(
        reverse("registrations:scores", args=[scheme.pk]), {f"s_{org['ward_b'].pk}_TC2": "11"}
    )
    assert resp.status_code == 200 and "phải từ 0 đến 10" in resp.content.decode()
    assert not BlockScore.objects.exists()


def test_unit_officer_cannot_issue_a_scheme(org, users, client_for):
    resp = client_for("officer_b").post(
        reverse("registrations:schemes", args=[org["block"].pk]), _scheme_post()
    )
    assert resp.status_code in (403, 404)
    assert not BlockScheme.objects.exists()


def test_standing_body_records_prior_ratings(org, users, client_for):
    c = client_for("standing")
    resp = c.post(
        reverse("registrations:prior_ratings"),
        {
            "nam": "2025",
            f"r_{org['ward_a'].pk}": "hoan_thanh_tot",
            f"r_{org['ward_b'].pk}": "hoan_thanh",
        },
    )
    assert resp.status_code == 302
    got = dict(PriorRating.objects.filter(year=2025).values_list("unit__code", "rating"))
    assert got == {"WA": "hoan_thanh_tot", "WB": "hoan_thanh"}
    assert (
        "Hoàn thành tốt"
        in c.get(reverse("registrations:prior_ratings"), {"nam": "2025"}).content.decode()
    )


def test_prior_ratings_page_is_for_standing_body_only(org, users, client_for):
    assert client_for("officer_a").get(reverse("registrations:prior_ratings")).status_code == 403
