"""Every view as a person sees it, saved at both sizes into docs/screenshots/."""

import pytest

from dashboard.navigation import PAGES
from tests.browser.conftest import load, open_app, screenshot, sign_in, wait_drawn, wait_for_cookie

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


@pytest.mark.parametrize(
    "key", ["overview", "coverage", "reporting", "meetings", "comparison", "scoring"]
)
def test_every_view_renders_without_errors(sample_server, browser_context, key):
    filename, title, _ = PAGES[key]
    page = open_app(browser_context, sample_server)
    sign_in(page, "root")
    wait_for_cookie(page)
    if key != "overview":  # open the view by its URL: a deep link, signed in by the cookie
        load(page, f"{sample_server}/{filename.removesuffix('.py')}")
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_drawn(page)
    assert page.locator(ERRORS).count() == 0
    # no Streamlit menu: its entries are English and of no use in a meeting room
    assert page.locator('[data-testid="stMainMenu"]').count() == 0
    screenshot(page, filename.removesuffix(".py"))
