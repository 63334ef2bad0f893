"""The public registry search in headless chromium, laptop and phone: the count of
results, keyset pages (the "Trang sau" link, page 2 strictly after page 1), and a unit
search that finds the awards of units merged away under their old names."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser.conftest import chromium_executable
from thidua.org.enums import UnitKind
from thidua.org.models import Unit

from .conftest import make_award, make_decision

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
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield b
        b.close()


@pytest.fixture
def registry(org):
    """Ward Đức Xuân merged into the new Phường Bắc Kạn (2025); 64 awards over 2019–2025."""
    new_ward = Unit.objects.create(
        code="PBK", name="Phường Bắc Kạn", kind=UnitKind.WARD, parent=org["city"]
    )
    org["ward_a"].successor, org["ward_a"].valid_to = new_ward, date(2025, 6, 30)
    org["ward_a"].save()
    names = ["Nguyễn Thị Lan", "Nguyễn Văn Hùng", "Hoàng Thị Hằng", "Ma Văn Nguyên"]
    for i in range(64):
        on = date(2019, 3, 1) + timedelta(days=37 * i)
        unit = new_ward if on >= date(2025, 7, 1) else org["ward_a"]
        d = make_decision(org["city"], number=200 + i, doc_date=on)
        make_award(d, names[i % 4], unit)
    return new_ward


def _shot(page, name, full_page=False):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)


@pytest.mark.parametrize(("width", "suffix"), [(1280, "laptop"), (390, "phone")])
def test_search_results_count_and_next_page(chromium, live_server, registry, width, suffix):
    ctx = chromium.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/so-khen-thuong/tra-cuu/?q=nguyen&don_vi=bac+kan")
    status = page.inner_text(".result-count")
    assert "Tìm thấy 48 khen thưởng" in status  # both Nguyễn and "Ma Văn Nguyên"
    assert page.locator("table tbody tr").count() == 48
    page.goto(f"{live_server.url}/so-khen-thuong/tra-cuu/?don_vi=bac+kan")
    assert "Tìm thấy 64 khen thưởng" in page.inner_text(".result-count")
    rows = page.locator("table tbody tr")
    assert rows.count() == 50
    first_page = rows.all_inner_texts()
    assert "Phường Đức Xuân" in "".join(first_page)  # the old name, as at the award
    if width < 600:  # on a phone the form fills the screen: show the results' top
        page.evaluate("document.querySelector('.result-count').scrollIntoView()")
    _shot(page, f"registry_search_results_{suffix}.png")
    page.click("a[rel=next]")
    page.wait_for_load_state("networkidle")
    assert "trang 2" in page.inner_text(".result-count")
    second_page = page.locator("table tbody tr").all_inner_texts()
    assert len(second_page) == 14 and not set(second_page) & set(first_page)
    assert page.locator("a[rel=next]").count() == 0
    _shot(page, f"registry_search_results_{suffix}_page2.png", full_page=True)
    ctx.close()
