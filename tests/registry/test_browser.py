"""Registry pages in headless chromium: public search on a phone, the layout editor with
its draggable boxes, and the batch progress page (screenshots go to screenshots/)."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import chromium_executable
from thidua.registry.models import CertificateLayout

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chromium():
    executable = chromium_executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield b
        b.close()


def _page(browser, base, username=None, width=1280):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(20000)
    if username:
        page.goto(f"{base}/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "Thidua@2024")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
    return page


def test_public_search_on_a_phone_and_verification(chromium, live_server, signed):
    page = _page(chromium, live_server.url, width=390)
    page.goto(f"{live_server.url}/so-khen-thuong/tra-cuu/?q=duc+xuan")
    assert page.locator("table tbody tr").count() == 2
    assert "Phường Đức Xuân" in page.inner_text("#results")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "registry_search_phone.png"), full_page=True)
    page.click("#results a >> nth=0")
    page.wait_for_load_state("networkidle")
    assert "Hợp lệ" in page.inner_text("main")


def test_layout_editor_drag_moves_the_field_in_millimetres(chromium, live_server, org, users):
    layout = CertificateLayout.objects.create(issuer=org["city"], form_kind="giay_khen")
    page = _page(chromium, live_server.url, "standing")
    page.goto(f"{live_server.url}/so-khen-thuong/mau-in/{layout.pk}/")
    page.wait_for_load_state("networkidle")
    box = page.locator('[data-field="serial"]')
    before = float(page.input_value('[name="serial__x_mm"]'))
    box.scroll_into_view_if_needed()
    b = box.bounding_box()
    sheet = page.locator("[data-layout-sheet]").bounding_box()
    page.mouse.move(b["x"] + 5, b["y"] + 5)
    page.mouse.down()
    page.mouse.move(b["x"] + 5 + sheet["width"] * 20 / 297, b["y"] + 5, steps=5)
    page.mouse.up()
    after = float(page.input_value('[name="serial__x_mm"]'))
    assert abs(after - before - 20) < 1.5
    page.screenshot(path=str(SHOTS / "registry_layout_editor.png"), full_page=True)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    layout.refresh_from_db()
    assert abs(layout.fields["serial"]["x_mm"] - after) < 0.11
