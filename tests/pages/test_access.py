"""Who sees what: sign-in, pages per role, scope, throttling and revoked sessions."""

from datetime import timedelta

import pytest
from sqlalchemy import text, update

from dashboard.navigation import PAGES, ROLE_PAGES
from data_access import users
from data_access.schema import auth_event
from tests import accounts
from tests.pages.conftest import sign_in
from tests.pages.helpers import metrics, table

PAGE_FILES = {key: f"../pages/{filename}" for key, (filename, _, _) in PAGES.items()}


def events(city, username: str) -> list[str]:
    with city.connect() as conn:
        return list(
            conn.execute(
                text("SELECT event FROM auth_event WHERE username = :u ORDER BY id"),
                {"u": username},
            ).scalars()
        )


def test_without_sign_in_only_the_login_form_renders(app):
    at = app()
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert [b.label for b in at.button] == ["登录"]
    assert not at.metric and not at.dataframe and not at.warning and not at.title


@pytest.mark.parametrize("username", list(accounts.ACCOUNTS))
def test_each_role_reaches_exactly_its_pages(app, username):
    at = app(username)
    allowed = set(ROLE_PAGES[accounts.ACCOUNTS[username][0]])
    for key, path in PAGE_FILES.items():
        if key in allowed:
            at.switch_page(path)
            at.run()
            assert not at.exception
            assert at.title[0].value == PAGES[key][1]
        else:
            with pytest.raises(ValueError):
                at.switch_page(path)


def test_a_district_user_sees_only_its_district_whatever_the_url_says(app):
    at = app()
    at.query_params["unit"] = "3"  # D2's id: a district user must not get it
    at.query_params["district"] = "D2"
    sign_in(at, "d1user")
    assert metrics(at) == {
        # D1 in Q1 2026: 2 of 3 grids covered, 2 of 3 with a worker, 2 of 4
        # in-service members registered, 1 of 2 active, 2 of 4 problems
        # resolved, 3 of 5 meeting holders green
        "网格党组织覆盖率": "66.7%",
        "网格员配备率": "66.7%",
        "在职党员报到率": "50.0%",
        "报到党员活跃率(90天)": "50.0%",
        "问题解决率": "50.0%",
        "三会一课按期率": "60.0%",
        "未建党组织的网格": "1 个",
        "无网格员的网格": "1 个",
        "三会一课逾期单位（红色）": "1 个",
        "报到后 90 天未参加服务的党员": "1 人",
        "逾期未完成的清单事项": "2 项",
    }
    # D1 breaks down by street; the URL's unit is not one the user may see
    assert list(table(at)["unit_name"]) == ["甲一街道"]


def test_a_street_user_sees_only_its_street(app):
    at = app("s2user")
    assert list(table(at)["unit_name"]) == ["南湾村"]
    assert metrics(at)["网格党组织覆盖率"] == "50.0%"  # S2: G5 covered, G4 not


def test_wrong_password_is_refused_and_audited(app, city):
    at = app()
    sign_in(at, "d1user", "not-the-password")
    assert at.error[0].value == "用户名或密码错误。"
    assert not at.metric
    assert events(city, "d1user") == ["login_failed"]


def test_five_failures_lock_the_account_until_the_window_passes(app, city):
    at = app()
    for _ in range(users.LOCK_AFTER_FAILURES):
        sign_in(at, "d1user", "wrong-password-1")
    assert "已锁定" in at.error[0].value
    sign_in(at, "d1user")  # the right password does not help while locked
    assert "已锁定" in at.error[0].value and not at.metric
    assert events(city, "d1user") == ["login_failed"] * 5 + ["lockout", "login_blocked"]
    with city.begin() as conn:  # let the lock window pass
        conn.execute(
            update(auth_event).values(at=auth_event.c.at - users.LOCK_WINDOW - timedelta(seconds=1))
        )
    sign_in(at, "d1user")
    assert metrics(at)["网格党组织覆盖率"] == "66.7%"
    assert events(city, "d1user")[-1] == "login"


@pytest.mark.parametrize(
    "revoke",
    [
        lambda conn: users.force_logout(conn, username="d1user", by="root"),
        lambda conn: users.set_enabled(conn, username="d1user", enabled=False, by="root"),
        lambda conn: users.set_password(
            conn, username="d1user", password="a-new-password-9", by="root"
        ),
        lambda conn: users.remove_user(conn, username="d1user", by="root"),
    ],
    ids=["forced logout", "disabled", "password changed", "removed"],
)
def test_a_revoked_session_ends_on_the_next_run(app, city, revoke):
    at = app("d1user")
    assert at.metric
    with city.begin() as conn:
        revoke(conn)
    at.run()
    assert not at.metric
    assert at.info[0].value == "登录已失效，请重新登录。"
    assert [t.label for t in at.text_input] == ["用户名", "密码"]


def test_a_disabled_user_cannot_sign_in(app, city):
    with city.begin() as conn:
        users.set_enabled(conn, username="d1user", enabled=False, by="root")
    at = app()
    sign_in(at, "d1user")
    assert at.error[0].value == "用户名或密码错误。" and not at.metric


def test_logout_returns_to_the_login_form(app, city):
    at = app("lead")
    next(b for b in at.sidebar.button if b.label == "退出登录").click()
    at.run()
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert not at.metric
    assert events(city, "lead") == ["login", "logout"]


def test_a_fresh_installation_says_where_the_admin_password_is(app):
    at = app()
    assert "初始密码已显示在启动本应用的终端中" in at.caption[0].value
    sign_in(at, "lead")
    next(b for b in at.sidebar.button if b.label == "退出登录").click()
    at.run()
    assert not at.caption  # once anyone has signed in, the hint is gone
