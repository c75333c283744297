"""用户管理: accounts, their roles and scopes, password resets, and the login audit."""

import pandas as pd
import streamlit as st

from dashboard import board_admin
from dashboard.database import engine
from dashboard.formatting import plain
from dashboard.i18n import tr
from dashboard.labels import AUTH_EVENTS, ROLE_LABELS, audit_detail
from dashboard.session import current_scope, current_user
from data_access import clock, users
from data_access.units import unit_options
from data_access.users import Role

admin = current_user()
if admin.role != Role.ADMIN:
    st.stop()  # navigation already hides this page; never rely on that alone

st.title(tr("用户管理"))
with engine().connect() as conn:
    accounts = users.list_users(conn)
    units = unit_options(conn, scope=current_scope(), levels=("city", "district", "street"))
st.dataframe(
    accounts.assign(
        role=accounts["role"].map(ROLE_LABELS).map(tr),
        units=accounts["units"].replace("全部", tr("全部")),
    ),
    hide_index=True,
    column_config={
        "username": tr("用户名"),
        "display_name": tr("姓名"),
        "role": tr("角色"),
        "enabled": tr("启用"),
        "units": tr("可见范围"),
    },
)


def apply(action, success: str, **kwargs) -> None:
    """Run one account change in its own transaction and report the outcome (names
    and a new password in it shown as they are)."""
    try:
        with engine().begin() as conn:
            action(conn, by=admin.username, **kwargs)
    except users.UserError as why:
        st.error(plain(why))
    else:
        st.success(plain(success))


with (
    st.expander(tr("新增用户"), icon=":material/person_add:"),
    st.form("add_user", clear_on_submit=True),
):
    username = st.text_input(tr("用户名（小写字母、数字）"), key="new_username")
    display_name = st.text_input(tr("姓名"), key="new_display_name")
    # format functions take labels made in the run: AppTest calls them outside it
    role_names = {role: tr(label) for role, label in ROLE_LABELS.items()}
    role = st.selectbox(
        tr("角色"), list(ROLE_LABELS), format_func=role_names.__getitem__, key="new_role"
    )
    unit_names = dict(zip(units["code"], units["name"], strict=True))
    codes = st.multiselect(
        tr("可见范围（管理员可不选）"),
        units["code"].tolist(),
        format_func=lambda code: unit_names[code],
        key="new_units",
    )
    password = st.text_input(tr("初始密码（至少 10 位）"), type="password", key="new_password")
    if st.form_submit_button(tr("新增用户")):
        apply(
            users.add_user,
            tr("已新增用户 {name}").format(name=username),
            username=username,
            display_name=display_name,
            role=role,
            password=password,
            unit_codes=codes,
        )

with st.expander(tr("账户操作"), icon=":material/manage_accounts:"):
    target = st.selectbox(tr("用户"), accounts["username"].tolist(), key="account_target")
    left, middle, right, last = st.columns(4)
    if left.button(tr("重置密码"), use_container_width=True):
        new_password = users.random_password()
        apply(
            users.set_password,
            tr("新密码（仅显示一次）：{password}").format(password=new_password),
            username=target,
            password=new_password,
        )
    if middle.button(tr("强制下线"), use_container_width=True):
        apply(
            users.force_logout, tr("{name} 的所有登录已失效").format(name=target), username=target
        )
    enabled = bool(accounts.loc[accounts["username"] == target, "enabled"].squeeze())
    if right.button(tr("停用" if enabled else "启用"), use_container_width=True):
        apply(users.set_enabled, tr("已更新"), username=target, enabled=not enabled)
    if last.button(tr("删除"), use_container_width=True, type="primary"):
        apply(users.remove_user, tr("已删除 {name}").format(name=target), username=target)

board_admin.section(admin.username, units)

st.subheader(tr("登录审计"))
with engine().connect() as conn:
    events = users.auth_events(conn)
events["at"] = pd.to_datetime(events["at"], utc=True).dt.tz_convert(clock.zone())
events["event"] = (
    events["event"].map(AUTH_EVENTS).map(tr, na_action="ignore").fillna(events["event"])
)
events["detail"] = events["detail"].map(audit_detail)
st.dataframe(
    events,
    hide_index=True,
    column_config={
        "at": st.column_config.DatetimeColumn(tr("时间（北京时间）"), format="YYYY-MM-DD HH:mm:ss"),
        "username": tr("用户名"),
        "event": tr("事件"),
        "detail": tr("说明"),
    },
)
