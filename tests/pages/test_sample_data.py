"""Every view, for every role, on generated sample data: the numbers shown are the
numbers data_access gives for that user's scope."""

import secrets
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.filters import period_label
from dashboard.formatting import percent, rounded
from data_access.dataset import data_end
from data_access.engine import make_engine
from data_access.indicators.comparison import indicator_table
from data_access.period import complete_periods
from data_access.users import add_user, get_user, scope_of_user
from sample_data.populate import populate
from sample_data.presets import Preset
from tests.pages.conftest import APP, sign_in
from tests.pages.helpers import metrics, table

PRESET = Preset(
    "apptest", cities=1, districts=4, streets=8, communities=24, grids=90, members=2500, months=9
)
PASSWORD = secrets.token_urlsafe(16)
USERS = {
    "boss": ("admin", []),
    "chief": ("leader", ["C01"]),
    "county": ("district", ["C01D02"]),
    "street": ("district", ["C01D03S01"]),
    "screen": ("viewer", ["C01"]),
}
PAGES = {
    "overview.py": ("网格党组织覆盖率", "coverage_rate"),
    "grid_coverage.py": ("网格党组织覆盖率", "coverage_rate"),
    "double_reporting.py": ("报到率", "reporting_rate"),
    "meetings.py": ("三会一课按期率", "compliance_rate"),
}


@pytest.fixture(scope="module")
def sample_url(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("apptest") / "sample.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    populate(engine, PRESET)
    with engine.begin() as conn:
        for username, (role, units) in USERS.items():
            add_user(
                conn,
                username=username,
                display_name=username,
                role=role,
                password=PASSWORD,
                unit_codes=units,
                by="test",
            )
    yield f"sqlite:///{path}", engine
    engine.dispose()


def expected(engine, username: str, level: str) -> tuple:
    with engine.connect() as conn:
        scope = scope_of_user(conn, get_user(conn, username))
        period = complete_periods("quarter", data_end(conn), 1)[0]  # the default view
        return indicator_table(conn, scope=scope, level=level, period=period), period


@pytest.mark.parametrize("username", list(USERS))
@pytest.mark.parametrize("page", [*PAGES, "comparison.py"])
def test_each_view_shows_data_access_numbers_for_each_role(sample_url, monkeypatch, username, page):
    url, engine = sample_url
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_COOKIE_KEY", secrets.token_urlsafe(40))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, username, PASSWORD)
    at.switch_page(f"../pages/{page}")
    at.run()
    assert not at.exception, at.exception
    total, period = expected(engine, username, "total")
    assert period_label(period) in at.main.caption[0].value
    if page in PAGES:
        label, column = PAGES[page]
        assert metrics(at)[label] == percent(total[column].iloc[0])
    else:
        level = {"county": "street", "street": "community"}.get(username, "district")
        by_unit, _ = expected(engine, username, level)
        shown = table(at, 0).sort_values("unit_name")
        wanted = by_unit.sort_values("unit_name")
        assert list(shown["unit_name"]) == list(wanted["unit_name"])
        # tables show rates in percent, rounded half up to one decimal
        assert shown["coverage_rate"].tolist() == [
            rounded(v, 1, scale=100) for v in wanted["coverage_rate"]
        ]
    st.cache_data.clear()
    st.cache_resource.clear()
