"""The admin's side of 大屏端查询 (用户管理): publish a public task board of a unit, copy
its link (shown once: only its hash is kept), and revoke boards."""

import pandas as pd
import streamlit as st

from dashboard.board import URL_KEY
from dashboard.database import engine
from dashboard.formatting import plain
from dashboard.i18n import tr
from dashboard.url_state import own_address
from data_access import clock, public_board

NEW_LINK = "board_new_link"


def section(admin: str, units: pd.DataFrame) -> None:
    """`units`: those a board may cover (unit_options' columns)."""
    st.subheader(tr("任务公开查询链接"))
    st.caption(
        tr(
            "链接无需登录即可查看所选单位下标为公开的任务、节点、进度与预警，不含人员和其他数据；"
            "撤销后链接立即失效。"
        )
    )
    with st.form("publish_board", clear_on_submit=True):
        label = st.text_input(tr("看板名称"), key="board_label")
        names = dict(zip(units["unit_id"], units["name"], strict=True))
        unit_id = st.selectbox(
            tr("范围"), list(names), format_func=names.__getitem__, key="board_unit"
        )
        if st.form_submit_button(tr("发布链接")):
            try:
                with engine().begin() as conn:
                    token = public_board.publish(
                        conn, unit_id=int(unit_id), label=label, by=admin, at=clock.now()
                    )
            except public_board.BoardError as why:
                st.error(plain(why))
            else:
                st.session_state[NEW_LINK] = own_address(f"{URL_KEY}={token}")
    if NEW_LINK in st.session_state:
        st.success(tr("链接已发布。请现在复制，它只显示这一次："))
        st.code(st.session_state[NEW_LINK], language=None)
    with engine().connect() as conn:
        boards = public_board.boards(conn)
    standing = boards[boards["revoked_at"].isna()]
    for board in standing.itertuples():
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.write(
            tr("{label} · {unit} · {by} 发布于 {at}").format(
                label=plain(board.label),
                unit=plain(board.unit_name),
                by=plain(board.created_by),
                at=f"{clock.local(board.created_at):%Y-%m-%d %H:%M}",
            )
        )
        if right.button(tr("撤销"), key=f"revoke_board_{board.board_id}"):
            with engine().begin() as conn:
                public_board.revoke(conn, board_id=board.board_id, by=admin, at=clock.now())
            st.session_state.pop(NEW_LINK, None)
            st.rerun()
    if standing.empty:
        st.caption(tr("目前没有有效的公开链接。"))
