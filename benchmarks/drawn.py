"""When a page is fully drawn, seen from inside headless Chromium, for the browser and
load benchmarks: no script run going or due (the tests' page watcher, which counts the
server's messages and React's commits), every plotly chart laid out at its width, and
nothing on the page changed for STILL_MS. The time taken is that of the last change."""

from dataclasses import dataclass

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

from tests.browser import conftest
from tests.browser.conftest import (
    CHARTS_FIT,
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE,
    load,
    sign_in,
    wait_for_cookie,
)

STILL_MS = 1500
TIMEOUT_MS = 300_000
# view -> its path (?refresh: no live refresh lands inside a measurement)
VIEW_PATHS = {
    "overview": "?refresh=3600",
    "grid_coverage": "grid_coverage?refresh=3600",
    "double_reporting": "double_reporting?refresh=3600",
    "meetings": "meetings?refresh=3600",
    "comparison": "comparison?refresh=3600",
    "composite_score": "composite_score?refresh=3600",
}
FILTER_VIEWS = ("overview", "double_reporting")
# The time of the last change to the page, in ms from the navigation's start.
CHANGES = """(() => {
  if (window !== window.top || window.__changed !== undefined) return;
  window.__changed = 0;
  new MutationObserver(() => { window.__changed = performance.now(); })
    .observe(document, {childList: true, subtree: true, characterData: true});
})();"""
SETTLED = f"""(still) => ({IDLE})() && ({CHARTS_FIT})()
  && performance.now() - window.__changed >= still"""


@dataclass
class Opened:
    page: Page
    seconds: float  # to fully drawn


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser: Browser) -> BrowserContext:
    """The tests' browser profile (1920x1080, the page watcher) that also notes changes."""
    context = conftest.new_context(browser)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(CHANGES)
    return context


def sign_in_context(browser: Browser, base: str, username: str, password: str) -> BrowserContext:
    """A browser profile holding a login cookie for `username`."""
    context = new_context(browser)
    page = context.new_page()
    load(page, base)
    sign_in(page, username, password)
    wait_for_cookie(page)
    page.close()
    return context


def settle(page: Page) -> float:
    """Wait until the page is fully drawn; the ms from navigation start to its last change."""
    page.wait_for_function(SETTLED, arg=STILL_MS, timeout=TIMEOUT_MS, polling=100)
    return page.evaluate("window.__changed")


def open_drawn(context: BrowserContext, url: str) -> Opened:
    """A new tab on `url`, fully drawn."""
    page = context.new_page()
    page.goto(url)
    return Opened(page, settle(page) / 1000)


def pick_period(page: Page) -> float:
    """Choose the period before the default one; seconds until fully drawn again."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text="期间").click()
    option = page.locator('[role="option"]').nth(2)
    option.wait_for()
    runs, started = page.evaluate("[window.__app.starts, performance.now()]")
    option.click()
    page.wait_for_function("n => window.__app.starts > n", arg=runs)
    return (settle(page) - started) / 1000
