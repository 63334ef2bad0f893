"""Issue 15.6 in chromium: the block head accepts a page of registrations at once."""

from datetime import datetime

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.registrations.conftest import lc as lc  # the seed-004 block, as a fixture here
from thidua.core.deadlines import VN_TZ
from thidua.registrations import services
from thidua.registrations.enums import RegistrationStatus
from thidua.registrations.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted(lc):
    u, users = lc["u"], lc["users"]
    for code in ("KT", "CL", "DH", "DT"):
        reg = services.register(lc["campaign"], u[code], users[f"officer_{code}"])
        services.add_indicator(reg, users[f"officer_{code}"], name="Thu ngân sách", target="100")
        services.submit(reg, users[f"head_{code}"], now=datetime(2020, 10, 15, tzinfo=VN_TZ))
    return lc


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_block_head_accepts_the_page_at_once(live_server, browser, submitted, width):
    ctx = browser.new_context(
        viewport={"width": width, "height": 900}, locale="vi-VN", is_mobile=width < 500
    )
    page = ctx.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", "lc_truongkhoi")
    page.fill("input[name=password]", "Thidua@2024")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/dang-ky/")
    page.check("[data-check-all=regs]")
    assert page.locator("[data-count-of=regs]").inner_text() == "4"
    suffix = "phone" if width < 500 else "laptop"
    page.screenshot(
        path=str(SCREENSHOTS / f"day_registrations_accept_{suffix}.png"), full_page=True
    )
    page.click("#btn-accept-many")
    page.wait_for_load_state("networkidle")
    assert "Đã nhận 4 đăng ký thi đua" in page.content()
    assert set(Registration.objects.values_list("status", flat=True)) == {
        RegistrationStatus.ACCEPTED
    }
    ctx.close()
