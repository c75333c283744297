"""A session ended on the server ends on every screen it has open: the live view and
the 观摩模式 tab of a user who is disabled or logged out by force show the login form
within one refresh interval, their widgets stop working, and a cookie copied before
logout is refused after it."""

import time

import pytest

from data_access import users
from tests.browser.conftest import (
    load,
    login_cookie,
    new_context,
    open_app,
    run_after,
    sign_in,
    wait_for_cookie,
)

REFRESH = 2  # seconds
LOGIN = ("button", "登录")
NUMBERS = '[data-testid="stMetricValue"], [data-testid="stDataFrame"], .slide'
REVOKE = {
    "disabled": lambda conn: users.set_enabled(conn, username="lead", enabled=False, by="test"),
    "forced_logout": lambda conn: users.force_logout(conn, username="lead", by="test"),
}


def signed_in(chromium, base: str, username: str):
    context = new_context(chromium)
    page = open_app(context, base)
    sign_in(page, username)
    wait_for_cookie(page)  # the tabs opened next sign in from it
    return context, page


def login_form(page):
    return page.get_by_role(LOGIN[0], name=LOGIN[1], exact=True)


@pytest.mark.parametrize("revoke", REVOKE)
def test_open_screens_show_the_login_form_within_one_refresh(server, chromium, revoke):
    base, engine = server
    context, live = signed_in(chromium, base, "lead")
    load(live, f"{base}/comparison?refresh={REFRESH}")
    live.get_by_role("heading", name="区域比较").wait_for()
    show = context.new_page()
    load(show, f"{base}/?present=1&refresh={REFRESH}")
    show.locator(".slide").wait_for()

    with engine.begin() as conn:
        REVOKE[revoke](conn)
    revoked = time.monotonic()
    for page in (live, show):
        login_form(page).wait_for(timeout=(REFRESH + 10) * 1000)
    waited = time.monotonic() - revoked
    assert waited <= REFRESH + 2, f"the screens showed data {waited:.1f} s after {revoke}"
    for page in (live, show):
        assert page.locator(NUMBERS).count() == 0
    context.close()


def test_a_widget_of_an_ended_session_brings_the_login_form(server, chromium):
    base, engine = server
    context, page = signed_in(chromium, base, "lead")
    # an hour between refreshes: only the widget can make the view run again
    load(page, f"{base}/comparison?refresh=3600")
    page.get_by_role("heading", name="区域比较").wait_for()
    with engine.begin() as conn:
        REVOKE["forced_logout"](conn)
    page.get_by_role("combobox", name="排名指标").click()  # opening the list runs nothing
    run_after(page, page.get_by_role("option", name="网格员配备率").click)
    login_form(page).wait_for()
    assert page.locator(NUMBERS).count() == 0
    context.close()


def test_a_cookie_copied_before_logout_is_refused_after_it(server, chromium):
    base, _ = server
    context, page = signed_in(chromium, base, "lead")
    cookie = login_cookie(context)
    assert cookie, "the login cookie was not set"
    copied = new_context(chromium)  # an attacker's browser with the copied cookie
    copied.add_cookies([cookie])
    open_app(copied, base).get_by_role("heading", name="总览").wait_for()  # works at first

    run_after(page, page.get_by_role("button", name="退出登录").click)
    login_form(page).wait_for()
    wait_for_cookie(page, present=False)
    again = open_app(copied, base)
    login_form(again).wait_for()
    assert again.locator(NUMBERS).count() == 0
    context.close()
    copied.close()
