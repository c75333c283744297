"""Save, open and delete the user's named what-if scenarios, and reset to the baseline.

Buttons act in callbacks, before the widgets they change are drawn. The
outcome is said on the next run.
"""

import streamlit as st

from dashboard import what_if_controls
from dashboard.database import engine
from dashboard.formatting import plain
from dashboard.i18n import tr
from dashboard.what_if_settings import BASELINE, from_params, to_params
from data_access import scenarios

MESSAGE = "scenario_message"


def bar(username: str) -> None:
    """One row: pick and open or delete a saved scenario, save under a name, reset."""
    with engine().connect() as conn:
        names = scenarios.scenario_names(conn, username=username)
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.selectbox(
        tr("我的方案"),
        names,
        key="scenario_pick",
        index=None,
        placeholder=tr("尚未选择已保存的方案"),
        width=260,
    )
    chosen = st.session_state.get("scenario_pick")
    row.button(
        tr("打开"), key="scenario_open", on_click=_open, args=(username,), disabled=not chosen
    )
    row.button(
        tr("删除"), key="scenario_delete", on_click=_delete, args=(username,), disabled=not chosen
    )
    row.text_input(tr("方案名称"), key="scenario_name", max_chars=scenarios.MAX_NAME, width=220)
    row.button(tr("保存当前设置"), key="scenario_save", on_click=_save, args=(username,))
    row.button(tr("恢复基准"), key="scenario_reset", on_click=_reset, icon=":material/restart_alt:")
    st.caption(tr("当前设置已写入地址栏链接：复制链接即可把同样的权重、目标和推演分享给他人。"))
    kind, text = st.session_state.pop(MESSAGE, (None, None))  # plain text, names in it
    if kind == "error":
        st.error(plain(text))
    elif kind:
        st.success(plain(text))


def _open(username: str) -> None:
    name = st.session_state["scenario_pick"]
    with engine().connect() as conn:
        params = scenarios.load_scenario(conn, username=username, name=name)
    if params is None:
        st.session_state[MESSAGE] = ("error", tr("方案“{name}”已不存在。").format(name=name))
        return
    what_if, problems = from_params(params)
    what_if_controls.put(what_if)
    st.session_state["scenario_name"] = name
    note = "；".join(problems)
    st.session_state[MESSAGE] = ("success", tr("已打开方案“{name}”。").format(name=name) + note)


def _save(username: str) -> None:
    name = st.session_state.get("scenario_name", "")
    settings = to_params(st.session_state.get("what_if", BASELINE))
    try:
        with engine().begin() as conn:
            scenarios.save_scenario(conn, username=username, name=name, settings=settings)
    except scenarios.ScenarioError as why:
        st.session_state[MESSAGE] = ("error", str(why))
        return
    st.session_state[MESSAGE] = ("success", tr("已保存方案“{name}”。").format(name=name.strip()))


def _delete(username: str) -> None:
    name = st.session_state["scenario_pick"]
    with engine().begin() as conn:
        scenarios.delete_scenario(conn, username=username, name=name)
    del st.session_state["scenario_pick"]
    st.session_state[MESSAGE] = ("success", tr("已删除方案“{name}”。").format(name=name))


def _reset() -> None:
    what_if_controls.put(BASELINE)
    st.session_state[MESSAGE] = (
        "success",
        tr("已恢复基准：默认权重、目标值和镇江员额规则，无推演调整。"),
    )
