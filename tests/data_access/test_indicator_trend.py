"""The twelve-month trend of every indicator (总览's trend chart), from the summaries and
from the facts, against tests/small_city.py by hand and against indicator_table."""

from datetime import date

import pandas as pd
import pytest

from data_access.indicators.comparison import (
    INDICATORS,
    indicator_table,
    indicator_trend,
    trend_months,
)
from data_access.period import Period
from data_access.summary.read import day_key, holds, period_summary_key
from tests.data_access.helpers import CITY, Q1_2026, run, scope

MONTHS = [f"2025-{m:02}" for m in range(4, 13)] + ["2026-01", "2026-02", "2026-03"]
# Grids covered at each month's end (G3 has only a member household, G4's branch is
# inactive): G5 from 2025-03-01, G1 from 2025-06-01, G2 from 2026-02-10; of 5 grids.
COVERED = [1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3]
# Grids with a worker in post: G1 (W1, and W2 until 2026-02-01), G4 from 2025-05-01,
# G3 from 2026-01-15.
STAFFED = [1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3]


def test_the_months_are_the_twelve_up_to_the_period_s_last():
    months = trend_months(Q1_2026)
    assert [f"{m.first:%Y-%m}" for m in months] == MONTHS
    assert all(m.months == 1 and m.through is None for m in months)
    # a running period: its last month is read up to the same day
    running = Period(date(2026, 1, 1), date(2026, 3, 1), through=date(2026, 2, 14))
    assert trend_months(running)[-1].end == date(2026, 2, 14)
    assert trend_months(running)[-2].end == date(2026, 1, 31)


def test_from_the_facts_each_month_is_what_indicator_table_says(city):
    check_each_month(city)


def test_from_the_summaries_each_month_is_what_indicator_table_says(summarised_city):
    check_each_month(summarised_city)


def check_each_month(engine):
    whole = scope(engine, CITY)
    trend = run(engine, indicator_trend, scope=whole, period=Q1_2026)
    assert list(trend.columns) == ["month", *INDICATORS, "reported"]
    assert list(trend["month"]) == MONTHS
    assert list(trend["coverage_rate"]) == pytest.approx([n / 5 for n in COVERED])
    assert list(trend["staffing_rate"]) == pytest.approx([n / 5 for n in STAFFED])
    months = trend_months(Q1_2026)
    expected = pd.concat(
        [run(engine, indicator_table, scope=whole, level="total", period=m) for m in months],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(
        trend[[*INDICATORS, "reported"]], expected[[*INDICATORS, "reported"]], check_dtype=False
    )


def test_the_summaries_answer_every_month(summarised_city):
    """So the test above read them, in one query a table, not the facts month by month."""
    keys = [k for m in trend_months(Q1_2026) for k in (day_key(m.end), period_summary_key(m))]
    with summarised_city.connect() as conn:
        assert holds(conn, scope(summarised_city, CITY), keys)
