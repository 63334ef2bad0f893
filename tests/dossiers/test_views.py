"""Pages: allow/deny per role for every view, query counts on the lists."""

import pytest
from django.urls import reverse

from thidua.dossiers import complaints, disclosure, services
from thidua.dossiers.enums import DossierStatus, LineResult

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
@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("officer_a", 200),
        ("head_a", 200),
        ("standing", 200),
        ("council", 200),
        ("officer_b", 404),
        ("edu_officer", 404),
        ("nobody", 404),
    ],
)
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
    with django_assert_max_num_queries(7):
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
    assert draft.status == DossierStatus.DRAFT


def test_officer_submits_through_the_page(client_for, draft):
    r = client_for("officer_a").post(reverse("dossiers:submit", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == DossierStatus.SUBMITTED
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
    disc = disclosure.publish_disclosure(campaign, users["standing"], days=5)
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
    disc = disclosure.publish_disclosure(campaign, users["standing"], days=5)
    url = reverse("dossiers:public", args=[disc.pk])
    data = {
        "name": "Nguyễn Văn Dân",
        "contact": "0912345678",
        "text": "Góp ý số nhiều lần liên tiếp.",
    }
    for _ in range(7):
        client.post(url, data)
    assert disc.comments.count() == 5


PROPOSER_POSTS = [
    (
        "dossiers:meeting",
        {"title": "Sửa trích yếu", "meeting_attendees": "5", "meeting_total": "7"},
    ),
    ("dossiers:nominee_add", {"subject_kind": "collective", "collective_name": "Tổ hòa giải số 2"}),
    ("dossiers:upload", {"doc_type": "khac"}),
    ("dossiers:generate_proposal", {}),
    ("dossiers:withdraw", {"reason": "Rút"}),
]


def _url(name, d):
    if name == "dossiers:generate_proposal":
        return reverse("dossiers:generate", args=[d.pk, "to_trinh"])
    return reverse(name, args=[d.pk])


@pytest.mark.parametrize(("name", "data"), PROPOSER_POSTS)
def test_proposer_posts_other_unit_404_anonymous_login(client, client_for, draft, name, data):
    before = draft.updated_at
    assert client.post(_url(name, draft), data).status_code == 302
    assert client_for("officer_b").post(_url(name, draft), data).status_code == 404
    assert (
        client_for("standing").post(_url(name, draft), data).status_code == 404
    )  # a ward's draft is hidden
    draft.refresh_from_db()
    assert draft.updated_at == before and draft.status == DossierStatus.DRAFT


@pytest.mark.parametrize(("name", "data"), PROPOSER_POSTS)
def test_proposer_posts_allowed_for_own_unit(client_for, draft, name, data):
    r = client_for("officer_a").post(_url(name, draft), data)
    assert r.status_code == 302 and r["Location"].endswith(f"/ho-so/{draft.pk}/")


def test_nominee_row_actions_are_scoped(client_for, draft):
    n = draft.nominees.get()
    edit = reverse("dossiers:nominee_edit", args=[draft.pk, n.pk])
    assert client_for("officer_b").post(edit, {"achievements": "x"}).status_code == 404
    client_for("officer_a").post(edit, {"achievements": "Thành tích mới"})
    n.refresh_from_db()
    assert n.achievements == "Thành tích mới"
    remove = reverse("dossiers:nominee_remove", args=[draft.pk, n.pk])
    assert client_for("officer_b").post(remove).status_code == 404
    client_for("officer_a").post(remove)
    assert draft.nominees.count() == 0


APPRAISER_POSTS = [
    ("dossiers:assign", {"officer": ""}),
    ("dossiers:checklist", {"c_documents": "on"}),
    ("dossiers:finish", {}),
    ("dossiers:reject", {"reason": "Không đạt"}),
]


@pytest.mark.parametrize(("name", "data"), APPRAISER_POSTS)
@pytest.mark.parametrize(
    ("who", "code"), [("officer_b", 404), ("officer_a", 403), ("council", 403), ("standing", 302)]
)
def test_appraiser_posts_per_role(client_for, submitted, name, data, who, code):
    assert client_for(who).post(reverse(name, args=[submitted.pk]), data).status_code == code


def test_reject_by_standing_body_changes_state(client_for, submitted):
    client_for("standing").post(
        reverse("dossiers:reject", args=[submitted.pk]), {"reason": "Không đạt tiêu chuẩn"}
    )
    submitted.refresh_from_db()
    assert submitted.status == DossierStatus.REJECTED


def test_comment_allowed_to_both_sides_refused_to_others(client_for, submitted):
    url = reverse("dossiers:comment", args=[submitted.pk])
    client_for("officer_a").post(url, {"text": "Đơn vị đã bổ sung."})
    client_for("standing").post(url, {"text": "Đã nhận."})
    assert client_for("council").post(url, {"text": "x"}).status_code == 403
    assert client_for("officer_b").post(url, {"text": "x"}).status_code == 404
    assert submitted.comments.count() == 2


def test_create_page_per_role(client, client_for, campaign):
    url = reverse("dossiers:create")
    assert client.get(url).status_code == 302
    assert client_for("officer_a").get(url).status_code == 200
    assert client_for("council").get(url).status_code == 403
    r = client_for("officer_a").post(
        url,
        {
            "proposer": "",
            "campaign": campaign.pk,
            "kind": "phong_trao",
            "form_code": "giay_khen_chu_tich_huyen",
        },
    )
    assert r.status_code == 200


def test_officer_creates_a_dossier_for_own_unit_only(client_for, users, org, campaign):
    from thidua.dossiers.models import Dossier

    data = {"campaign": campaign.pk, "kind": "phong_trao", "form_code": "giay_khen_chu_tich_huyen"}
    client_for("officer_b").post(reverse("dossiers:create"), {**data, "proposer": org["ward_a"].pk})
    assert not Dossier.objects.exists()
    client_for("officer_a").post(reverse("dossiers:create"), {**data, "proposer": org["ward_a"].pk})
    assert Dossier.objects.get().proposer == org["ward_a"]


def test_publish_answer_upward_are_standing_body_only(client_for, users, org, campaign):
    from datetime import date

    c = complaints.record_complaint(
        org["city"],
        users["standing"],
        kind="khieu_nai",
        complainant="Bà B",
        contact="",
        content="Nội dung",
        received_on=date(2025, 1, 24),
    )
    for who, code in [("officer_a", 403), ("council", 403)]:
        assert (
            client_for(who).post(reverse("dossiers:publish", args=[campaign.pk])).status_code
            == code
        )
        assert (
            client_for(who)
            .post(reverse("dossiers:answer", args=[c.pk]), {"answer": "x"})
            .status_code
            == code
        )
        assert (
            client_for(who).get(reverse("dossiers:upward", args=[campaign.pk])).status_code == code
        )
    assert (
        client_for("standing").get(reverse("dossiers:upward", args=[campaign.pk])).status_code
        == 200
    )
    client_for("standing").post(reverse("dossiers:answer", args=[c.pk]), {"answer": "Đã trả lời"})
    c.refresh_from_db()
    assert c.status == "answered"


def test_public_index_needs_no_login(client, db):
    r = client.get(reverse("dossiers:public_index"))
    assert r.status_code == 200 and "công khai" in r.content.decode()
