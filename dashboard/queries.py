"""Cached calls into data_access, keyed by query name, scope and filters (never whole tables)."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.database import engine
from data_access import dataset
from data_access.indicators import comparison, coverage, meetings, reporting, trends
from data_access.scope import Scope

TTL_SECONDS = 30

QUERIES = {
    "indicator_table": comparison.indicator_table,
    "records_in_period": comparison.records_in_period,
    "grid_coverage": coverage.grid_coverage,
    "grid_list": coverage.grid_list,
    "community_worker_quota": coverage.community_worker_quota,
    "community_workforce": coverage.community_workforce,
    "double_reporting": reporting.double_reporting,
    "three_lists": reporting.three_lists,
    "resident_problems": reporting.resident_problems,
    "meeting_tally": meetings.meeting_tally,
    "cadence_status": meetings.cadence_status,
    "cadence_compliance": meetings.cadence_compliance,
    "monthly_service": trends.monthly_service,
    "monthly_problems": trends.monthly_problems,
    "daily_meetings": trends.daily_meetings,
}


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def query(name: str, scope: Scope, **filters) -> pd.DataFrame:
    """`data_access` query `name` on `scope` with `filters` (level, period, as_of, types...)."""
    with engine().connect() as conn:
        return QUERIES[name](conn, scope=scope, **filters)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def dataset_facts() -> dict[str, str]:
    with engine().connect() as conn:
        return dataset.dataset_facts(conn)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def data_end() -> date:
    with engine().connect() as conn:
        return dataset.data_end(conn)
