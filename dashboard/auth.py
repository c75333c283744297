"""Sign-in with streamlit-authenticator, with its gaps closed here.

The library checks bcrypt hashes and signs the login cookie. On every run
this module also checks, against the database, that the account still
exists, is enabled, and that the session (or cookie) was issued after its
last password change or forced logout; it throttles failed logins and
writes every login, failure, lockout and logout to the audit table.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from dashboard.database import engine
from dashboard.settings import COOKIE_NAME, cookie_key, session_hours
from data_access import users
from data_access.users import User

LOCAL_TIME = ZoneInfo("Asia/Shanghai")
ISSUED_AT = "auth_issued_at"


def _authenticator() -> stauth.Authenticate:
    with engine().connect() as conn:
        credentials = users.credentials(conn)
    return stauth.Authenticate(
        credentials,
        COOKIE_NAME,
        cookie_key(),
        session_hours() / 24,
        auto_hash=False,
        # the cookie is read from the request (st.context), so there is nothing to wait for
        login_sleep_time=0,
    )


def _cookie_issued_at() -> datetime | None:
    """When the login cookie this session arrived with was issued (naive UTC)."""
    token = st.context.cookies.get(COOKIE_NAME)
    if not token:
        return None
    try:
        claims = jwt.decode(token, cookie_key(), algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    issued = datetime.fromtimestamp(claims["exp_date"], UTC) - timedelta(hours=session_hours())
    return issued.replace(tzinfo=None)


def _end_session(authenticator: stauth.Authenticate, *, event: str) -> None:
    username = st.session_state.get("username") or "?"
    with engine().begin() as conn:
        users.record(conn, username=username, event=event)
    authenticator.logout(location="unrendered")
    st.session_state.pop(ISSUED_AT, None)


def _valid_user(authenticator: stauth.Authenticate) -> User | None:
    """The signed-in user if the session still stands; otherwise end it and return None."""
    if ISSUED_AT not in st.session_state:
        st.session_state[ISSUED_AT] = _cookie_issued_at()
    issued = st.session_state[ISSUED_AT]
    with engine().connect() as conn:
        user = users.get_user(conn, st.session_state["username"])
    expired = issued is None or users.utcnow() - issued > timedelta(hours=session_hours())
    if not expired and users.session_is_valid(user, issued):
        return user
    _end_session(authenticator, event="session_refused")
    st.info("登录已失效，请重新登录。")
    return None


def _login_form(authenticator: stauth.Authenticate) -> bool:
    """Draw the login form; True once a login succeeded in this run."""
    slot = st.columns([1, 2, 1])[1].empty()
    with engine().connect() as conn:
        fresh = users.never_signed_in(conn)
    with slot.form("login_form"):
        st.subheader("党建引领基层治理 · 登录")
        raw_username = st.text_input("用户名", key="login_username", autocomplete="username")
        password = st.text_input("密码", type="password", key="login_password")
        submitted = st.form_submit_button("登录", type="primary")
        if fresh:
            st.caption("首次运行：管理员账户 admin 的初始密码已打印在启动本应用的终端中。")
    if not submitted:
        return False
    username = raw_username.lower().strip()
    if not username or not password:
        st.error("请输入用户名和密码。")
        return False
    with engine().begin() as conn:
        until = users.locked_until(conn, username=username)
        if until:
            users.record(conn, username=username, event="login_blocked")
            _show_locked(until)
            return False
        if authenticator.authentication_controller.login(username, password):
            users.record(conn, username=username, event="login")
            st.session_state[ISSUED_AT] = users.utcnow()
            authenticator.cookie_controller.set_cookie()
            slot.empty()
            return True
        users.record(conn, username=username, event="login_failed")
        until = users.locked_until(conn, username=username)
        if until:
            users.record(conn, username=username, event="lockout")
            _show_locked(until)
        else:
            st.error("用户名或密码错误。")
    return False


def _show_locked(until: datetime) -> None:
    local = until.replace(tzinfo=UTC).astimezone(LOCAL_TIME)
    st.error(f"登录失败次数过多，该账户已锁定，请于 {local:%H:%M} 后再试。")


def _on_logout(details: dict) -> None:
    with engine().begin() as conn:
        users.record(conn, username=details.get("username") or "?", event="logout")
    st.session_state.pop(ISSUED_AT, None)


def _logout_button(authenticator: stauth.Authenticate) -> None:
    authenticator.logout("退出登录", location="sidebar", key="logout_button", callback=_on_logout)


def sign_in() -> User | None:
    """The signed-in user for this run, or None after drawing the login form."""
    authenticator = _authenticator()
    try:
        authenticator.login(location="unrendered")  # signs in from a valid cookie
    except LoginError:
        # a cookie for an account that is gone or disabled
        authenticator.cookie_controller.delete_cookie()
    if st.session_state.get("authentication_status"):
        _logout_button(authenticator)
        if st.session_state.get("authentication_status"):
            user = _valid_user(authenticator)
            if user is not None:
                return user
    if _login_form(authenticator):
        # No rerun here: the cookie is set by a component drawn in this run.
        _logout_button(authenticator)
        return _valid_user(authenticator)
    return None
