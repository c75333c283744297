"""Entry point: `streamlit run dashboard/app.py`. Page config, banner, navigation."""

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repo root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.queries import dataset_facts  # noqa: E402


def run() -> None:
    st.set_page_config(
        page_title="党建引领基层治理", page_icon=":material/account_balance:", layout="wide"
    )
    facts = dataset_facts()
    if facts.get("sample") == "1":
        st.warning(f"**示例数据** · {facts.get('label', '')}", icon=":material/science:")
    pages = [
        st.Page(
            ROOT / "pages" / "overview.py", title="总览", icon=":material/dashboard:", default=True
        )
    ]
    st.navigation(pages).run()


run()
