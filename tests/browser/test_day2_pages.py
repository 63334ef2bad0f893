"""Issue #15 (items 9, 14, 15, 18, 19, 20) in a real browser, laptop and phone: the audit
log in Vietnamese sentences with its filters, the work items and events page, the block
page's warnings, a blank PDF flagged on a dossier, the merged-unit notice, the duplicate
plan warning. Screenshots: screenshots/day2_*.png."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.campaigns.conftest import seed_text
from tests.dossiers.helpers import make_campaign, person
from thidua.dossiers import files
from thidua.dossiers import services as dossier_services
from thidua.org.models import Unit
from thidua.org.services import merge_units
from thidua.registrations import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _names(users):
    for key, name in {
        "officer_a": "Ma Thị Lan",
        "head_a": "Nông Văn Thắng",
        "standing": "Lương Thị Hà",
        "block_head": "Hoàng Văn Khải",
        "officer_b": "Bế Thị Hoa",
    }.items():
        users[key].first_name = name
        users[key].save()


def _data(org, users):
    _names(users)
    campaign = make_campaign(org)
    campaign.title = "Thi đua chào mừng 10 năm thành lập thành phố"
    campaign.save()
    today = timezone.localdate()
    reg = services.register(campaign, org["ward_a"], users["officer_a"])
    services.add_indicator(reg, users["officer_a"], name="Thu ngân sách", target="2,8")
    done = services.add_commitment(
        reg, users["officer_a"], "work_item", title="Đường bê tông thôn Nà Ỏi", due_date=today
    )
    services.add_commitment(
        reg,
        users["officer_a"],
        "event",
        title="Hội thi văn nghệ quần chúng",
        due_date=today - timedelta(days=3),
    )
    services.add_commitment(
        reg,
        users["officer_a"],
        "work_item",
        title="Nhà văn hóa tổ dân phố 5",
        due_date=today + timedelta(days=30),
    )
    services.submit(reg, users["head_a"])
    services.accept(reg, users["block_head"])
    services.mark_done(done, users["officer_a"], note="Đã khánh thành")
    dossier_services.open_deadline_exception(
        campaign,
        org["ward_a"],
        campaign.deadline("dossier") + timedelta(days=5),
        "Mưa lũ chia cắt",
        users["standing"],
    )
    p = person(org["ward_a"], "Hoàng Văn Nam", "006000000921")
    d = dossier_services.create_dossier(
        users["officer_a"], org["ward_a"], "giay_khen_chu_tich_huyen", campaign=campaign
    )
    dossier_services.add_nominee(
        d,
        users["officer_a"],
        subject_kind="individual",
        person=p,
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )
    files.upload(
        d, users["officer_a"], "bien_ban", SimpleUploadedFile("bien_ban.pdf", _blank_pdf())
    )
    return campaign, d


def test_day2_pages_laptop_and_phone(live_server, org, users, browser, login, shot):
    campaign, dossier = _data(org, users)
    url = live_server.url
    laptop = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page = laptop.new_page()
    login(page, url, "standing")

    page.goto(f"{url}/nhat-ky/")
    main = page.locator("main").inner_text()
    assert "Lương Thị Hà mở hạn nộp bổ sung cho Phường Đức Xuân đến hết" in main
    assert "Đang soạn → Đã gửi trưởng khối" in main
    assert "registrations." not in main and "dossiers." not in main
    shot(page, "day2_audit_log")
    page.select_option("select[name=nguoi]", label="Nông Văn Thắng")
    page.click("#audit-filter button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Nông Văn Thắng gửi đăng ký thi đua" in page.locator("main").inner_text()
    assert "Lương Thị Hà" not in page.locator("tbody").inner_text()
    shot(page, "day2_audit_log_filtered")

    page.goto(f"{url}/dang-ky/cong-trinh-su-kien/")
    text = page.locator("main").inner_text()
    assert "Quá hạn, chưa hoàn thành: 1" in text and "Đường bê tông thôn Nà Ỏi" in text
    shot(page, "day2_commitments")

    page.goto(f"{url}/")
    assert page.get_by_text("Công trình, sự kiện").count() >= 1
    laptop.close()

    # the block head sees who has not registered before forwarding
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page = ctx.new_page()
    login(page, url, "block_head")
    page.goto(f"{url}/dang-ky/khoi/{org['block'].pk}/{campaign.pk}/")
    assert (
        "1 đơn vị của khối chưa đăng ký thi đua: Phường Sông Cầu."
        in page.locator("#forward-warnings").inner_text()
    )
    shot(page, "day2_block_forward_warning")
    ctx.close()

    # the officer sees the blank minutes flagged
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page = ctx.new_page()
    login(page, url, "officer_a")
    page.goto(f"{url}/ho-so/{dossier.pk}/")
    assert "có thể là trang trắng" in page.locator("main").inner_text()
    shot(page, "day2_dossier_blank_pdf")
    ctx.close()

    # phone: the audit log and the work items page
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    login(page, url, "standing")
    page.goto(f"{url}/nhat-ky/")
    assert "mở hạn nộp bổ sung" in page.locator("main").inner_text()
    shot(page, "day2_audit_log_phone")
    page.goto(f"{url}/dang-ky/cong-trinh-su-kien/")
    shot(page, "day2_commitments_phone")
    phone.close()


def test_day2_duplicate_plan_and_merged_unit(live_server, org, users, browser, login, shot):
    url = live_server.url
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page = ctx.new_page()
    login(page, url, "standing")
    from thidua.campaigns.models import Campaign
    from thidua.planimport.extract import extract_plan

    plan = extract_plan(seed_text("000"))
    Campaign.objects.create(issuer=org["city"], number=plan["number"], title=plan["title"])
    page.goto(f"{url}/phong-trao/nhap/")
    page.fill("textarea[name=text]", seed_text("000"))
    page.select_option("select[name=issuer]", str(org["city"].pk))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert "Kế hoạch này có thể đã được nhập" in page.locator("#duplicate-plan").inner_text()
    from tests.browser.conftest import SCREENSHOTS

    page.screenshot(path=str(SCREENSHOTS / "day2_import_duplicate.png"))  # the top of the page
    ctx.close()

    successor = Unit.objects.create(
        code="WN", name="Phường Bắc Kạn", kind="ward", parent=org["city"], is_authority=True
    )
    merge_units([org["ward_b"]], successor, date(2025, 7, 1), move_users=False)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    login(page, url, "officer_b")
    assert (
        "Phường Sông Cầu đã sáp nhập vào Phường Bắc Kạn"
        in page.locator("#merged-unit").inner_text()
    )
    shot(page, "day2_merged_unit_phone")
    phone.close()
