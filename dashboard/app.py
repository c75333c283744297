"""Entry point: `streamlit run dashboard/app.py`. Page config, sign-in, banner, navigation."""

import logging
import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repo root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.auth import sign_in  # noqa: E402
from dashboard.navigation import ROLE_LABELS, pages_for  # noqa: E402
from dashboard.queries import dataset_facts  # noqa: E402
from dashboard.settings import SettingsError  # noqa: E402

log = logging.getLogger("dashboard")


def sample_banner() -> None:
    facts = dataset_facts()
    if facts.get("sample") == "1":
        text = " · ".join(filter(None, ["**示例数据**", facts.get("label")]))
        st.warning(text, icon=":material/science:")


def run() -> None:
    st.set_page_config(
        page_title="党建引领基层治理", page_icon=":material/account_balance:", layout="wide"
    )
    try:
        user = sign_in()
    except SettingsError as why:
        st.error(str(why))
        return
    if user is None:
        return
    st.session_state["user"] = user
    st.sidebar.caption(f"{user.display_name} · {ROLE_LABELS[user.role]}")
    sample_banner()
    page = st.navigation(pages_for(user.role))
    try:
        page.run()
    except Exception:
        # Never a traceback on screen; the log has it.
        log.exception("page %s failed", page.title)
        st.error("页面出现错误，已记录。请稍后重试或联系管理员。")


run()
