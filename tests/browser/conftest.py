"""A real app server and headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.settings import COOKIE_NAME
from data_access.engine import make_engine
from sample_data.populate import populate
from sample_data.presets import Preset
from tests import accounts
from tests.conftest import unavailable

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = REPO / "docs" / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}
SCREENSHOT_PRESET = Preset(
    "screenshots",
    cities=1,
    districts=6,
    streets=18,
    communities=90,
    grids=400,
    members=8000,
    months=15,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str):
    """Start the app on `url`; yield its base URL; stop it afterwards."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": os.urandom(32).hex()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"app server did not start: {process.stdout.read().decode()[-2000:]}")
        time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=10)


def _database(sqlite_template, path: Path, fill) -> tuple[str, object]:
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    fill(engine)
    return url, engine


@pytest.fixture
def server(summarised_sqlite_template, tmp_path):
    """The app on the small city (SQLite, summaries built), with the test accounts.
    Yields (base URL, engine)."""

    def fill(engine):
        with engine.begin() as conn:
            accounts.add_accounts(conn)

    url, engine = _database(summarised_sqlite_template, tmp_path / "browser.sqlite3", fill)
    yield from ((base, engine) for base in _serve(url))
    engine.dispose()


@pytest.fixture(scope="module")
def sample_server(sqlite_template, tmp_path_factory):
    """The app on a small generated preset (six districts), signed in as the admin `root`."""

    def fill(engine):
        populate(engine, SCREENSHOT_PRESET)
        with engine.begin() as conn:
            accounts.add_accounts(conn, only=("root",))

    path = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    url, engine = _database(sqlite_template, path, fill)
    yield from _serve(url)
    engine.dispose()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        unavailable("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def new_context(chromium):
    """A fresh browser profile at 1920x1080; waits allow for a loaded 2-core machine."""
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    context.set_default_timeout(60_000)
    return context


@pytest.fixture
def browser_context(chromium):
    context = new_context(chromium)
    yield context
    context.close()


def wait_ready(page) -> None:
    page.wait_for_selector(READY, timeout=60_000)


def open_app(context, base: str):
    """A new tab on the app, once its first run has finished."""
    page = context.new_page()
    page.goto(base)
    wait_ready(page)
    return page


def sign_in(page, username: str, password: str | None = None) -> None:
    page.get_by_role("textbox", name="用户名").fill(username)
    page.get_by_role("textbox", name="密码").fill(password or accounts.password(username))
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_timeout(300)
    wait_ready(page)


def wait_for_cookie(page) -> None:
    """After signing in, the login cookie is set by a component in the page, in one more
    run of the app; wait for it (rather than guess a delay) before a navigation that
    would otherwise be lost to that run or arrive unsigned."""
    page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')", timeout=30_000)


def screenshot(page, name: str) -> None:
    """Save the page at both standard sizes into docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)
        wait_ready(page)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png")
    page.set_viewport_size({"width": 1920, "height": 1080})
