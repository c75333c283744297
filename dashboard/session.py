"""The signed-in user of this session and what they may see."""

import streamlit as st

from dashboard.database import engine
from data_access.scope import Scope
from data_access.users import User, scope_of_user


def current_user() -> User:
    """Set by dashboard/app.py after sign-in; pages only run for a signed-in user."""
    return st.session_state["user"]


def current_scope() -> Scope:
    """The org subtrees the signed-in user may see, read afresh on every run so that
    a changed assignment or a moved unit applies at once."""
    with engine().connect() as conn:
        return scope_of_user(conn, current_user())
