"""Running the real app under AppTest against a test database."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(city, monkeypatch):
    """A function that runs the app on the small city and returns the AppTest."""
    monkeypatch.setenv("DATABASE_URL", city.url.render_as_string(hide_password=False))
    st.cache_data.clear()
    st.cache_resource.clear()

    def run(page: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, at.exception
        return at

    yield run
    st.cache_data.clear()
    st.cache_resource.clear()
