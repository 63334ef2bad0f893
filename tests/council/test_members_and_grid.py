"""Council members page (one step, existing or new account), empty ballots, the written grid."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.council import services as s
from thidua.council.enums import AttendanceStatus
from thidua.org.models import CouncilMember, RoleAssignment


@pytest.fixture
def session(org, users, council, dossiers, campaign):
    return s.create_session(
        org["city"],
        users["standing"],
        title="Phiên họp xét",
        on=date(2025, 1, 18),
        campaign=campaign,
    )


def _add(c, org, **data):
    base = {"authority": org["city"].pk, "role": "member", "title": "Trưởng phòng Y tế"}
    return c.post(reverse("council:members"), {**base, **data})


def test_standing_body_seats_an_existing_user_with_the_role(client_for, org, users, council):
    resp = _add(client_for("standing"), org, account="existing", username="edu_officer")
    assert resp.status_code == 302
    member = CouncilMember.objects.get(user=users["edu_officer"])
    assert member.role == "member" and member.authority == org["city"]
    assert RoleAssignment.objects.filter(
        user=users["edu_officer"], unit=org["city"], role=Role.COUNCIL_MEMBER
    ).exists()
    assert AuditEvent.objects.filter(action="council.member.added").count() == 1


def test_standing_body_creates_an_account_and_sees_its_password_once(
    client, client_for, org, council
):
    resp = _add(
        client_for("standing"),
        org,
        account="new",
        username="hd_moi",
        full_name="Lò Văn Mới",
        role="deputy",
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and 'id="new-password"' in html
    password = html.split("<code>")[1].split("</code>")[0]
    user = get_user_model().objects.get(username="hd_moi")
    assert user.get_full_name() == "Lò Văn Mới" and user.check_password(password)
    assert CouncilMember.objects.get(user=user).role == "deputy"
    login = client.post("/dang-nhap/", {"username": "hd_moi", "password": password})
    assert login.status_code == 302 and "/dang-nhap/" not in login["Location"]
    # Shown once: the list page does not show it again.
    assert "<code>" not in client_for("standing").get(reverse("council:members")).content.decode()


def test_errors_keep_the_values_and_save_nothing(client_for, org, council):
    resp = _add(
        client_for("standing"), org, account="new", username="officer_a", full_name="", role=""
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'href="#id_username"' in html and 'href="#id_full_name"' in html
    assert 'href="#id_role"' in html and 'value="officer_a"' in html
    assert 'value="new" id="id_account_1" required checked' in html
    assert not CouncilMember.objects.filter(title="Trưởng phòng Y tế").exists()


@pytest.mark.parametrize("who", ["officer_a", "council", "chairman"])
def test_members_page_is_for_the_standing_body(client_for, council, who):
    assert client_for(who).get(reverse("council:members")).status_code == 403


def test_ballot_starts_empty(client_for, session, users):
    s.build_agenda(session, users["standing"])
    s.open_session(session, users["standing"])
    html = client_for("council").get(reverse("council:vote", args=[session.pk])).content.decode()
    assert 'type="radio"' in html and "checked" not in html


def test_written_ballots_entered_as_a_grid(client_for, session, users, council):
    s.set_attendance(session, users["standing"], {council[1].pk: AttendanceStatus.WRITTEN})
    s.build_agenda(session, users["standing"])
    s.open_session(session, users["standing"])
    items = list(session.items.order_by("pk"))
    assert len(items) >= 2
    c = client_for("standing")
    data = {f"w{items[0].pk}_yes": "1", f"w{items[1].pk}_no": "1"}
    resp = c.post(reverse("council:session_action", args=[session.pk, "written_grid"]), data)
    assert resp.status_code == 302
    items[0].refresh_from_db()
    items[1].refresh_from_db()
    assert (items[0].written_yes, items[1].written_no) == (1, 1)
    # One wrong row refuses the whole grid and gives the typed values back.
    bad = {f"w{items[0].pk}_yes": "0", f"w{items[0].pk}_no": "1", f"w{items[1].pk}_yes": "x"}
    resp = c.post(reverse("council:session_action", args=[session.pk, "written_grid"]), bad)
    html = resp.content.decode()
    assert resp.status_code == 200 and "số nguyên không âm" in html
    assert f'name="w{items[1].pk}_yes" value="x"' in html
    items[0].refresh_from_db()
    assert (items[0].written_yes, items[0].written_no) == (1, 0)


def test_demo_council_members_all_get_a_login(org, users, client):
    from thidua.council.demo import MEMBER_ACCOUNTS, SEATS, council_accounts
    from thidua.org.demo import DEMO_PASSWORD

    city = org["city"]
    for name in [*SEATS.values(), *MEMBER_ACCOUNTS.values()]:
        CouncilMember.objects.create(authority=city, full_name=name)
    for username in SEATS:
        get_user_model().objects.create_user(username=username, password=DEMO_PASSWORD)
    assert council_accounts(city) == 9
    assert council_accounts(city) == 9  # idempotent
    assert not CouncilMember.objects.filter(authority=city, user__isnull=True).exists()
    resp = client.post("/dang-nhap/", {"username": "hd_yen", "password": DEMO_PASSWORD})
    assert resp.status_code == 302 and "/dang-nhap/" not in resp["Location"]
    assert RoleAssignment.objects.filter(
        user__username="hd_yen", unit=city, role=Role.COUNCIL_MEMBER
    ).exists()
