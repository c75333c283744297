"""Running the real app under AppTest against a test database."""

import secrets
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests import accounts

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def sign_in(at: AppTest, username: str, password: str | None = None) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password or accounts.password(username))
    at.button(key="login_submit").click()
    at.run()
    if at.session_state["authentication_status"]:
        at.run()  # the run the cookie component makes in a browser (AppTest draws none)
    return at


@pytest.fixture
def city(summarised_city):
    """Pages read the small city as the app does: through its summary tables."""
    return summarised_city


@pytest.fixture
def app(city, monkeypatch):
    """A function that starts the app on the small city, signed in as `username` if given."""
    with city.begin() as conn:
        accounts.add_accounts(conn)
    monkeypatch.setenv("DATABASE_URL", city.url.render_as_string(hide_password=False))
    monkeypatch.setenv("DASHBOARD_COOKIE_KEY", secrets.token_urlsafe(40))
    st.cache_data.clear()
    st.cache_resource.clear()

    def start(username: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if username:
            sign_in(at, username)
        assert not at.exception, at.exception
        return at

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()
