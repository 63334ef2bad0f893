"""End to end in headless chromium, seed 000: a ward officer builds and submits a dossier
with 3 nominees, the standing body returns it, the officer fixes and resubmits, it passes
appraisal and is disclosed on the public portal."""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import chromium_executable
from thidua.dossiers.enums import DossierStatus
from thidua.dossiers.models import Dossier

from .helpers import PDF, make_campaign, person

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


def _page(browser, base, username=None, *, width=1280):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(20000)
    if username:
        page.goto(f"{base}/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "Thidua@2024")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        assert "/dang-nhap/" not in page.url, f"đăng nhập {username} không thành công"
    return page


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"e2e_{name}.png"), full_page=True)


def _status(page) -> str:
    return page.locator("#dossier-status").inner_text()


def test_seed_000_dossier_from_ward_to_disclosure(
    chromium, live_server, users, org, legal, tmp_path
):
    campaign = make_campaign(org, "000")
    campaign.title = "Đợt thi đua đặc biệt chào mừng kỷ niệm 10 năm thành lập thành phố Bắc Kạn"
    campaign.save(update_fields=["title"])
    ward = org["ward_a"]
    people = [
        person(ward, n, f"00600000020{i}", gender=g, ethnicity=e)
        for i, (n, g, e) in enumerate(
            [
                ("Lục Văn An", "nam", "Tày"),
                ("Hà Thị Bình", "nu", "Nùng"),
                ("Nông Văn Cường", "nam", "Kinh"),
            ]
        )
    ]
    scan = tmp_path / "to_trinh_da_ky.pdf"
    scan.write_bytes(PDF)
    base = live_server.url

    # 1. the ward officer builds the dossier
    page = _page(chromium, base, "officer_a")
    page.goto(f"{base}/ho-so/lap/")
    page.select_option("select[name=proposer]", str(ward.pk))
    page.select_option("select[name=campaign]", str(campaign.pk))
    page.select_option("select[name=form_code]", "giay_khen_chu_tich_huyen")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url("**/ho-so/*/")
    dossier_url = page.url
    page.fill("input[name=meeting_date]", "10/01/2025")
    page.fill("input[name=meeting_attendees]", "9")
    page.fill("input[name=meeting_total]", "11")
    page.click("form[action$='/hop-xet/'] button:not(.datefield-button)")
    for i, p in enumerate(people):
        if not page.locator("#add-nominee").get_attribute("open") is not None:
            page.click("#add-nominee summary")
        page.select_option("#add-nominee select[name=subject_kind]", "individual")
        page.select_option("#add-nominee select[name=person]", str(p.pk))
        page.fill(
            "#add-nominee textarea[name=achievements]",
            f"Tích cực vận động Nhân dân chỉnh trang đô thị ({p.full_name}).",
        )
        page.fill("#add-nominee input[name=votes_for]", str(9 - i))
        page.click("#btn-add-nominee")
        page.wait_for_load_state("networkidle")
    assert page.locator("#nominees tbody tr").count() == 3
    for doc_type in ("to_trinh", "bien_ban"):
        page.select_option("#upload-form select[name=doc_type]", doc_type)
        page.set_input_files("#upload-form input[type=file]", str(scan))
        page.click("#upload-form button")
        page.wait_for_load_state("networkidle")
    page.click("form[action$='/soan/danh_sach_trich_ngang/'] button")
    page.wait_for_load_state("networkidle")
    _shot(page, "01_officer_draft")
    page.click("#btn-submit")
    page.wait_for_load_state("networkidle")
    assert _status(page) == "Đã nộp"
    _shot(page, "02_officer_submitted")

    # 2. the standing body returns it with a reason per item
    staff = _page(chromium, base, "standing")
    staff.goto(f"{base}/ho-so/tham-dinh/")
    assert "Đợt thi đua" in staff.content() or "Giấy khen" in staff.content()
    _shot(staff, "03_queue")
    staff.goto(dossier_url)
    staff.fill(
        "#return-form textarea[name=items]",
        "Hà Thị Bình | Bổ sung số liệu cụ thể về số hộ được vận động",
    )
    staff.click("#btn-return")
    staff.wait_for_load_state("networkidle")
    assert _status(staff) == "Trả lại để hoàn thiện"

    # 3. the officer sees what to fix, fixes it and resubmits
    page.goto(dossier_url)
    assert "Bổ sung số liệu cụ thể" in page.locator("#return-items").inner_text()
    _shot(page, "04_officer_returned")
    row = page.locator("#nominees tbody tr", has_text="Hà Thị Bình")
    row.locator("summary").click()
    row.locator("textarea[name=achievements]").fill(
        "Vận động 52 hộ gia đình hiến đất mở rộng đường tổ dân phố."
    )
    with page.expect_navigation():
        row.locator("form.nominee-edit button").click()
    assert "Đã lưu Hà Thị Bình" in page.locator(".flashes").inner_text(), page.locator(
        ".flashes"
    ).inner_text()
    with page.expect_navigation():
        page.click("#btn-submit")
    page.wait_for_load_state("networkidle")
    assert _status(page) == "Đã nộp lại"

    # 4. appraisal, line by line, then disclosure
    staff.goto(dossier_url)
    for i in range(3):
        form = staff.locator("form.line-form").nth(i)
        form.locator("select[name=result]").select_option("eligible")
        form.locator("input[name=wording]").fill(
            "Đã có thành tích xuất sắc trong đợt thi đua đặc biệt"
        )
        form.locator("button").click()
        staff.wait_for_load_state("networkidle")
    _shot(staff, "05_appraisal")
    staff.click("#btn-finish")
    staff.wait_for_load_state("networkidle")
    assert _status(staff) == "Đã thẩm định"
    staff.goto(f"{base}/ho-so/cong-khai/")
    staff.click(f"form[action$='/cong-khai/phong-trao/{campaign.pk}/'] button")
    staff.wait_for_load_state("networkidle")
    staff.goto(dossier_url)
    assert _status(staff) == "Đang công khai"
    _shot(staff, "06_disclosed_timeline")

    public = _page(chromium, base, width=390)
    disc = campaign.disclosures.get()
    public.goto(f"{base}/ho-so/cong-khai/{disc.pk}/")
    text = public.content()
    assert all(p.full_name in text for p in people)
    _shot(public, "07_public_list_phone")

    d = Dossier.objects.get()
    assert d.status == DossierStatus.DISCLOSED and d.version == 2
    assert d.nominees.get(name="Hà Thị Bình").achievements.startswith("Vận động 52 hộ")
