"""The home page per role in headless chromium, on a laptop and on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_NAV = {
    "officer_a": ("Cán bộ thi đua đơn vị", "Cá nhân"),
    "standing": ("Cơ quan thường trực", "Danh mục khen thưởng"),
    "chairman": ("Chủ tịch UBND", "Khối thi đua"),
    "council": ("Thành viên Hội đồng", "Khối thi đua"),
    "block_head": ("Trưởng khối thi đua", "Khối thi đua"),
}


@pytest.mark.parametrize("username", sorted(ROLE_NAV))
def test_home_page_per_role(live_server, users, page, login, shot, username):
    login(page, live_server.url, username)
    role_label, nav_label = ROLE_NAV[username]
    assert page.locator("h1").inner_text().startswith("Xin chào")
    assert role_label in page.locator("main").inner_text()
    assert page.locator("#mainnav").get_by_text(nav_label, exact=True).count() >= 1
    shot(page, f"home_{username}")


def test_phone_layout_hides_menu_behind_toggle(live_server, users, browser, login, shot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, live_server.url, "officer_a")
    assert not page.locator("#mainnav").is_visible()
    page.click(".nav-toggle")
    assert page.locator("#mainnav").is_visible()
    shot(page, "home_officer_phone")
    context.close()


def test_login_failure_message_in_vietnamese(live_server, users, page, login):
    login(page, live_server.url, "officer_a", "sai-mat-khau")
    assert "không đúng" in page.locator("main").inner_text()
