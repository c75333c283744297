"""Monthly and daily series for the trend charts."""

import pandas as pd
from sqlalchemy import Connection, Select, case, func, select

from data_access.indicators.common import TOTAL, group_column
from data_access.indicators.meetings import holds_meetings, meeting_counts, summed_meetings
from data_access.period import Period
from data_access.query import fetch
from data_access.schema import (
    activity_participant,
    org_unit,
    resident_problem,
    service_activity,
    summary_problem_month,
    summary_service,
)
from data_access.scope import Scope
from data_access.sql_functions import year_month
from data_access.summary.read import (
    DISTRICT_GRAIN,
    holds,
    holds_districts,
    month_key,
    month_tables_serve,
    months_of,
    period_summary_key,
    summed,
)


def monthly_service(
    conn: Connection, *, scope: Scope, period: Period, raw: bool = False
) -> pd.DataFrame:
    """Service activities by month, counted where they were held.

    Columns: month ('YYYY-MM'), activities, participations, hours (participation hours).
    """
    months = months_of(period)
    if not raw and month_tables_serve(period) and holds(conn, scope, list(map(month_key, months))):
        counts = summed(
            summary_service,
            scope=scope,
            level=TOTAL,
            counts=SERVICE_COUNTS,
            where=[summary_service.c.month.in_(months)],
            by=["month"],
        )
    else:
        counts = service_counts(scope=scope, level=TOTAL, period=period)
    frame = fetch(conn, counts).drop(columns="unit_id")
    return frame.sort_values("month").reset_index(drop=True)


SERVICE_COUNTS = ["activities", "participations", "hours"]


def service_counts(*, scope: Scope, level: str, period: Period) -> Select:
    """SERVICE_COUNTS by unit at `level` where activities were held, and by month."""
    community = org_unit.alias("community")
    month = year_month(service_activity.c.held_on)
    per_activity = (
        select(
            service_activity.c.id,
            group_column(community, level).label("unit_id"),
            month.label("month"),
            func.count(activity_participant.c.member_id).label("people"),
            func.coalesce(func.sum(activity_participant.c.hours), 0).label("hours"),
        )
        .select_from(
            service_activity.join(
                community, service_activity.c.community_id == community.c.id
            ).outerjoin(
                activity_participant, activity_participant.c.activity_id == service_activity.c.id
            )
        )
        .where(
            scope.covers(community.c.path),
            service_activity.c.held_on.between(period.start, period.end),
        )
        .group_by(service_activity.c.id, "unit_id", month)
        .subquery()
    )
    return select(
        per_activity.c.unit_id,
        per_activity.c.month,
        func.count().label("activities"),
        func.sum(per_activity.c.people).label("participations"),
        func.sum(per_activity.c.hours).label("hours"),
    ).group_by(per_activity.c.unit_id, per_activity.c.month)


def monthly_problems(
    conn: Connection, *, scope: Scope, period: Period, raw: bool = False
) -> pd.DataFrame:
    """Problems raised per month, and how many of them were resolved by `period.end`.

    Columns: month, raised, resolved.
    """
    key = period_summary_key(period)
    if not raw and holds_districts(conn, scope, [key]):
        counts = summed(
            summary_problem_month,
            scope=scope,
            level=TOTAL,
            counts=["raised", "resolved"],
            where=[summary_problem_month.c.period == key],
            by=["month"],
            grain=DISTRICT_GRAIN,
        )
    else:
        counts = problem_months(scope=scope, level=TOTAL, period=period)
    frame = fetch(conn, counts)[["month", "raised", "resolved"]]
    return frame.sort_values("month").reset_index(drop=True)


def problem_months(*, scope: Scope, level: str, period: Period) -> Select:
    """By unit at `level` and month raised, problems raised in the period and how many
    of them were resolved by `period.end`. Columns: unit_id, month, raised, resolved."""
    community = org_unit.alias("community")
    unit = group_column(community, level)
    month = year_month(resident_problem.c.raised_on)
    return (
        select(
            unit.label("unit_id"),
            month.label("month"),
            func.count().label("raised"),
            func.sum(case((resident_problem.c.resolved_on <= period.end, 1), else_=0)).label(
                "resolved"
            ),
        )
        .select_from(
            resident_problem.join(community, resident_problem.c.community_id == community.c.id)
        )
        .where(
            scope.covers(community.c.path),
            resident_problem.c.raised_on.between(period.start, period.end),
            unit.is_not(None),
        )
        .group_by(unit, month)
    )


def daily_meetings(
    conn: Connection, *, scope: Scope, period: Period, raw: bool = False
) -> pd.DataFrame:
    """Meetings held per day, for the calendar heatmap. Columns: day (date), meetings."""
    if not raw and holds_meetings(conn, scope, period):
        counts = summed_meetings(scope=scope, level=TOTAL, period=period, by=["day"])
    else:
        counts = meeting_counts(scope=scope, level=TOTAL, period=period, by=["day"])
    frame = fetch(conn, counts)[["day", "meetings"]].sort_values("day")
    frame["day"] = pd.to_datetime(frame["day"])
    return frame.reset_index(drop=True)
