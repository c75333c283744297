"""Live views: the page body reruns as a fragment on a timer, so the numbers update
without reloading the page, and the sidebar filters and the scroll position stay put.

Every refresh reads the data stamp first. When it moved, the cached queries miss and
read the new rows; when the database cannot be reached, the page redraws from the
results this session already holds (dashboard/queries.py) under a "stale since" notice,
and the next refresh that reaches the database recovers by itself.
"""

import os
from collections.abc import Callable
from datetime import datetime

import streamlit as st
from sqlalchemy.exc import DBAPIError

from dashboard.auth import require_session
from dashboard.database import engine, is_outage, roll_over
from dashboard.filters import current_filters
from dashboard.guard import no_traceback
from dashboard.i18n import amount, tr
from dashboard.queries import data_end
from data_access import clock
from data_access.freshness import added_since, data_stamp

DEFAULT_SECONDS = 30
SHORTEST, LONGEST = 2, 3600
ADDED_LABELS = {
    "activities": ("服务活动", "场"),
    "meetings": ("会议", "次"),
    "list_items": ("清单事项", "项"),
    "problems": ("群众问题", "件"),
}


def refresh_seconds() -> int:
    """`?refresh=N` in the URL, else DASHBOARD_REFRESH_SECONDS, else 30; kept in 2..3600."""
    for given in (st.query_params.get("refresh"), os.environ.get("DASHBOARD_REFRESH_SECONDS")):
        if given and given.isdigit():
            return min(max(int(given), SHORTEST), LONGEST)
    return DEFAULT_SECONDS


def local_now() -> datetime:
    """Wall-clock time where the meeting is (the display zone, data_access/clock.py)."""
    return clock.local(clock.now())


# The browser's scroll anchoring chases the nodes a refresh replaces and moved the view
# by up to 320 px; with it off, a refresh leaves the reader at the same scroll offset.
KEEP_SCROLL = """<style>
html, body, [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow-anchor: none; }
</style>"""


def run_live(show: Callable[[], None], title: str) -> None:
    """Draw a view's body `show` in a fragment that reruns every `refresh_seconds()`;
    called by the view's page file, so every rerun keeps the page's widget ids."""
    st.html(KEEP_SCROLL)
    st.fragment(_refresh, run_every=refresh_seconds())(show, title)


def _refresh(show: Callable[[], None], title: str) -> None:
    require_session()
    with no_traceback(f"page {title}"):
        check()
        show()


def check() -> None:
    """Read the stamp, and what came in since the start, for `status_line`."""
    state = st.session_state
    try:
        with engine().connect() as conn:
            stamp = data_stamp(conn)
            started = state.setdefault("session_stamp", stamp)
            added = added_since(conn, scope=current_filters().scope, since=started)
    except DBAPIError as why:
        if not is_outage(why):
            raise
        state.setdefault("stale_since", local_now())
        state["live_status"] = "stale"
        return
    state.pop("stale_since", None)
    state["data_stamp"], state["data_as_of"], state["added"] = stamp, local_now(), added
    roll_over(data_end())  # a projector left on past midnight moves on with the data
    state["live_status"] = "fresh"


def status_line() -> None:
    """Under a live view's title: when the data was read and what is new, or that it
    is stale. Draws nothing on a page that is not live."""
    state = st.session_state
    status = state.pop("live_status", None)
    if status == "stale":
        shown, since = state.get("data_as_of"), state["stale_since"]
        text = (
            "数据库暂时无法连接：仍显示 {shown} 的数据，自 {since} 起未能更新；连接恢复后自动刷新。"
            if shown
            else "数据库暂时无法连接（自 {since} 起）；连接恢复后自动刷新。"
        )
        st.warning(
            tr(text).format(shown=f"{shown:%H:%M:%S}" if shown else "", since=f"{since:%H:%M:%S}"),
            icon=":material/cloud_off:",
        )
    elif status == "fresh":
        line = st.container(horizontal=True, vertical_alignment="center", key="live_status")
        line.caption(
            tr("数据更新于 {time} · 每 {seconds} 秒自动刷新 · ").format(
                time=f"{state['data_as_of']:%H:%M:%S}", seconds=refresh_seconds()
            )
            + tr("本场以来新增：")
            + news_text(state["added"])
        )
        line.button(tr("从现在起计"), key="restart_count", type="tertiary", on_click=_restart_count)


def news_text(added: dict[str, int]) -> str:
    """'服务活动 3 场 · 会议 1 次 · ...': what `added_since` counted."""
    return " · ".join(
        f"{tr(label)} {amount(f'{added.get(kind, 0):,}', unit)}"
        for kind, (label, unit) in ADDED_LABELS.items()
    )


def _restart_count() -> None:
    st.session_state["session_stamp"] = st.session_state["data_stamp"]
