from datetime import date

import pytest
from django.urls import reverse

from thidua.council import services as s
from thidua.council.enums import SessionStatus
from thidua.council.models import BallotReceipt, CouncilSession


@pytest.fixture
def session(org, users, council, dossiers, campaign):
    return s.create_session(
        org["city"],
        users["standing"],
        title="Phiên họp xét khen thưởng",
        on=date(2025, 1, 18),
        campaign=campaign,
    )


def _open(session, users):
    s.build_agenda(session, users["standing"])
    s.open_session(session, users["standing"])


# ---- list ----------------------------------------------------------------------------------


def test_list_anonymous_redirects_to_login(client, session):
    resp = client.get(reverse("council:sessions"))
    assert resp.status_code == 302 and "/dang-nhap/" in resp["Location"]


@pytest.mark.parametrize("name", ["standing", "council", "chairman"])
def test_list_shows_sessions_to_authority_roles(client_for, session, name):
    resp = client_for(name).get(reverse("council:sessions"))
    assert resp.status_code == 200
    assert "Phiên họp xét khen thưởng" in resp.content.decode()


def test_list_forbidden_to_unit_officer(client_for, session):
    assert client_for("officer_a").get(reverse("council:sessions")).status_code == 403


def test_list_query_count_does_not_grow_with_sessions(
    client_for, org, users, council, django_assert_max_num_queries
):
    for i in range(15):
        s.create_session(
            org["city"], users["standing"], title=f"Phiên {i}", on=date(2025, 1, i + 1)
        )
    c = client_for("standing")
    with django_assert_max_num_queries(12):
        resp = c.get(reverse("council:sessions"))
    assert resp.content.decode().count("/hoi-dong/") >= 15


# ---- detail --------------------------------------------------------------------------------


def test_detail_anonymous_redirects(client, session):
    resp = client.get(reverse("council:session", args=[session.pk]))
    assert resp.status_code == 302


def test_detail_standing_body_of_another_authority_gets_404(org, session, client):
    from django.test import Client

    from thidua.core.roles import Role
    from thidua.org.models import RoleAssignment, Unit

    other = Unit.objects.create(
        code="OTHER", name="Thành phố Lào Cai", kind=org["city"].kind, is_authority=True
    )
    from django.contrib.auth import get_user_model

    u = get_user_model().objects.create_user("nv_lc", password="x")
    RoleAssignment.objects.create(user=u, unit=other, role=Role.STANDING_BODY)
    c = Client()
    c.force_login(u)
    assert c.get(reverse("council:session", args=[session.pk])).status_code == 404


def test_detail_unit_officer_forbidden(client_for, session):
    assert (
        client_for("officer_a").get(reverse("council:session", args=[session.pk])).status_code
        == 403
    )


@pytest.mark.parametrize("name", ["standing", "council", "chairman"])
def test_detail_ok_for_authority_roles(client_for, session, name):
    resp = client_for(name).get(reverse("council:session", args=[session.pk]))
    assert resp.status_code == 200
    assert "Thành phần tham dự" in resp.content.decode()


def test_detail_hides_running_totals_while_the_session_is_open(client_for, session, users):
    _open(session, users)
    item = session.items.first()
    s.cast_ballot(session, users["council"], {item.pk: "yes"})
    html = (
        client_for("standing").get(reverse("council:session", args=[session.pk])).content.decode()
    )
    assert "Phiếu đã nhận" in html and "Không đồng ý" not in html


# ---- actions -------------------------------------------------------------------------------


def test_standing_body_builds_agenda_and_opens_through_the_page(client_for, session):
    c = client_for("standing")
    c.post(reverse("council:session_action", args=[session.pk, "agenda"]))
    resp = c.post(reverse("council:session_action", args=[session.pk, "open"]), follow=True)
    session.refresh_from_db()
    assert session.items.count() == 4 and session.status == SessionStatus.OPEN
    assert "đã khai mạc" in resp.content.decode()


def test_council_member_cannot_run_the_session(client_for, session):
    resp = client_for("council").post(
        reverse("council:session_action", args=[session.pk, "agenda"]), follow=True
    )
    session.refresh_from_db()
    assert session.items.count() == 0
    assert "cơ quan thường trực" in resp.content.decode()


def test_bad_written_vote_input_shows_message_and_changes_nothing(
    client_for, session, users, council
):
    s.set_attendance(session, users["standing"], {council[1].pk: "written"})
    _open(session, users)
    item = session.items.first()
    resp = client_for("standing").post(
        reverse("council:session_action", args=[session.pk, "written"]),
        {"item": item.pk, "yes": "abc", "no": "0", "abstain": "0"},
        follow=True,
    )
    item.refresh_from_db()
    assert item.written_yes == 0
    assert "số nguyên không âm" in resp.content.decode()


# ---- vote page -----------------------------------------------------------------------------


def test_vote_page_for_member_lists_lines_and_records_ballot(client_for, session, users):
    _open(session, users)
    c = client_for("council")
    resp = c.get(reverse("council:vote", args=[session.pk]))
    assert resp.status_code == 200 and "Bế Văn Hùng" in resp.content.decode()
    data = {f"item_{i.pk}": "yes" for i in session.items.all()}
    resp = c.post(reverse("council:vote", args=[session.pk]), data, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert "không còn nội dung chờ biểu quyết" in resp.content.decode()
    assert BallotReceipt.objects.filter(member__user=users["council"]).count() == 4


def test_vote_page_forbidden_to_non_member(client_for, session, users):
    _open(session, users)
    assert (
        client_for("officer_a").get(reverse("council:vote", args=[session.pk])).status_code == 403
    )
    # the chief of another role without a seat
    assert (
        client_for("block_head").get(reverse("council:vote", args=[session.pk])).status_code == 403
    )


def test_minutes_download_is_docx(client_for, session):
    resp = client_for("council").get(reverse("council:minutes", args=[session.pk]))
    assert resp.status_code == 200 and resp["Content-Type"].endswith("wordprocessingml.document")
    assert resp.content[:2] == b"PK"


def test_create_session_page_creates_with_valid_input_and_refuses_bad_date(
    client_for, org, council
):
    c = client_for("standing")
    assert c.get(reverse("council:session_new")).status_code == 200
    resp = c.post(
        reverse("council:session_new"),
        {"title": "Phiên A", "date": "xx", "authority": org["city"].pk, "kind": "award"},
    )
    assert "Ngày họp không hợp lệ" in resp.content.decode() and CouncilSession.objects.count() == 0
    resp = c.post(
        reverse("council:session_new"),
        {"title": "Phiên A", "date": "31/02/2025", "authority": org["city"].pk, "kind": "award"},
    )
    assert "Ngày họp không hợp lệ" in resp.content.decode() and CouncilSession.objects.count() == 0
    resp = c.post(
        reverse("council:session_new"),
        {"title": "Phiên A", "date": "18/01/2025", "authority": org["city"].pk, "kind": "award"},
    )
    assert resp.status_code == 302 and CouncilSession.objects.get().title == "Phiên A"
    assert CouncilSession.objects.get().date.isoformat() == "2025-01-18"


def test_create_session_page_forbidden_to_council_member(client_for, council):
    assert client_for("council").get(reverse("council:session_new")).status_code == 403
