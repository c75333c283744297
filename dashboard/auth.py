"""Sign-in with streamlit-authenticator, with its gaps closed here.

The library checks bcrypt hashes. The login cookie is the library's token with a
session id of ours added (data_access/sessions.py): on every run, fragment reruns
included, the session is checked against the database, so logout, a forced logout,
a password change or a disabled account ends it, and every copy of its cookie, at
once. This module also throttles failed logins and writes every login, failure,
lockout and logout to the audit table.
"""

import time
from datetime import UTC, datetime, timedelta

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from dashboard.database import engine, is_outage
from dashboard.i18n import tr
from dashboard.settings import COOKIE_NAME, cookie_key, session_hours
from data_access import clock, sessions, users
from data_access.users import User

SESSION_ID = "auth_session_id"
DELETING = "login_cookie_deleting"  # a logout's cookie deletion not yet reported done
ENTERING = "signing_in"  # signed in, the app not drawn yet (see _entering)


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


def _sign_in_from_cookie() -> None:
    """Sign in from the login cookie this browser session arrived with, as the library's
    login does, but without drawing the library's cookie component: the first value that
    component sends made every page load run the whole app twice. The component is drawn
    only where a cookie must be written or deleted (signing in and out). Whether the
    session still stands is checked next, in `_standing_user`."""
    token = st.context.cookies.get(COOKIE_NAME)
    if not token or st.session_state.get("logout"):
        return  # after a logout the request's cookie is the old one
    try:
        claims = jwt.decode(token, cookie_key(), algorithms=["HS256"])
    except jwt.PyJWTError:
        return
    if not claims.get("username") or claims.get("exp_date", 0) <= time.time():
        return
    st.session_state.update(
        {
            "username": claims["username"],
            "authentication_status": True,
            SESSION_ID: claims.get("sid"),
        }
    )


def _set_cookie(authenticator: stauth.Authenticate, username: str, session_id: str) -> None:
    """The library signs in from any token of ours with a username and an expiry; the
    session id rides along. Secure whenever the page came over HTTPS. (Set from the
    page's JavaScript, it cannot be HttpOnly: see the README's reverse proxy notes.)"""
    expires = datetime.now(UTC) + timedelta(hours=session_hours())
    token = jwt.encode(
        {"username": username, "exp_date": expires.timestamp(), "sid": session_id},
        cookie_key(),
        algorithm="HS256",
    )
    authenticator.cookie_controller.cookie_model.cookie_manager.set(
        COOKIE_NAME,
        token,
        expires_at=expires,
        secure=(st.context.url or "").startswith("https://"),
    )


def _session_stands(conn: Connection) -> bool:
    state = st.session_state
    return sessions.stands(
        conn, state.get(SESSION_ID), username=state.get("username") or "", hours=session_hours()
    )


def require_session() -> None:
    """Fragment reruns skip the entry point, and so `sign_in`: every fragment that shows
    data calls this first. An ended session reruns the whole app, whose `sign_in` then
    ends it in this browser and draws the login form. When the database cannot be
    reached nothing new can be read either, so the fragment may redraw what it holds."""
    try:
        with engine().connect() as conn:
            stands = _session_stands(conn)
    except DBAPIError as why:
        if not is_outage(why):
            raise
        return
    if not stands:
        st.rerun()


def _end_session(authenticator: stauth.Authenticate, *, event: str) -> None:
    """Log out: end the session in the database, audit it, delete the cookie."""
    username = st.session_state.get("username") or "?"
    session_id = st.session_state.pop(SESSION_ID, None)
    with engine().begin() as conn:
        if session_id:
            sessions.end(conn, session_id)
        users.record(conn, username=username, event=event)
    authenticator.authentication_controller.logout()
    st.session_state[DELETING] = True


def _delete_cookie(authenticator: stauth.Authenticate) -> None:
    """Draw the cookie component's delete until the browser reports the cookie deleted. A
    cookie component drawn for the first time in a run sends the cookies it found, which
    reruns the app: a delete drawn only once could be taken off the page by that rerun
    before it ran."""
    component = authenticator.cookie_controller.cookie_model.cookie_manager.cookie_manager
    if component(method="delete", cookie=COOKIE_NAME, key="delete", default=False):
        st.session_state.pop(DELETING, None)


def _standing_user() -> User | None:
    """The signed-in user if the session still stands."""
    with engine().connect() as conn:
        user = users.get_user(conn, st.session_state["username"])
        if user is not None and _session_stands(conn):
            return user
    return None


def _login_form(authenticator: stauth.Authenticate) -> bool:
    """Draw the login form; True once a login succeeded in this run."""
    slot = st.columns([1, 2, 1])[1].empty()
    with engine().connect() as conn:
        fresh = users.never_signed_in(conn)
    with slot.form("login_form"):
        st.subheader(tr("党建引领基层治理 · 登录"))
        raw_username = st.text_input(tr("用户名"), key="login_username", autocomplete="username")
        password = st.text_input(tr("密码"), type="password", key="login_password")
        submitted = st.form_submit_button(tr("登录"), type="primary", key="login_submit")
        if fresh:
            st.caption(
                tr(
                    "首次运行：管理员账户 admin 的初始密码已显示在启动本应用的终端中"
                    "（没有终端时写入 data/first_admin_password，仅文件所有者可读）。"
                )
            )
    if not submitted:
        return False
    username = raw_username.lower().strip()
    if not username or not password:
        st.error(tr("请输入用户名和密码。"))
        return False
    with engine().begin() as conn:
        until = users.locked_until(conn, username=username)
        if until:
            users.record(conn, username=username, event="login_blocked")
            _show_locked(until)
            return False
        signed_in = authenticator.authentication_controller.login(username, password)
        if signed_in:
            users.record(conn, username=username, event="login")
            session_id = sessions.start(conn, username=username, hours=session_hours())
        else:
            users.record(conn, username=username, event="login_failed")
            until = users.locked_until(conn, username=username)
            if until:
                users.record(conn, username=username, event="lockout")
                _show_locked(until)
            else:
                st.error(tr("用户名或密码错误。"))
    if not signed_in:
        return False
    # Only now that the session is stored: the cookie's component may rerun the app and cut
    # this run short at any Streamlit call after it, which inside the transaction above
    # rolled the new session back, so the rerun found none and showed the form again.
    st.session_state[SESSION_ID] = session_id
    _set_cookie(authenticator, username, session_id)
    slot.empty()
    return True


def _entering() -> None:
    """The run that signed in draws no view: the cookie is set by a component drawn in it,
    whose value then reruns the app, and that rerun would cut this run short, leaving
    the sidebar's filters showing their first options rather than the values in use.
    The rerun draws the app; should it not come within 5 s, the app is run then. Once a
    run has drawn the app (ENTERING gone), the timer does nothing: a late tick must not
    start a second run over the one drawing the page."""
    st.caption(tr("正在进入…"))
    st.session_state[ENTERING] = True
    signed_in_at = time.monotonic()

    def enter_if_stalled() -> None:  # its first call is in this run, the next after 5 s
        if st.session_state.get(ENTERING) and time.monotonic() - signed_in_at >= 4.5:
            st.rerun(scope="app")

    st.fragment(enter_if_stalled, run_every=5)()


def _show_locked(until: datetime) -> None:
    local = clock.local(until)
    st.error(
        tr("登录失败次数过多，该账户已锁定，请于 {time} 后再试。").format(time=f"{local:%H:%M}")
    )


def _logout_button() -> bool:
    return st.sidebar.button(tr("退出登录"), key="logout_button")


def sign_in() -> User | None:
    """The signed-in user for this run, or None after drawing the login form."""
    state = st.session_state
    if not state.get("authentication_status"):
        _sign_in_from_cookie()
    authenticator = None
    if state.get("authentication_status"):
        logging_out = _logout_button()
        user = None if logging_out else _standing_user()
        if user is not None:
            st.session_state.pop(ENTERING, None)
            return user
        authenticator = _authenticator()
        _end_session(authenticator, event="logout" if logging_out else "session_refused")
        if not logging_out:
            st.info(tr("登录已失效，请重新登录。"))
    authenticator = authenticator or _authenticator()
    if _login_form(authenticator):
        state.pop(DELETING, None)
        _entering()
        return None
    if state.get(DELETING):
        _delete_cookie(authenticator)
    return None
