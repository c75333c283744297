"""报送情况 in the browser on sample data, saved at both sizes into docs/screenshots/."""

from tests.browser.conftest import load, open_app, screenshot, sign_in, wait_for_cookie, wait_ready

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def test_reporting_status_shows_the_grid_of_the_sample_city(sample_server, browser_context):
    page = open_app(browser_context, sample_server)
    sign_in(page, "root")
    wait_for_cookie(page)
    # the running quarter: October partly sent, November and December not yet due
    load(page, f"{sample_server}/reporting_status?grain=quarter&period=2026-Q4")
    page.get_by_role("heading", name="报送情况", exact=True).wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    wait_ready(page)
    assert page.get_by_text("2026年10月未报送任何数据的区县").count() == 1
    assert page.locator(ERRORS).count() == 0
    screenshot(page, "reporting_status")
