"""大屏端查询: the public task board, opened by its link (`?board=<token>`) without
signing in. The run draws nothing but the board: no sidebar, no page of the app, no
user. Every refresh (the live interval, `?refresh=N`) asks the database whether the
link still stands, so a revoked link turns into "link no longer valid" on every screen
showing it."""

from html import escape

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.database import engine
from dashboard.figures import WARNING_COLOURS
from dashboard.formatting import percent, plain
from dashboard.guard import no_traceback
from dashboard.i18n import day_label, month_label, tr
from dashboard.labels import WARNING_LABELS
from dashboard.live import refresh_seconds
from data_access import public_board
from data_access.indicators.work import WARNINGS

URL_KEY = "board"

STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stHeader"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem !important; }
.task { border: 1px solid #e3e6ec; border-radius: 8px; padding: 10px 14px; margin: 6px 0; }
.task .head { display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; }
.task .title { font-weight: 700; font-size: 1.05rem; }
.task .warning { font-weight: 700; white-space: nowrap; }
.task .track { background: #eef1f5; height: 10px; border-radius: 5px; margin: 8px 0 4px; }
.task .fill { height: 100%; border-radius: 5px; }
.task .meta { color: #555; font-size: 0.9rem; }
</style>"""


def show(token: str) -> None:
    """The whole run for a board link."""
    st.html(STYLE)
    page = st.Page(
        lambda: st.fragment(_board, run_every=refresh_seconds())(token),
        title=tr("任务公开查询"),
        default=True,
    )
    st.navigation([page], position="hidden").run()


def _board(token: str) -> None:
    with no_traceback("public board"):
        with engine().connect() as conn:
            board = public_board.board_for(conn, token)
        if board is None:
            st.title(tr("链接已失效"))
            st.info(tr("这个任务公开查询链接已撤销或不存在，请向发布单位索取新的链接。"))
            return
        as_of = queries.data_end()
        st.title(plain(board.label))
        sample = f"**{tr('示例数据')}** · " if queries.dataset_facts().get("sample") == "1" else ""
        st.caption(
            sample
            + tr("{unit} · 公开任务进度 · 数据截至 {day}").format(
                unit=plain(board.unit_name), day=day_label(as_of)
            )
        )
        nodes = queries.board_nodes(scope=board.scope, as_of=as_of)
        if nodes.empty:
            st.info(tr("这里还没有公开的任务。"))
            return
        wanted = st.text_input(tr("查找任务或单位"), key="board_search").strip()
        if wanted:
            found = nodes["task_title"].str.contains(wanted, regex=False) | nodes[
                "unit_name"
            ].str.contains(wanted, regex=False)
            nodes = nodes[found]
        for task in _worst_first(nodes):
            _task_card(task)
            with st.expander(tr("节点明细（{n} 个）").format(n=len(task))):
                _node_table(task)


def _worst_first(nodes: pd.DataFrame) -> list[pd.DataFrame]:
    """Each task's nodes, the task with the worst warning first (then by code)."""
    order = nodes["warning"].map(WARNINGS.index)
    worst = order.groupby(nodes["task_code"]).min()
    codes = sorted(worst.index, key=lambda code: (worst[code], code))
    return [nodes[nodes["task_code"] == code] for code in codes]


def _task_card(task: pd.DataFrame) -> None:
    warning = min(task["warning"], key=WARNINGS.index)
    done = int(task["warning"].isin(["done", "late"]).sum())
    colour = WARNING_COLOURS[warning]
    progress = tr("已完成 {done} / {n} 个节点").format(done=done, n=len(task))
    units = "、".join(sorted(set(task["unit_name"])))
    st.html(
        f'<div class="task"><div class="head"><span class="title">'
        f"{escape(task['task_title'].iloc[0])}</span>"
        f'<span class="warning" style="color:{colour}">{escape(tr(WARNING_LABELS[warning]))}'
        f"</span></div>"
        f'<div class="track"><div class="fill" style="width:{done / len(task):.1%};'
        f'background:{colour}"></div></div>'
        f'<div class="meta">{escape(progress)} · {escape(units)}</div></div>'
    )


def _node_table(task: pd.DataFrame) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                tr("月份"): task["month"].map(month_label),
                tr("责任单位"): task["unit_name"],
                tr("节点目标"): task["target"],
                tr("进度"): task["progress"].map(lambda p: "—" if pd.isna(p) else percent(p, 0)),
                tr("预警"): task["warning"].map(WARNING_LABELS).map(tr),
            }
        ),
        hide_index=True,
    )
