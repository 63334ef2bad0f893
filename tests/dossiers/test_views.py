"""Pages: allow/deny per role for every view, query counts on the lists."""

import pytest
from django.urls import reverse

from thidua.dossiers import services
from thidua.dossiers.enums import DossierStatus as S
from thidua.dossiers.enums import LineResult

from .helpers import person, ready_dossier


@pytest.fixture
def submitted(users, org, campaign):
    p = person(org["ward_a"], "Lục Văn An", "006000000101")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [p])
    services.submit(d, users["officer_a"])
    d.refresh_from_db()
    return d


@pytest.fixture
def draft(users, org, campaign):
    p = person(org["ward_a"], "Hà Thị Bình", "006000000102")
    return ready_dossier(users["officer_a"], org["ward_a"], campaign, [p])


READ_VIEWS = ["dossiers:detail", "dossiers:compare", "dossiers:export"]


@pytest.mark.parametrize("name", READ_VIEWS)
def test_read_views_redirect_anonymous_to_login(client, submitted, name):
    r = client.get(reverse(name, args=[submitted.pk]))
    assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


@pytest.mark.parametrize("name", READ_VIEWS)
@pytest.mark.parametrize(("who", "code"), [("officer_a", 200), ("head_a", 200), ("standing", 200),
                                           ("council", 200), ("officer_b", 404), ("edu_officer", 404), ("nobody", 404)])  # fmt: skip
def test_read_views_per_role(client_for, submitted, name, who, code):
    assert client_for(who).get(reverse(name, args=[submitted.pk])).status_code == code


def test_draft_of_a_ward_is_hidden_from_the_standing_body(client_for, draft):
    assert (
        client_for("standing").get(reverse("dossiers:detail", args=[draft.pk])).status_code == 404
    )
    assert (
        client_for("officer_a").get(reverse("dossiers:detail", args=[draft.pk])).status_code == 200
    )


def test_list_shows_own_dossiers_only(client_for, submitted):
    assert submitted.title in client_for("officer_a").get(reverse("dossiers:list")).content.decode()
    assert (
        submitted.title
        not in client_for("officer_b").get(reverse("dossiers:list")).content.decode()
    )


def test_list_query_count_is_bounded(
    client_for, users, org, campaign, django_assert_max_num_queries
):
    for i in range(5):
        ready_dossier(
            users["officer_a"],
            org["ward_a"],
            campaign,
            [person(org["ward_a"], f"Người {i}", f"00600000090{i}")],
        )
    c = client_for("officer_a")
    with django_assert_max_num_queries(15):
        r = c.get(reverse("dossiers:list"))
    assert r.content.decode().count("/ho-so/") >= 5


def test_queue_is_for_the_standing_body_only(
    client_for, client, submitted, django_assert_max_num_queries
):
    url = reverse("dossiers:queue")
    assert client.get(url).status_code == 302
    assert client_for("officer_a").get(url).status_code == 403
    c = client_for("standing")
    with django_assert_max_num_queries(15):
        r = c.get(url)
    assert r.status_code == 200 and submitted.title in r.content.decode()


@pytest.mark.parametrize(
    "name", ["dossiers:complaints", "dossiers:disclosures", "dossiers:exceptions"]
)
@pytest.mark.parametrize(("who", "code"), [("officer_a", 403), ("council", 403), ("standing", 200)])
def test_standing_body_pages(client_for, campaign, name, who, code):
    assert client_for(who).get(reverse(name)).status_code == code


def test_proposer_actions_are_refused_to_other_units_and_to_the_standing_body(client_for, draft):
    assert (
        client_for("officer_b").post(reverse("dossiers:submit", args=[draft.pk])).status_code == 404
    )
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_officer_submits_through_the_page(client_for, draft):
    r = client_for("officer_a").post(reverse("dossiers:submit", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    assert "Đã nộp hồ sơ" in r.content.decode()


def test_appraiser_actions_refused_to_the_proposer(client_for, submitted):
    r = client_for("officer_a").post(
        reverse("dossiers:return", args=[submitted.pk]), {"items": "x | y"}
    )
    assert r.status_code == 403
    n = submitted.nominees.get()
    r = client_for("officer_a").post(
        reverse("dossiers:appraise_line", args=[submitted.pk, n.pk]), {"result": "eligible"}
    )
    assert r.status_code == 403
    n.refresh_from_db()
    assert n.result == LineResult.PENDING


def test_standing_body_returns_with_reasons_the_unit_sees(client_for, submitted):
    client_for("standing").post(
        reverse("dossiers:return", args=[submitted.pk]), {"items": "Lục Văn An | Thiếu số liệu"}
    )
    r = client_for("officer_a").get(reverse("dossiers:detail", args=[submitted.pk]))
    html = r.content.decode()
    assert "Thiếu số liệu" in html and "Nộp lại hồ sơ" in html


def test_document_download_is_attachment_with_nosniff(client_for, submitted):
    doc = submitted.documents.first()
    r = client_for("officer_a").get(reverse("dossiers:document", args=[submitted.pk, doc.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert (
        client_for("officer_b")
        .get(reverse("dossiers:document", args=[submitted.pk, doc.pk]))
        .status_code
        == 404
    )


def test_public_disclosure_page_needs_no_login_and_accepts_comments(
    client, users, submitted, campaign
):
    n = submitted.nominees.get()
    services.appraise_line(n, users["standing"], LineResult.ELIGIBLE, wording="Có thành tích")
    services.finish_appraisal(submitted, users["standing"])
    disc = services.publish_disclosure(campaign, users["standing"], days=5)
    url = reverse("dossiers:public", args=[disc.pk])
    r = client.get(url)
    assert r.status_code == 200 and "Lục Văn An" in r.content.decode()
    r = client.post(
        url,
        {
            "name": "Nguyễn Văn Dân",
            "contact": "0912345678",
            "text": "Tôi đồng ý với danh sách này.",
        },
    )
    assert r.status_code == 302
    assert disc.comments.count() == 1
    bad = client.post(url, {"name": "X", "contact": "1", "text": "ngắn"})
    assert bad.status_code == 200 and disc.comments.count() == 1


def test_public_comments_are_rate_limited_per_ip(client, users, submitted, campaign):
    from django.core.cache import cache

    cache.clear()
    n = submitted.nominees.get()
    services.appraise_line(n, users["standing"], LineResult.ELIGIBLE, wording="Có thành tích")
    services.finish_appraisal(submitted, users["standing"])
    disc = services.publish_disclosure(campaign, users["standing"], days=5)
    url = reverse("dossiers:public", args=[disc.pk])
    data = {
        "name": "Nguyễn Văn Dân",
        "contact": "0912345678",
        "text": "Góp ý số nhiều lần liên tiếp.",
    }
    for _ in range(7):
        client.post(url, data)
    assert disc.comments.count() == 5
