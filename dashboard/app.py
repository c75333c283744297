"""Entry point: `streamlit run dashboard/app.py`. Page config, sign-in, banner, navigation."""

import sys
from datetime import date
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repo root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402

from dashboard import ballot, board, filters, live, page_style  # noqa: E402
from dashboard.auth import sign_in  # noqa: E402
from dashboard.database import engine, is_outage, roll_over  # noqa: E402
from dashboard.formatting import plain  # noqa: E402
from dashboard.guard import no_traceback, show_failure  # noqa: E402
from dashboard.i18n import day_label, language_switch, seed_language, tr  # noqa: E402
from dashboard.labels import ROLE_LABELS  # noqa: E402
from dashboard.navigation import (  # noqa: E402
    enter_presentation,
    hold_requested_page,
    pages_for,
    presentation_page,
)
from dashboard.queries import data_end, dataset_facts  # noqa: E402
from dashboard.session import current_scope  # noqa: E402
from dashboard.settings import SettingsError  # noqa: E402


def dataset_banner() -> None:
    """Sample data says so loudly; a deployment's own data says what it runs up to."""
    facts = dataset_facts()
    if facts.get("sample") == "1":
        text = " · ".join(filter(None, [f"**{tr('示例数据')}**", plain(facts.get("label") or "")]))
        st.warning(text, icon=":material/science:")
    elif "data_end" in facts:
        day = date.fromisoformat(facts["data_end"])
        st.caption(tr("正式数据 · 数据截至 {day}").format(day=day_label(day)))


def wait_for_database() -> None:
    """Shown when a full run cannot reach the database (sign-in needs it): try again
    on the refresh timer and carry on by itself once it answers."""
    st.warning(
        tr("数据库暂时无法连接，正在自动重试；连接恢复后页面会自动继续。"),
        icon=":material/cloud_off:",
    )

    def retry() -> None:
        try:
            with engine().connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as why:
            if not is_outage(why):
                raise
            return
        st.rerun()

    st.fragment(retry, run_every=live.refresh_seconds())()


def run() -> None:
    # an emoji icon is drawn in the page; a material one would be fetched from Google
    st.set_page_config(page_title="党建引领基层治理", page_icon="🏛️", layout="wide")
    try:
        show()
    except Exception as error:
        if is_outage(error):
            wait_for_database()
        else:
            show_failure("app")


def show() -> None:
    seed_language()
    token = st.query_params.get(board.URL_KEY)
    if token is not None:  # a public board: drawn without signing in, and nothing else
        board.show(token)
        return
    code = st.query_params.get(ballot.URL_KEY)
    if code is not None:  # a voter's ballot: no account, nothing else of the app
        ballot.show(code)
        return
    # A copied link's filters must survive the login form drawn before them.
    st.session_state.setdefault("requested_query", st.query_params.to_dict())
    try:
        user = sign_in()
    except SettingsError as why:
        st.error(str(why))
        return
    if user is None:
        hold_requested_page()
        return
    st.session_state["user"] = user
    roll_over(data_end())
    requested = st.session_state.pop("requested_query", None)
    if requested:
        st.query_params.update(requested)
    pages = pages_for(user.role)
    st.session_state["pages"] = pages
    presenting = st.query_params.get("present") == "1"
    first = next(iter(pages))
    if presenting:
        viewing = st.session_state.get("viewing")
        under = viewing if viewing in pages else first
        page = st.navigation([presentation_page(under, default=under == first)], position="hidden")
    else:
        page = st.navigation(list(pages.values()))
        st.session_state["viewing"] = next(key for key, shown in pages.items() if shown is page)
    st.session_state["filters"] = filters.draw(current_scope())
    if presenting:
        page.run()  # it guards its own slides
        return
    st.html(page_style.STYLE)
    st.sidebar.button(tr("观摩模式"), icon=":material/slideshow:", on_click=enter_presentation)
    st.sidebar.caption(f"{plain(user.display_name)} · {tr(ROLE_LABELS[user.role])}")
    language_switch()
    dataset_banner()
    with no_traceback(f"page {page.title}"):
        page.run()  # a view's file draws its body in a live fragment (dashboard/live.py)


run()
