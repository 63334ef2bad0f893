"""In headless chromium: the report's charts draw under the strict CSP; the programme
timeline shows the quarter grid on a laptop and the task list on a phone."""

import pytest

from tests.browser.conftest import _login, browser, page  # noqa: F401 — shared fixtures
from thidua.reports.models import Milestone, Programme

from .conftest import make_award, make_dossier, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_charts_render_with_data(live_server, org, users, campaign, page):  # noqa: F811
    make_award(campaign, person=make_person(org["ward_a"], gender="nu"), amount=300000)
    make_award(campaign, unit=org["village_a"], subject_kind="collective", amount=1000000)
    make_dossier(campaign, org["ward_a"], "draft")
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/bao-cao/xem/?campaign={campaign.pk}")
    page.wait_for_function("typeof Chart !== 'undefined'")
    drawn = page.evaluate(
        "[...document.querySelectorAll('canvas[data-chart]')].map(c => !!Chart.getChart(c))"
    )
    assert drawn == [True, True, True, True]
    box = page.locator("canvas[data-chart=forms]").bounding_box()
    assert box["width"] > 200 and 200 < box["height"] <= 330  # fills its .chart-box (320 px)
    page.screenshot(path="/tmp/reports7/report_browser.png", full_page=True)


def test_timeline_grid_on_laptop_and_list_on_phone(live_server, org, users, browser):  # noqa: F811
    p = Programme.objects.create(issuer=org["city"], title="CTr", start_year=2021, end_year=2025)
    Milestone.objects.create(programme=p, year=2023, quarter=2, title="Hội nghị biểu dương")
    for width, grid_visible in ((1280, True), (390, False)):
        ctx = browser.new_context(viewport={"width": width, "height": 860})
        pg = ctx.new_page()
        _login(pg, live_server.url, "standing")
        pg.goto(f"{live_server.url}/bao-cao/chuong-trinh/{p.pk}/")
        assert pg.locator("td.cell.overdue").first.is_visible() is grid_visible
        assert pg.get_by_text("Quá hạn", exact=True).last.is_visible()
        ctx.close()
