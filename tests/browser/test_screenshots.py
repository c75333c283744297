"""Every view as a person sees it, saved at both sizes into docs/screenshots/."""

import pytest

from dashboard.navigation import PAGES
from tests.browser.conftest import open_app, screenshot, sign_in, wait_for_cookie, wait_ready

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


@pytest.mark.parametrize(
    "key", ["overview", "coverage", "reporting", "meetings", "comparison", "scoring"]
)
def test_every_view_renders_without_errors(sample_server, browser_context, key):
    filename, title, _ = PAGES[key]
    page = open_app(browser_context, sample_server)
    sign_in(page, "root")
    if key != "overview":  # open the view by its URL: a deep link, signed in by the cookie
        wait_for_cookie(page)
        page.goto(f"{sample_server}/{filename.removesuffix('.py')}")
        wait_ready(page)
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    wait_ready(page)
    if key != "overview":  # every other view has charts; let them draw
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert page.locator(ERRORS).count() == 0
    screenshot(page, filename.removesuffix(".py"))
