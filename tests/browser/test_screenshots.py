"""Every view as a person sees it, saved at both sizes into docs/screenshots/."""

import pytest

from dashboard.navigation import PAGES
from tests.browser.conftest import (
    SCREENSHOTS,
    load,
    open_app,
    screenshot,
    sign_in,
    wait_drawn,
    wait_for_cookie,
)

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


def test_the_overview_fits_a_phone(sample_server, browser_context):
    """A leader's daily glance at 390x844: the six headline numbers two to a row and
    what needs attention on the first screen, nothing wider than the screen."""
    page = open_app(browser_context, sample_server)
    sign_in(page, "root")
    wait_for_cookie(page)
    page.set_viewport_size({"width": 390, "height": 844})
    load(page)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_drawn(page)
    boxes = [
        page.locator(".st-key-headline [data-testid='stMetric']").nth(i).bounding_box()
        for i in range(6)
    ]
    assert len({round(b["x"]) for b in boxes}) == 2  # two columns
    assert len({round(b["y"]) for b in boxes}) == 3  # three rows
    assert max(b["y"] + b["height"] for b in boxes) <= 844
    attention = page.locator(".st-key-attention [data-testid='stMetric']").first.bounding_box()
    assert attention["y"] < 844
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=SCREENSHOTS / "overview-390x844.png")
