"""Playwright for Python driving Debian's chromium (never a downloaded browser)."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_executable() -> str:
    """Debian's chromium, or a clear failure (never a skip: `make test` installs it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chưa cài chromium ({CHROMIUM}) nên không chạy được kiểm thử trình duyệt: "
            "chạy `make test` (tự cài qua scripts/install-system-deps) "
            "hoặc `apt-get install chromium`.",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture
def browser():
    """One playwright per test: a session-wide instance would still hold the event loop
    when another app's browser test starts its own (Playwright allows one at a time)."""
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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


def _login(page, base_url: str, username: str, password: str = "Thidua@2024"):
    page.goto(f"{base_url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def _shot(page, name: str):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def login():
    """`login(page, live_server.url, "officer_a")` through the real login form."""
    return _login


@pytest.fixture
def shot():
    """`shot(page, "name")` saves screenshots/name.png (full page)."""
    return _shot
