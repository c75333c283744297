"""Cached calls into data_access, keyed by query name, scope and filters (never whole tables).

The cache key also holds the session's data stamp (see dashboard/live.py), so a live
view reads new rows as soon as the stamp moves. While the database cannot be reached,
each query answers with the last result this session saw for it, so the screen keeps
its numbers under a "stale since" notice instead of showing an error.
"""

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.exc import DBAPIError

from dashboard.database import engine, is_outage
from data_access import dataset, reporting_status
from data_access.freshness import Stamp
from data_access.indicators import comparison, coverage, meetings, reporting, trends
from data_access.scope import Scope

TTL_SECONDS = 30
HELD_RESULTS = 40  # per session: enough for every query of a view, twice over

# name -> a data_access query taking (conn, *, scope, **filters)
QUERIES: dict[str, Callable[..., pd.DataFrame]] = {
    "indicator_table": comparison.indicator_table,
    "records_in_period": comparison.records_in_period,
    "grid_coverage": coverage.grid_coverage,
    "grid_gaps": coverage.grid_gaps,
    "community_worker_quota": coverage.community_worker_quota,
    "community_workforce": coverage.community_workforce,
    "double_reporting": reporting.double_reporting,
    "reporting_extremes": reporting.reporting_extremes,
    "three_lists": reporting.three_lists,
    "resident_problems": reporting.resident_problems,
    "meeting_tally": meetings.meeting_tally,
    "units_behind": meetings.units_behind,
    "cadence_compliance": meetings.cadence_compliance,
    "monthly_service": trends.monthly_service,
    "monthly_problems": trends.monthly_problems,
    "daily_meetings": trends.daily_meetings,
    "reporting_status": reporting_status.reporting_status,
}


class DataUnavailable(Exception):
    """The database cannot be reached and this session holds no earlier result."""


def query(name: str, scope: Scope, **filters) -> pd.DataFrame:
    """`data_access` query `name` on `scope` with `filters` (level, period, as_of, types...)."""
    held = st.session_state.setdefault("held_results", {})
    key = repr((name, scope, sorted(filters.items())))
    try:
        frame = _query(name, scope, st.session_state.get("data_stamp"), **filters)
    except DBAPIError as why:
        if not is_outage(why):
            raise
        if key not in held:
            raise DataUnavailable(name) from why
        return held[key]
    held.pop(key, None)
    held[key] = frame  # the most recent last
    while len(held) > HELD_RESULTS:
        held.pop(next(iter(held)))
    return frame


# bounded as well as timed: with the feeder running, every refresh brings a new stamp
@st.cache_data(ttl=TTL_SECONDS, max_entries=1000, show_spinner=False)
def _query(name: str, scope: Scope, stamp: Stamp | None, **filters) -> pd.DataFrame:
    # `stamp` is unused here: it is in the cache key, so new rows mean a new entry
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


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def receives_imports() -> bool:
    with engine().connect() as conn:
        return dataset.receives_imports(conn)
