"""Pages: allow/deny per role for every view, query counts on the lists."""

import pytest
from django.urls import reverse

from thidua.dossiers import complaints, disclosure, services
from thidua.dossiers.enums import DossierStatus, LineResult

from .helpers import pdf_file, person, ready_dossier


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


def test_create_page_and_post_read_each_list_once(client_for, users, org, campaign):
    """The new-dossier page reads the proposer units and the campaigns once each (plain
    queries, no existence checks); the POST reads the chosen rows once, the campaign with
    its issuer (the new dossier's authority)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.dossiers.models import Dossier

    c = client_for("officer_a")
    url = reverse("dossiers:create")
    c.get(url)
    with CaptureQueriesContext(connection) as q:
        html = c.get(f"{url}?campaign={campaign.pk}").content.decode()
    sql = [x["sql"] for x in q.captured_queries]
    assert sum('FROM "campaigns_campaign"' in x for x in sql) == 1, sql
    assert sum('FROM "campaigns_campaignawardform"' in x for x in sql) == 0, sql
    assert len(sql) <= 8, sql
    assert f'<option value="{org["ward_a"].pk}" selected>Phường Đức Xuân</option>' in html
    assert f'<option value="{campaign.pk}" selected>{campaign.title}</option>' in html
    data = {
        "proposer": org["ward_a"].pk,
        "campaign": campaign.pk,
        "kind": "phong_trao",
        "form_code": "giay_khen_chu_tich_huyen",
    }
    with CaptureQueriesContext(connection) as q:
        r = c.post(url, data)
    d = Dossier.objects.get()
    assert r.status_code == 302 and d.authority == org["city"] and d.campaign == campaign
    assert len(q) <= 13, [x["sql"] for x in q.captured_queries]
    # a form the campaign does not offer is still refused
    c.post(url, {**data, "form_code": "bang_khen_thu_tuong"})
    assert Dossier.objects.count() == 1


def test_adding_a_nominee_writes_one_row(client_for, users, org, campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    d = services.create_dossier(
        users["officer_a"], org["ward_a"], "giay_khen_chu_tich_huyen", campaign=campaign
    )
    p = person(org["village_a"], "Hà Thị Bình", "006000000955", gender="nu")
    url = reverse("dossiers:nominee_add", args=[d.pk])
    c = client_for("officer_a")
    data = {"subject_kind": "individual", "person": p.pk, "achievements": "Tốt", "votes_for": "7"}
    with CaptureQueriesContext(connection) as q:
        assert c.post(url, data).status_code == 302
    sql = [x["sql"] for x in q.captured_queries]
    assert sum(x.startswith("INSERT") for x in sql) == 2, sql  # the line, its audit event
    assert not any(x.startswith("UPDATE") for x in sql), sql
    assert len(sql) <= 12, sql
    line = d.nominees.get()
    assert (line.is_woman, line.votes_for, line.order, line.person) == (True, 7, 1, p)
    assert line.achievement_key
    # the same person twice is refused, another one comes second
    c.post(url, data)
    other = person(org["ward_a"], "Lý Văn Cường", "006000000956")
    c.post(url, {**data, "person": other.pk})
    assert list(d.nominees.order_by("order").values_list("person", "order")) == [
        (p.pk, 1),
        (other.pk, 2),
    ]


def test_meeting_and_new_line_read_the_dossier_once_with_its_row_lock(
    client_for, users, org, campaign
):
    """The POST's dossier is read once, locked (`FOR UPDATE` on PostgreSQL), for the rights
    check and the service together; a refusal writes nothing and says why."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    d = services.create_dossier(
        users["officer_a"], org["ward_a"], "giay_khen_chu_tich_huyen", campaign=campaign
    )
    p = person(org["ward_a"], "Đinh Thị Hoa", "006000000957")
    c = client_for("officer_a")
    meeting = reverse("dossiers:meeting", args=[d.pk])
    add = reverse("dossiers:nominee_add", args=[d.pk])
    posts = [
        (meeting, {"title": "Họp xét", "meeting_attendees": "9", "meeting_total": "11"}),
        (add, {"subject_kind": "individual", "person": p.pk, "achievements": "Tốt"}),
    ]
    for url, data in posts:
        with CaptureQueriesContext(connection) as q:
            assert c.post(url, data).status_code == 302
        reads = [
            x["sql"]
            for x in q.captured_queries
            if x["sql"].startswith("SELECT") and 'FROM "dossiers_dossier"' in x["sql"]
        ]
        assert len(reads) == 1, reads
        assert connection.vendor != "postgresql" or "FOR UPDATE" in reads[0]
        # the campaign and the authority are neither joined nor read afterwards
        assert not any("campaigns_campaign" in x["sql"] for x in q.captured_queries)
    with CaptureQueriesContext(connection) as q:
        r = c.post(
            reverse("dossiers:upload", args=[d.pk]), {"doc_type": "to_trinh", "file": pdf_file()}
        )
    assert r.status_code == 302 and d.documents.count() == 1
    assert not any("campaigns_campaign" in x["sql"] for x in q.captured_queries)
    d.refresh_from_db()
    assert (d.title, d.meeting_attendees, d.meeting_total) == ("Họp xét", 9, 11)
    assert d.nominees.get().person == p

    sent = ready_dossier(
        users["officer_a"],
        org["ward_a"],
        campaign,
        [person(org["ward_a"], "Hoàng Văn Khánh", "006000000958")],
    )
    services.submit(sent, users["officer_a"])
    title = sent.title
    late = [
        ("dossiers:meeting", {"title": "Sửa", "meeting_attendees": "1", "meeting_total": "2"}),
        ("dossiers:nominee_add", {"subject_kind": "individual", "person": p.pk}),
    ]
    for name, data in late:
        r = c.post(reverse(name, args=[sent.pk]), data, follow=True)
        assert "không sửa được" in r.content.decode()
    sent.refresh_from_db()
    assert sent.title == title and sent.meeting_attendees != 1 and sent.nominees.count() == 1


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
