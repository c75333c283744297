"""A new data day, with the app running: the first run that sees it builds the day's
summaries in the background, once, and the views go on reading summaries."""

import logging
import threading
from datetime import UTC, date, datetime

import streamlit as st
from sqlalchemy import select

from data_access import clock
from data_access.dataset import advance_data_end
from data_access.schema import summary_built
from data_access.summary.build import catalogue

NEW_DAY = date(2026, 5, 1)  # the small city's data ends on 2026-04-30


def join_builders() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("summaries "):
            thread.join(timeout=300)


def test_a_new_day_is_summarised_without_a_restart(app, city, monkeypatch, caplog):
    at = app("lead")
    join_builders()  # the start's own (nothing to build)
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 5, 1, 9, tzinfo=UTC))
    with city.begin() as conn:  # a feeder's first event of the new day
        advance_data_end(conn, NEW_DAY)
    st.cache_data.clear()  # the data end is read afresh (its cache lives 30 s)
    at.run()
    join_builders()
    with city.connect() as conn:
        built = set(conn.execute(select(summary_built.c.key)).scalars())
    assert set(catalogue(NEW_DAY)) <= built

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="data_access.summary.read"):
        running = app("lead", period="2026-Q2")  # another viewer, the running quarter
    assert (
        "2026年第2季度（截至5月1日）（2026-04-01 至 2026-05-01）" in running.main.caption[0].value
    )
    assert "reading the facts" not in caplog.text  # from the summaries, not the facts
