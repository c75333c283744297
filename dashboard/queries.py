"""Cached calls into data_access: one function here for each query a page reads, with the
data_access function's own signature less the connection, so the type checker sees
every call. Cached by their arguments (scopes and filters, never whole tables).

The cache key also holds the session's data stamp (see dashboard/live.py), so a live
view reads new rows as soon as the stamp moves. While the database cannot be reached,
each call answers with the last result this session saw for it, so the screen keeps
its numbers under a "stale since" notice instead of showing an error.
"""

from collections.abc import Callable
from datetime import date
from typing import Concatenate, ParamSpec

import pandas as pd
import streamlit as st
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from dashboard.database import engine, is_outage
from data_access import dataset, public_board, units
from data_access import duty_records as duty
from data_access import reporting_status as status
from data_access.freshness import Stamp
from data_access.indicators import comparison, coverage, meetings, reporting, trends, work

TTL_SECONDS = 30
HELD_RESULTS = 40  # per session: enough for every query of a view, twice over
P = ParamSpec("P")
# name -> the data_access function a cached call reads (benchmarks wrap them to time them)
READERS: dict[str, Callable[..., pd.DataFrame]] = {}


class DataUnavailable(Exception):
    """The database cannot be reached and this session holds no earlier result."""


def _cached(read: Callable[Concatenate[Connection, P], pd.DataFrame]) -> Callable[P, pd.DataFrame]:
    """`read` without its connection argument: cached, and held for an outage."""
    name = read.__name__
    READERS[name] = read

    def call(*args: P.args, **kwargs: P.kwargs) -> pd.DataFrame:
        return _held(name, args, kwargs)

    call.__doc__ = read.__doc__
    return call


def _held(name: str, args: tuple, kwargs: dict) -> pd.DataFrame:
    held = st.session_state.setdefault("held_results", {})
    key = repr((name, args, sorted(kwargs.items())))
    try:
        frame = _read(name, st.session_state.get("data_stamp"), *args, **kwargs)
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
def _read(name: str, stamp: Stamp | None, *args, **kwargs) -> pd.DataFrame:
    # `stamp` is unused here: it is in the cache key, so new rows mean a new entry
    with engine().connect() as conn:
        return READERS[name](conn, *args, **kwargs)


indicator_table = _cached(comparison.indicator_table)
indicator_trend = _cached(comparison.indicator_trend)
records_in_period = _cached(comparison.records_in_period)
grid_coverage = _cached(coverage.grid_coverage)
grid_gaps = _cached(coverage.grid_gaps)
worker_quota_totals = _cached(coverage.worker_quota_totals)
communities_below_quota = _cached(coverage.communities_below_quota)
community_workforce = _cached(coverage.community_workforce)
double_reporting = _cached(reporting.double_reporting)
reporting_extremes = _cached(reporting.reporting_extremes)
three_lists = _cached(reporting.three_lists)
resident_problems = _cached(reporting.resident_problems)
meeting_tally = _cached(meetings.meeting_tally)
units_behind = _cached(meetings.units_behind)
cadence_compliance = _cached(meetings.cadence_compliance)
monthly_service = _cached(trends.monthly_service)
monthly_problems = _cached(trends.monthly_problems)
daily_meetings = _cached(trends.daily_meetings)
reporting_status = _cached(status.reporting_status)
unit_options = _cached(units.unit_options)
work_nodes = _cached(work.nodes)
on_schedule = _cached(work.on_schedule)
quarterly_ranking = _cached(work.quarterly_ranking)
work_points = _cached(work.points)
supervision = _cached(work.supervision)
supervision_items = _cached(work.supervision_items)
duty_records = _cached(duty.duty_records)
duty_records_by_month = _cached(work.duty_records_by_month)
silent_units = _cached(work.silent_units)
board_nodes = _cached(public_board.board_nodes)


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
