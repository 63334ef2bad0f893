"""Issue 15.6–15.7 in chromium: council members page, a new member logs in and finds an
empty ballot, written ballots as a grid."""

from datetime import date

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.council.builders import make_council, seed000_campaign, seed000_dossiers
from thidua.council import services as s
from thidua.council.enums import AttendanceStatus
from thidua.legal.services import sync_from_tables
from thidua.org.models import CouncilMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ctx(browser, width=1280):
    return browser.new_context(
        viewport={"width": width, "height": 900}, locale="vi-VN", is_mobile=width < 500
    )


def _login(page, base, username, password="Thidua@2024"):
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/dang-nhap/" not in page.url, f"đăng nhập {username} không được"


@pytest.fixture
def open_session(org, users):
    sync_from_tables()
    council = make_council(org, users)
    campaign = seed000_campaign(org)
    seed000_dossiers(org, campaign)
    session = s.create_session(
        org["city"],
        users["standing"],
        title="Phiên họp xét khen thưởng",
        on=date.today(),
        campaign=campaign,
    )
    return session, council


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_standing_body_adds_a_new_member_who_logs_in_to_an_empty_ballot(
    live_server, browser, users, org, open_session, width
):
    session, council = open_session
    ctx = _ctx(browser, width)
    page = ctx.new_page()
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/hoi-dong/")
    page.click("text=Thành viên Hội đồng")
    page.select_option("#id_role", "member")
    page.fill("#id_title", "Giám đốc Trung tâm Y tế")
    page.check("#id_account_1")  # a new account
    page.fill("#id_username", f"hd_yte_{width}")
    page.fill("#id_full_name", "Lò Thị Thu")
    page.click("form.narrow button[type=submit]")
    page.wait_for_load_state("networkidle")
    password = page.locator("#new-password code").inner_text()
    assert "Lò Thị Thu" in page.locator("#members").inner_text()
    page.screenshot(
        path=str(SCREENSHOTS / f"day_council_members_{'phone' if width < 500 else 'laptop'}.png"),
        full_page=True,
    )
    member = CouncilMember.objects.get(full_name="Lò Thị Thu")
    # The standing body prepares the session with the new member present, and opens it.
    s.build_agenda(session, users["standing"])
    s.open_session(session, users["standing"])
    ctx.close()

    ctx = _ctx(browser, width)
    page = ctx.new_page()
    _login(page, live_server.url, f"hd_yte_{width}", password)
    page.goto(f"{live_server.url}/hoi-dong/{session.pk}/bo-phieu/")
    radios = page.locator("input[type=radio]")
    assert radios.count() >= 3 and page.locator("input[type=radio]:checked").count() == 0
    page.screenshot(
        path=str(SCREENSHOTS / f"day_ballot_empty_{'phone' if width < 500 else 'laptop'}.png"),
        full_page=True,
    )
    # Sending it half-filled: the browser asks, in Vietnamese, for the missing choice.
    page.locator("input[type=radio][value=yes]").first.check()
    page.click("#ballot button[type=submit]")
    unanswered = page.locator("input[type=radio][required]").nth(1)
    assert unanswered.evaluate("e => e.validationMessage") == (
        "Vui lòng chọn một trong các lựa chọn."
    )
    assert session.receipts.filter(member=member).count() == 0
    ctx.close()


def test_written_ballots_entered_as_a_grid(live_server, browser, users, org, open_session):
    session, council = open_session
    s.set_attendance(session, users["standing"], {council[1].pk: AttendanceStatus.WRITTEN})
    s.build_agenda(session, users["standing"])
    s.open_session(session, users["standing"])
    items = list(session.items.order_by("order", "pk"))
    ctx = _ctx(browser)
    page = ctx.new_page()
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/hoi-dong/{session.pk}/")
    for item in items:
        page.fill(f"input[name=w{item.pk}_yes]", "1")
    page.fill(f"input[name=w{items[-1].pk}_yes]", "")
    page.fill(f"input[name=w{items[-1].pk}_no]", "1")
    page.locator("#written-grid").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "day_written_ballot_grid.png"), full_page=True)
    page.click("form.written-grid button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert f"Đã nhập phiếu bằng văn bản cho {len(items)} đối tượng" in page.content()
    got = [(i.written_yes, i.written_no) for i in session.items.order_by("order", "pk")]
    assert got == [(1, 0)] * (len(items) - 1) + [(0, 1)]
    ctx.close()
