"""Sign-in as a person meets it, in headless Chromium against a real server."""

from datetime import timedelta
from urllib.parse import urlparse

from sqlalchemy import update

from data_access import users
from data_access.schema import auth_event
from tests.browser.conftest import (
    load,
    login_cookie,
    new_context,
    open_app,
    run_after,
    screenshot,
    sign_in,
    wait_for_cookie,
)

HEADLINE = '[data-testid="stMetricValue"]'


def test_sign_in_see_overview_sign_out(server, browser_context):
    base, _ = server
    page = open_app(browser_context, base)
    screenshot(page, "login")
    sign_in(page, "lead")
    page.get_by_role("heading", name="总览").wait_for()
    # the cookie's value reruns the app: read the page once that run has drawn it (mid-run
    # the headline numbers can be missing while the cards below still show), and sign out
    # after it, or the cookie could be set after the sign-out deleted it
    wait_for_cookie(page)
    assert page.locator(HEADLINE).first.inner_text() == "60.0%"
    screenshot(page, "signed-in")
    run_after(page, page.get_by_role("button", name="退出登录").click)
    page.get_by_role("button", name="登录", exact=True).wait_for()
    wait_for_cookie(page, present=False)
    assert page.locator(HEADLINE).count() == 0
    assert login_cookie(browser_context) is None


def test_five_wrong_passwords_lock_and_the_lock_expires(server, browser_context):
    base, engine = server
    page = open_app(browser_context, base)
    for _ in range(users.LOCK_AFTER_FAILURES):
        sign_in(page, "d1user", "wrong-password-x")
    page.get_by_text("已锁定").wait_for()
    sign_in(page, "d1user")
    page.get_by_text("已锁定").wait_for()
    assert page.locator(HEADLINE).count() == 0
    with engine.begin() as conn:
        conn.execute(
            update(auth_event).values(at=auth_event.c.at - users.LOCK_WINDOW - timedelta(seconds=1))
        )
    sign_in(page, "d1user")
    page.get_by_role("heading", name="总览").wait_for()
    wait_for_cookie(page)  # and the run the cookie's value makes
    assert page.locator(HEADLINE).first.inner_text() == "66.7%"


def test_a_cookie_copied_before_a_password_change_no_longer_signs_in(server, chromium):
    base, engine = server
    first = new_context(chromium)
    page = open_app(first, base)
    sign_in(page, "d1user")
    page.get_by_role("heading", name="总览").wait_for()
    wait_for_cookie(page)
    cookie = login_cookie(first)
    assert cookie, "the login cookie was not set"

    copied = new_context(chromium)  # an attacker's browser with the copied cookie
    copied.add_cookies([cookie])
    thief = open_app(copied, base)
    thief.get_by_role("heading", name="总览").wait_for()  # the copy works at first

    with engine.begin() as conn:
        users.set_password(conn, username="d1user", password="brand-new-password-1", by="test")
    again = open_app(copied, base)
    again.get_by_role("button", name="登录", exact=True).wait_for()
    assert again.locator(HEADLINE).count() == 0
    first.close()
    copied.close()


def test_refreshing_a_sub_page_stays_on_it(server, browser_context):
    base, _ = server
    page = open_app(browser_context, base)
    sign_in(page, "root")
    wait_for_cookie(page)  # the reload below must arrive signed in
    run_after(page, page.get_by_role("link", name="用户管理").click)
    page.get_by_role("heading", name="用户管理").wait_for()
    assert urlparse(page.url).path == "/users_admin"
    screenshot(page, "users-admin")
    load(page)  # reload
    page.get_by_role("heading", name="用户管理").wait_for(timeout=15_000)
    assert urlparse(page.url).path == "/users_admin"


def test_a_link_opened_before_signing_in_lands_on_its_page_with_its_filters(
    server, browser_context
):
    base, _ = server
    page = open_app(browser_context, f"{base}/comparison?grain=month&period=2026-02")
    assert urlparse(page.url).path == "/comparison"  # kept through the login form
    sign_in(page, "lead")
    page.get_by_role("heading", name="区域比较", exact=True).wait_for()
    wait_for_cookie(page)
    assert urlparse(page.url).path == "/comparison"
    assert "period=2026-02" in page.url and "grain=month" in page.url
    assert page.get_by_text("统计期：2026年2月").count() == 1


# The sidebar's period filters as a person reads them: the checked 统计周期 and the 期间 shown.
SIDEBAR_FILTERS = """() => {
  const side = document.querySelector('[data-testid="stSidebar"]');
  const checked = side.querySelector('[role="radiogroup"] input:checked');
  const grain = checked && checked.closest('label').innerText.trim();
  const period = side.querySelector('[data-testid="stSelectbox"] input');
  return [grain, period && period.value];
}"""


def sidebar_filters(page) -> list[str]:
    """The sidebar's period filters, once drawn: React may draw the sidebar a moment after
    the run that sent it has ended."""
    page.locator('[data-testid="stSidebar"] [role="radiogroup"] input:checked').wait_for(
        state="attached"
    )
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.wait_for()
    return page.evaluate(SIDEBAR_FILTERS)


def test_the_sidebar_shows_the_filters_the_page_uses_right_after_signing_in(
    sample_server, browser_context
):
    """Signing in through the form (no cookie yet), on data with a quarter still running
    (listed first, the latest complete one chosen): the sidebar shows the quarter the
    page is drawn for, as after a reload. It once showed the running quarter, the
    selectbox's first option, while the page showed the one before."""
    page = open_app(browser_context, sample_server)
    sign_in(page, "root")
    page.get_by_role("heading", name="总览").wait_for()
    wait_for_cookie(page)
    grain, period = sidebar_filters(page)
    caption = page.get_by_text("统计期：").first.inner_text()
    assert grain == "季"
    assert f"统计期：{period}（" in caption
    assert "截至" not in period  # a complete quarter, not the running one
    load(page)
    wait_for_cookie(page)  # and the run its value makes
    assert sidebar_filters(page) == [grain, period]
