"""Issue 15.6 in chromium: appraise 100 dossier lines at once with the bulk bar (timed)."""

import time

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.dossiers.helpers import make_campaign, person, ready_dossier
from thidua.dossiers import services
from thidua.dossiers.enums import LineResult
from thidua.legal.services import sync_from_tables

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dossier_100(users, org):
    sync_from_tables()
    campaign = make_campaign(org, seed="bulk")
    people = [
        person(org["ward_a"], f"Cán bộ số {i + 1:03d}", f"0068000{i:05d}") for i in range(100)
    ]
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, people)
    services.submit(d, users["officer_a"])
    return d


def test_appraise_100_lines_with_the_bulk_bar(live_server, dossier_100, page, login):
    login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/ho-so/{dossier_100.pk}/")
    assert page.locator("input[name=lines]").count() == 100
    started = time.perf_counter()
    page.check("[data-check-all=lines]")
    assert page.locator("[data-count-of=lines]").inner_text() == "100"
    page.select_option("#bulk-appraise select[name=result]", "eligible")
    page.fill("#bulk-appraise input[name=wording]", "Đã hoàn thành xuất sắc nhiệm vụ năm 2024")
    page.locator("#bulk-appraise").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "day_bulk_appraisal_selected.png"))
    page.click("#btn-bulk-appraise")
    page.wait_for_load_state("networkidle")
    elapsed = time.perf_counter() - started
    print(f"\nbulk_appraise_100_lines_seconds={elapsed:.2f}")
    assert "Đã ghi kết quả “Đủ điều kiện” cho 100 dòng" in page.locator("main").inner_text()
    assert set(dossier_100.nominees.values_list("result", flat=True)) == {LineResult.ELIGIBLE}
    page.screenshot(path=str(SCREENSHOTS / "day_bulk_appraisal_done.png"))


def test_bulk_bar_error_keeps_selection_phone(live_server, dossier_100, browser, login):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/ho-so/{dossier_100.pk}/")
    boxes = page.locator("input[name=lines]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("#bulk-appraise select[name=result]", "ineligible")
    page.click("#btn-bulk-appraise")
    page.wait_for_load_state("networkidle")
    summary = page.locator("#error-summary")
    assert "Nêu lý do không đủ điều kiện" in summary.inner_text()
    assert page.locator("input[name=lines]:checked").count() == 2
    assert page.locator("[data-count-of=lines]").first.inner_text() == "2"
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.name") == "reason"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "day_bulk_appraisal_error_phone.png"))
    context.close()


def test_import_nominees_from_the_excel_template(live_server, users, org, page, login):
    import io

    from openpyxl import load_workbook

    sync_from_tables()
    campaign = make_campaign(org, seed="excel")
    d = ready_dossier(users["officer_a"], org["ward_a"], campaign, [])
    login(page, live_server.url, "officer_a")
    page.goto(f"{live_server.url}/ho-so/{d.pk}/")
    page.click("#link-nominee-import")
    with page.expect_download() as download:
        page.click("#template-link")
    template = download.value.path().read_bytes()
    workbook = load_workbook(io.BytesIO(template))
    assert next(workbook.active.iter_rows(values_only=True))[0] == "Loại (Cá nhân/Tập thể)"
    # A wrong row added to the examples: nothing is saved, the row is named in Vietnamese.
    workbook.active.append(
        ["Cá nhân", "Người thiếu CCCD", None, None, None, "31/02/1990", None, None, None, "x"]
    )
    bad = io.BytesIO()
    workbook.save(bad)
    page.set_input_files(
        "input[name=file]",
        files=[
            {"name": "ds.xlsx", "mimeType": "application/octet-stream", "buffer": bad.getvalue()}
        ],
    )
    page.click("#btn-import")
    page.wait_for_load_state("networkidle")
    table = page.locator("#row-error-table").inner_text()
    assert "4" in table and "Ngày không hợp lệ" in table and "CCCD" in table
    assert not d.nominees.exists()
    page.screenshot(path=str(SCREENSHOTS / "day_nominee_import_errors.png"), full_page=True)
    # The template's own example rows import.
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "ds.xlsx", "mimeType": "application/octet-stream", "buffer": template}],
    )
    page.click("#btn-import")
    page.wait_for_load_state("networkidle")
    assert "Đã nhập 2 tập thể, cá nhân" in page.content()
    assert set(d.nominees.values_list("name", flat=True)) == {"Hoàng Thị Mai", "Tổ dân phố 3"}
