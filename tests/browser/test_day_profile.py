"""Issue 15.8 in chromium: a user issues an API key on their own profile page (shown once)
and revokes it there."""

import pytest

from tests.browser.conftest import SCREENSHOTS
from thidua.core.models import ApiToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_issue_and_revoke_an_api_key_from_the_profile(live_server, browser, users, width):
    ctx = browser.new_context(
        viewport={"width": width, "height": 900}, locale="vi-VN", is_mobile=width < 500
    )
    page = ctx.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", "officer_a")
    page.fill("input[name=password]", "Thidua@2024")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if width < 500:
        page.click(".nav-toggle")
    page.click("a.username")
    assert page.url.endswith("/tai-khoan/")
    page.fill("#id_name", "Phần mềm kế toán")
    page.click("form.narrow button[type=submit]")
    page.wait_for_load_state("networkidle")
    key = page.locator("#new-key code").inner_text()
    assert key.startswith("td_") and len(key) > 30
    token = ApiToken.objects.get(user=users["officer_a"])
    assert token.key_hash == ApiToken.hash(key)
    # The key opens the API, from outside the browser session (a context without cookies).
    outside = browser.new_context()
    api = outside.request.get(
        f"{live_server.url}/api/users/me", headers={"Authorization": f"Bearer {key}"}
    )
    assert api.status == 200 and api.json()["username"] == "officer_a"
    suffix = "phone" if width < 500 else "laptop"
    page.screenshot(path=str(SCREENSHOTS / f"day_profile_key_{suffix}.png"), full_page=True)
    # Shown once: reloading the page does not show it again.
    page.goto(f"{live_server.url}/tai-khoan/")
    assert page.locator("#new-key").count() == 0 and key not in page.content()
    page.once("dialog", lambda d: d.accept())
    page.click("#tokens button:has-text('Thu hồi')")
    page.wait_for_load_state("networkidle")
    assert "Đã thu hồi khóa" in page.content() and not ApiToken.objects.exists()
    gone = outside.request.get(
        f"{live_server.url}/api/users/me", headers={"Authorization": f"Bearer {key}"}
    )
    assert gone.status == 401
    outside.close()
    ctx.close()
