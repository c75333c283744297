"""District comparison (比学赶超): every headline indicator side by side."""

import pandas as pd
from sqlalchemy import Connection, Select, func, select

from data_access.indicators.common import (
    TOTAL,
    UNIT_COLUMNS,
    add_rates,
    group_column,
    with_units,
)
from data_access.indicators.coverage import COVERAGE_COUNTS, COVERAGE_RATES, grid_coverage
from data_access.indicators.meetings import CADENCE_COUNTS, CADENCE_RATES, cadence_compliance
from data_access.indicators.reporting import (
    LIST_COUNTS,
    LIST_RATES,
    MEMBER_COUNTS,
    PROBLEM_RATES,
    REPORTING_RATES,
    double_reporting,
    resident_problems,
    three_lists,
)
from data_access.period import Period, add_months, period_key
from data_access.query import fetch
from data_access.schema import (
    list_item,
    meeting,
    org_unit,
    resident_problem,
    service_activity,
    summary_day,
    summary_period,
)
from data_access.scope import Scope
from data_access.summary.read import day_key, holds, period_summary_key, summed

# The headline indicators, each a rate or a per-member figure; higher is better.
INDICATORS = (
    "coverage_rate",
    "staffing_rate",
    "reporting_rate",
    "active_rate",
    "hours_per_member",
    "claim_rate",
    "completion_rate",
    "resolution_rate",
    "compliance_rate",
)


# what the indicators are made of: stocks read at the period's last day, and flows
# summed over its months
DAY_COUNTS = [*COVERAGE_COUNTS, *MEMBER_COUNTS]
PERIOD_COUNTS = ["service_hours", "records", *CADENCE_COUNTS, *LIST_COUNTS, "raised", "resolved"]
TREND_MONTHS = 12


def indicator_table(
    conn: Connection, *, scope: Scope, level: str, period: Period, raw: bool = False
) -> pd.DataFrame:
    """One row per unit at `level` (district, or street within a district) with every indicator.

    Each column is defined by the query it comes from: grid_coverage (read at
    `period.end`), double_reporting, three_lists, resident_problems and
    cadence_compliance (over the period). NaN means not expected (nothing to
    count), never 0.

    `reported` is False for a unit that sent nothing for the period (see
    `records_in_period`): its rates are not zeros but missing reports.

    Columns: unit_id, unit_code, unit_name, parent_id, then INDICATORS, reported.
    """
    keys = ["unit_id", "unit_code", "unit_name", "parent_id"]
    if not raw and holds(conn, scope, [day_key(period.end), period_summary_key(period)]):
        return _indicators_from_summaries(conn, scope=scope, level=level, period=period)
    frames = [
        grid_coverage(conn, scope=scope, level=level, as_of=period.end, raw=raw),
        double_reporting(conn, scope=scope, level=level, period=period, raw=raw),
        three_lists(conn, scope=scope, level=level, period=period, raw=raw),
        resident_problems(conn, scope=scope, level=level, period=period, raw=raw),
        cadence_compliance(conn, scope=scope, level=level, period=period, raw=raw),
    ]
    table = frames[0][keys]
    for frame in frames:
        wanted = [c for c in INDICATORS if c in frame.columns]
        table = table.merge(frame[["unit_id", *wanted]], on="unit_id", how="left")
    records = records_in_period(conn, scope=scope, level=level, period=period, raw=raw)
    table["reported"] = table["unit_id"].map(records.set_index("unit_id")["records"]) > 0
    return table[[*keys, *INDICATORS, "reported"]]


def _indicators_from_summaries(
    conn: Connection, *, scope: Scope, level: str, period: Period
) -> pd.DataFrame:
    """`indicator_table` from one read of each summary table: the same counts the five
    queries it is made of would read, and the same rates."""
    key = period_summary_key(period)
    parts = [
        summed(
            summary_day,
            scope=scope,
            level=level,
            counts=DAY_COUNTS,
            where=[summary_day.c.day == period.end],
        ),
        summed(
            summary_period,
            scope=scope,
            level=level,
            counts=PERIOD_COUNTS,
            where=[summary_period.c.period == key],
        ),
    ]
    table = _with_rates(with_units(conn, scope=scope, level=level, parts=parts))
    return table[[*UNIT_COLUMNS, *INDICATORS, "reported"]]


def _with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    for rates in (COVERAGE_RATES, REPORTING_RATES, LIST_RATES, PROBLEM_RATES, CADENCE_RATES):
        add_rates(counts, rates)
    counts["reported"] = counts["records"] > 0
    return counts


def trend_months(period: Period) -> list[Period]:
    """The TREND_MONTHS months up to the one `period` ends in, oldest first; the last
    read as `period` is (up to the data's last day if it is still running)."""
    last = period.end.replace(day=1)
    months = [Period(add_months(last, -i), add_months(last, -i)) for i in range(TREND_MONTHS)]
    return [month.to_date(period.end) for month in reversed(months)]


def indicator_trend(conn: Connection, *, scope: Scope, period: Period) -> pd.DataFrame:
    """Every indicator for the whole scope in each of `trend_months(period)`: one row a
    month, `month` ('2026-03') then INDICATORS and `reported`. From one read of each
    summary table where every month is built; else month by month, as indicator_table."""
    months = trend_months(period)
    keys = [period_summary_key(m) for m in months]
    if not holds(conn, scope, [*(day_key(m.end) for m in months), *keys]):
        return pd.concat(
            [
                indicator_table(conn, scope=scope, level=TOTAL, period=m).assign(
                    month=period_key(m)
                )
                for m in months
            ],
            ignore_index=True,
        )[["month", *INDICATORS, "reported"]]
    days = summed(
        summary_day,
        scope=scope,
        level=TOTAL,
        counts=DAY_COUNTS,
        where=[summary_day.c.day.in_([m.end for m in months])],
        by=["day"],
    )
    flows = summed(
        summary_period,
        scope=scope,
        level=TOTAL,
        counts=PERIOD_COUNTS,
        where=[summary_period.c.period.in_(keys)],
        by=["period"],
    )
    table = pd.DataFrame(
        {"month": [period_key(m) for m in months], "day": [m.end for m in months], "period": keys}
    )
    for part, on in ((days, "day"), (flows, "period")):
        counts = fetch(conn, part).drop(columns="unit_id")
        table = table.merge(counts, on=on, how="left")
    table[[*DAY_COUNTS, *PERIOD_COUNTS]] = table[[*DAY_COUNTS, *PERIOD_COUNTS]].fillna(0)
    return _with_rates(table)[["month", *INDICATORS, "reported"]]


def records_in_period(
    conn: Connection, *, scope: Scope, level: str, period: Period, raw: bool = False
) -> pd.DataFrame:
    """How many records a unit sent for the period: service activities, resident
    problems, published list items and meetings of its communities and grids.

    Columns: unit_id, unit_code, unit_name, parent_id, records.
    """
    key = period_summary_key(period)
    if not raw and holds(conn, scope, [key]):
        parts = [
            summed(
                summary_period,
                scope=scope,
                level=level,
                counts=["records"],
                where=[summary_period.c.period == key],
            )
        ]
    else:
        parts = record_counts(scope=scope, level=level, period=period)
    frame = with_units(conn, scope=scope, level=level, parts=parts)
    counted = [c for c in frame.columns if c.endswith("records")]
    frame["records"] = frame[counted].sum(axis=1).astype("int64")
    return frame.drop(columns=[c for c in counted if c != "records"])


def record_counts(*, scope: Scope, level: str, period: Period) -> list[Select]:
    """Records of each kind by unit at `level`, one query (column `<table>_records`) each."""
    community = org_unit.alias("community")
    unit = group_column(community, level)
    parts = []
    for table, day, place in [
        (service_activity, service_activity.c.held_on, service_activity.c.community_id),
        (resident_problem, resident_problem.c.raised_on, resident_problem.c.community_id),
        (list_item, list_item.c.published_on, list_item.c.community_id),
        (meeting, meeting.c.held_on, meeting.c.unit_id),
    ]:
        parts.append(
            select(unit.label("unit_id"), func.count().label(f"{table.name}_records"))
            .select_from(table.join(community, place == community.c.id))
            .where(
                scope.covers(community.c.path),
                day.between(period.start, period.end),
                unit.is_not(None),
            )
            .group_by(unit)
        )
    return parts
