"""Which pages each role may open. A page left out of a role's list cannot be reached."""

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"

# key: (file in pages/, title, icon)
PAGES = {
    "overview": ("overview.py", "总览", ":material/dashboard:"),
    "users": ("users_admin.py", "用户管理", ":material/manage_accounts:"),
}

ROLE_PAGES = {
    "admin": ["overview", "users"],
    "leader": ["overview"],
    "district": ["overview"],
    "viewer": ["overview"],
}

ROLE_LABELS = {
    "admin": "管理员",
    "leader": "领导",
    "district": "区县/街道用户",
    "viewer": "观摩展示",
}


def pages_for(role: str) -> list[st.Page]:
    pages = []
    for i, key in enumerate(ROLE_PAGES.get(role, [])):
        filename, title, icon = PAGES[key]
        pages.append(st.Page(PAGES_DIR / filename, title=title, icon=icon, default=i == 0))
    return pages
