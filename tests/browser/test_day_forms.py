"""Issue 15.2–15.5 in chromium: forms that never trap.

The browser runs in English (en-US) on purpose: dates are still typed and shown dd/mm/yyyy,
and the validation messages are Vietnamese."""

import io

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.campaigns.conftest import seed_text
from tests.dossiers.helpers import make_campaign
from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign
from thidua.dossiers.models import DeadlineException
from thidua.legal.services import sync_from_tables
from thidua.planimport.extract import extract_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _context(browser, width=1280, height=900):
    mobile = width < 500
    return browser.new_context(
        viewport={"width": width, "height": height}, locale="en-US", is_mobile=mobile
    )


def _login(page, base, username):
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Thidua@2024")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def _shot(page, name, full=True):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full)


@pytest.fixture
def campaign(org, users):
    sync_from_tables()
    text = seed_text("000")
    return campaign_services.campaign_from_extraction(
        extract_plan(text), org["city"], users["standing"], text, seed_code="000"
    )


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_campaign_edit_summary_links_fields_and_blank_row_is_ignored(
    live_server, browser, users, campaign, width
):
    ctx = _context(browser, width)
    page = ctx.new_page()
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/sua/")
    start = page.locator("#id_start_date")
    # dd/mm/yyyy in an English browser, a text field with the picker button beside it.
    assert start.get_attribute("type") == "text"
    assert start.input_value() == campaign.start_date.strftime("%d/%m/%Y")
    assert page.locator(".datefield-button").count() >= 4
    start.fill("31/02/2025")
    page.fill("#id_title", "Tên đã sửa trong trình duyệt")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    summary = page.locator("#error-summary")
    assert "Ngày không hợp lệ" in summary.inner_text()
    # Nothing blanked: the wrong date and the new title are still there.
    assert page.locator("#id_start_date").input_value() == "31/02/2025"
    assert page.locator("#id_title").input_value() == "Tên đã sửa trong trình duyệt"
    _shot(page, f"day_form_error_summary_{'phone' if width < 500 else 'laptop'}", full=False)
    summary.locator("a[href='#id_start_date']").click()
    assert page.evaluate("document.activeElement.id") == "id_start_date"
    page.fill("#id_start_date", "01/10/2024")
    page.click("button[type=submit]")  # the blank extra deadline row goes with it
    page.wait_for_load_state("networkidle")
    assert f"/phong-trao/{campaign.pk}/" in page.url and "Đã lưu phong trào" in page.content()
    campaign.refresh_from_db()
    assert campaign.title == "Tên đã sửa trong trình duyệt"
    assert campaign.start_date.isoformat() == "2024-10-01"
    ctx.close()


def test_date_picker_writes_dd_mm_yyyy_and_required_message_is_vietnamese(
    live_server, browser, users, org
):
    sync_from_tables()
    campaign = make_campaign(org)
    ctx = _context(browser)
    page = ctx.new_page()
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/ho-so/gia-han/")
    # The browser's own bubble for an empty required field speaks Vietnamese.
    page.click("button[type=submit]")
    message = page.evaluate("document.querySelector('#id_unit').validationMessage")
    assert message == "Vui lòng chọn một mục trong danh sách.", message
    # The picker (the native one, behind the button) fills the text field dd/mm/yyyy.
    page.evaluate(
        "() => { const n = document.querySelector('#id_until').parentNode"
        ".querySelector('.datefield-native'); n.value = '2099-12-30';"
        " n.dispatchEvent(new Event('change')); }"
    )
    assert page.locator("#id_until").input_value() == "30/12/2099"
    # 15.3: a validation error keeps the chosen campaign (and every other value).
    page.select_option("#id_campaign", str(campaign.pk))
    page.select_option("#id_unit", str(org["ward_a"].pk))
    page.fill("#id_until", "31/02/2025")
    page.fill("#id_reason", "Đơn vị bị ảnh hưởng bởi lũ")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Ngày không hợp lệ" in page.locator("#error-summary").inner_text()
    assert page.locator("#id_campaign").input_value() == str(campaign.pk)
    assert page.locator("#id_unit").input_value() == str(org["ward_a"].pk)
    assert page.locator("#id_until").input_value() == "31/02/2025"
    assert page.locator("#id_reason").input_value() == "Đơn vị bị ảnh hưởng bởi lũ"
    _shot(page, "day_exception_keeps_campaign")
    page.fill("#id_until", "30/12/2099")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert DeadlineException.objects.get().campaign_id == campaign.pk
    ctx.close()


def test_hand_written_date_inputs_are_dd_mm_yyyy_too(live_server, browser, users, org):
    """A template's own <input type=date> becomes the same dd/mm/yyyy field; a wrong date
    stops the submission with a Vietnamese message instead of going out blank."""
    from tests.council.builders import make_council

    make_council(org, users)
    ctx = _context(browser)
    page = ctx.new_page()
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/hoi-dong/moi/")
    field = page.locator("input[name=date]")
    assert field.get_attribute("type") == "text"
    field.fill("31/02/2025")
    page.fill("input[name=title]", "Phiên họp thử")
    page.click("form button[type=submit]")
    assert "/hoi-dong/moi/" in page.url
    assert page.evaluate("document.querySelector('input[name=date]').validationMessage").startswith(
        "Ngày không hợp lệ"
    )
    _shot(page, "day_handwritten_date_error", full=False)
    ctx.close()


def test_docx_plan_title_over_several_paragraphs_reaches_the_review(
    live_server, browser, users, org
):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    sync_from_tables()
    document = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN", "Số: 25/KH-UBND"]:
        document.add_paragraph(line)
    for line in [
        "KẾ HOẠCH",
        "Phát động phong trào thi đua chào mừng kỷ niệm 50 năm",
        "Ngày giải phóng miền Nam, thống nhất đất nước",
        "(30/4/1975 - 30/4/2025)",
    ]:
        p = document.add_paragraph()
        p.add_run(line).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Thời gian: Từ ngày 01/02/2025 đến ngày 30/4/2025.")
    document.add_paragraph("Hạn nộp hồ sơ: trước ngày 10/4/2025.")
    buf = io.BytesIO()
    document.save(buf)
    ctx = _context(browser)
    page = ctx.new_page()
    _login(page, live_server.url, "standing")
    page.goto(f"{live_server.url}/phong-trao/nhap/")
    page.select_option("select[name=issuer]", str(org["city"].pk))
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "ke-hoach.docx",
                "mimeType": "application/octet-stream",
                "buffer": buf.getvalue(),
            }
        ],
    )
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
    title = (
        "Phát động phong trào thi đua chào mừng kỷ niệm 50 năm Ngày giải phóng miền Nam, "
        "thống nhất đất nước (30/4/1975 - 30/4/2025)"
    )
    assert page.locator("#id_title").input_value() == title
    assert page.locator("#id_start_date").input_value() == "01/02/2025"
    _shot(page, "day_import_docx_title", full=False)
    page.click("form button[type=submit]:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    assert Campaign.objects.get().title == title
    ctx.close()
