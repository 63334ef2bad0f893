"""The block dashboard in a real browser: charts drawn, screenshot saved for review."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.conftest import chromium_executable
from tests.conftest import PASSWORD
from thidua.core.deadlines import VN_TZ
from thidua.registrations import services
from thidua.registrations.demo import MONTHS
from thidua.registrations.models import ProgressReport

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_block_dashboard_draws_completion_charts(lc, live_server):
    from playwright.sync_api import sync_playwright

    u, users = lc["u"], lc["users"]
    finals = {"KT": "1.05", "CL": "0.95", "DH": "1.12", "DT": "0.7"}
    for code, final in finals.items():
        reg = services.register(lc["campaign"], u[code], users[f"officer_{code}"])
        ind = services.add_indicator(
            reg, users[f"officer_{code}"], name="Thu ngân sách", target="1000", weight=2
        )
        ind2 = services.add_indicator(
            reg,
            users[f"officer_{code}"],
            name="Tỷ lệ hộ nghèo",
            target="2.5",
            baseline="3.2",
            lower_is_better=True,
        )
        when = datetime(2020, 10, 22 if code == "DT" else 15, 9, tzinfo=VN_TZ)
        services.submit(reg, users[f"head_{code}"], now=when)
        for i, day in enumerate(MONTHS, start=1):
            share = Decimal(i) / len(MONTHS)
            ProgressReport.objects.create(
                indicator=ind,
                report_date=day,
                actual=(Decimal(1000) * Decimal(final) * share).quantize(Decimal("0.01")),
            )
            ProgressReport.objects.create(
                indicator=ind2,
                report_date=day,
                actual=(Decimal("3.2") - Decimal("0.7") * Decimal(final) * share).quantize(
                    Decimal("0.01")
                ),
            )
    services.record_check(
        lc["seat"],
        u["KT"],
        users["council"],
        check_date=date(2021, 3, 20),
        findings="Đã triển khai đủ 2/2 chỉ tiêu, tiến độ thu ngân sách đạt 70%.",
    )
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_executable(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", "lc_noivu")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{live_server.url}/dang-ky/theo-doi/?as_at=2021-06-30")
        page.wait_for_function(
            "() => window.Chart && Object.keys(window.Chart.instances).length >= 2"
        )
        assert page.evaluate("Object.keys(window.Chart.instances).length") == 2
        page.screenshot(path=str(SHOTS / "block_dashboard.png"), full_page=True)
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.context.add_cookies(page.context.cookies())
        phone.goto(f"{live_server.url}/dang-ky/theo-doi/?as_at=2021-06-30")
        phone.wait_for_function(
            "() => window.Chart && Object.keys(window.Chart.instances).length >= 2"
        )
        phone.screenshot(path=str(SHOTS / "block_dashboard_phone.png"), full_page=False)
        browser.close()
