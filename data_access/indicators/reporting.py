"""Double reporting (双报到): registrations, activity, service hours, the three
lists and resident problems."""

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Select, and_, case, exists, func, or_, select

from data_access.bulk import read_numbers
from data_access.indicators.common import (
    UNIT_COLUMNS,
    active_on,
    add_rates,
    group_column,
    with_units,
)
from data_access.period import Period
from data_access.query import fetch
from data_access.schema import (
    activity_participant,
    list_item,
    org_unit,
    party_member,
    registration,
    resident_problem,
    service_activity,
    summary_day,
    summary_district_problem,
    summary_list,
    summary_period,
    summary_problem,
)
from data_access.scope import Scope, scope_of_units
from data_access.sql_functions import days_between
from data_access.summary.read import (
    BASE_LEVELS,
    DISTRICT_GRAIN,
    day_key,
    holds,
    holds_districts,
    period_summary_key,
    summed,
)

# A registered member is "active" with a service activity in this many days up to the read date.
ACTIVE_WINDOW_DAYS = 90


def double_reporting(
    conn: Connection, *, scope: Scope, level: str, period: Period, raw: bool = False
) -> pd.DataFrame:
    """Double-reporting indicators by unit at `level`, members counted where they live.

    Read at `period.end`:
    - reporting_rate = registered_members / in_service_members: in-service
      members with a member registration in force, over in-service members.
    - active_rate = active_members / registered_members: registered members
      who took part in a service activity in the 90 days up to `period.end`
      (catches "registered but never serves", 报到不服务).
    - registered_orgs: organisation registrations in force, counted in the
      community they registered with.
    Over the period:
    - hours_per_member = service_hours / registered_members, where
      service_hours are the participation hours of registered in-service
      members in activities held in the period.

    Counted from the summary tables where they hold the period, else (or with
    `raw`) from the facts.

    Columns: unit_id, unit_code, unit_name, parent_id, in_service_members,
    registered_members, reporting_rate, active_members, active_rate,
    service_hours, hours_per_member, registered_orgs.
    """
    day_part, period_part = period.end, period_summary_key(period)
    if not raw and holds(conn, scope, [day_key(day_part), period_part]):
        parts = [
            summed(
                summary_day,
                scope=scope,
                level=level,
                counts=[*MEMBER_COUNTS, "registered_orgs"],
                where=[summary_day.c.day == day_part],
            ),
            summed(
                summary_period,
                scope=scope,
                level=level,
                counts=["service_hours"],
                where=[summary_period.c.period == period_part],
            ),
        ]
    else:
        parts = [
            *member_counts(scope=scope, level=level, day=period.end),
            service_hours(scope=scope, level=level, period=period),
            registered_orgs(scope=scope, level=level, day=period.end),
        ]
    frame = with_units(conn, scope=scope, level=level, parts=parts)
    frame = frame[[*UNIT_COLUMNS, *MEMBER_COUNTS, "service_hours", "registered_orgs"]]
    return add_rates(frame, REPORTING_RATES)


def reporting_extremes(
    conn: Connection, *, scope: Scope, period: Period, count: int = 5, raw: bool = False
) -> pd.DataFrame:
    """The `count` communities with the lowest reporting rate and the `count` with the
    highest (先进与后进), as `double_reporting` rows by community, lowest rate first
    (ties: lower unit_id first). Communities with no in-service member have no rate.

    From the summaries only the rates of every community are read (a province has
    24,800), then the chosen few in full.
    """
    day_part, period_part = period.end, period_summary_key(period)
    if not raw and holds(conn, scope, [day_key(day_part), period_part]):
        rates = read_numbers(
            conn,
            summed(
                summary_day,
                scope=scope,
                level="community",
                counts=["in_service_members", "registered_members"],
                where=[summary_day.c.day == day_part],
            ),
        )
        chosen = scope_of_units(conn, _extremes(rates, count)["unit_id"].astype(int))
        frame = double_reporting(conn, scope=chosen, level="community", period=period)
    else:
        frame = double_reporting(conn, scope=scope, level="community", period=period, raw=True)
        frame = frame[frame["unit_id"].isin(_extremes(frame, count)["unit_id"])]
    return frame.sort_values(["reporting_rate", "unit_id"]).reset_index(drop=True)


def _extremes(frame: pd.DataFrame, count: int) -> pd.DataFrame:
    """The rows of the `count` lowest and `count` highest reporting rates."""
    rated = frame[frame["in_service_members"] > 0]
    rated = rated.assign(rate=rated["registered_members"] / rated["in_service_members"])
    ordered = rated.sort_values(["rate", "unit_id"])
    return pd.concat([ordered.head(count), ordered.tail(count)]).drop_duplicates("unit_id")


MEMBER_COUNTS = ["in_service_members", "registered_members", "active_members"]
REPORTING_RATES = {
    "reporting_rate": ("registered_members", "in_service_members"),
    "active_rate": ("active_members", "registered_members"),
    "hours_per_member": ("service_hours", "registered_members"),
}


def _is_registered(day: date) -> ColumnElement[bool]:
    """The member has a member registration in force on `day`."""
    return exists().where(
        registration.c.member_id == party_member.c.id,
        registration.c.kind == "member",
        active_on(registration.c.registered_on, registration.c.revoked_on, day),
    )


def member_counts(*, scope: Scope, level: str, day: date) -> list[Select]:
    """MEMBER_COUNTS by unit at `level` of the members' homes, read at `day`.

    One query per count, each condition in WHERE, so that PostgreSQL can read
    a whole province as hash semi-joins instead of a lookup per member.
    """
    home = org_unit.alias("home")
    unit = group_column(home, level)
    served_recently = exists().where(
        activity_participant.c.member_id == party_member.c.id,
        activity_participant.c.activity_id == service_activity.c.id,
        service_activity.c.held_on > day - timedelta(days=ACTIVE_WINDOW_DAYS),
        service_activity.c.held_on <= day,
    )
    conditions = {
        "in_service_members": [],
        "registered_members": [_is_registered(day)],
        "active_members": [_is_registered(day), served_recently],
    }
    return [
        select(unit.label("unit_id"), func.count().label(name))
        .select_from(party_member.join(home, party_member.c.residence_community_id == home.c.id))
        .where(party_member.c.in_service.is_(True), scope.covers(home.c.path), *extra)
        .group_by(unit)
        for name, extra in conditions.items()
    ]


def service_hours(*, scope: Scope, level: str, period: Period) -> Select:
    """Participation hours of in-service members registered at `period.end`, in
    activities held in the period, by unit at `level` of the members' homes."""
    home = org_unit.alias("home")
    unit = group_column(home, level)
    return (
        select(unit.label("unit_id"), func.sum(activity_participant.c.hours).label("service_hours"))
        .select_from(
            activity_participant.join(
                service_activity, activity_participant.c.activity_id == service_activity.c.id
            )
            .join(party_member, activity_participant.c.member_id == party_member.c.id)
            .join(home, party_member.c.residence_community_id == home.c.id)
        )
        .where(
            scope.covers(home.c.path),
            party_member.c.in_service.is_(True),
            _is_registered(period.end),
            service_activity.c.held_on.between(period.start, period.end),
        )
        .group_by(unit)
    )


def registered_orgs(*, scope: Scope, level: str, day: date) -> Select:
    """Organisation registrations in force at `day`, by unit at `level` of their community."""
    community = org_unit.alias("community")
    unit = group_column(community, level)
    return (
        select(unit.label("unit_id"), func.count().label("registered_orgs"))
        .select_from(registration.join(community, registration.c.community_id == community.c.id))
        .where(
            registration.c.kind == "org",
            active_on(registration.c.registered_on, registration.c.revoked_on, day),
            scope.covers(community.c.path),
        )
        .group_by(unit)
    )


def three_lists(
    conn: Connection,
    *,
    scope: Scope,
    level: str,
    period: Period,
    list_types: tuple[str, ...] = (),
    raw: bool = False,
) -> pd.DataFrame:
    """Three-list (三张清单) items by unit at `level`; `list_types` narrows (empty: all).

    Of the items published in the period, read at `period.end`:
    - claim_rate = claimed / published (认领率);
    - completion_rate = completed / claimed (完成率).
    overdue counts every item published by `period.end` whose due date has
    passed without completion, whenever it was published.

    Columns: unit_id, unit_code, unit_name, parent_id, published, claimed,
    completed, claim_rate, completion_rate, overdue.
    """
    key = period_summary_key(period)
    if not raw and holds(conn, scope, [key]):
        where = [summary_list.c.period == key]
        if list_types:
            where.append(summary_list.c.list_type.in_(list_types))
        counts = summed(
            summary_list,
            scope=scope,
            level=level,
            counts=LIST_COUNTS,
            where=where,
            by=["list_type"],
        )
    else:
        counts = list_counts(scope=scope, level=level, period=period, list_types=list_types)
    per_type = fetch(conn, counts)
    totals = per_type.groupby("unit_id", as_index=False)[LIST_COUNTS].sum()
    return add_rates(with_units(conn, scope=scope, level=level, parts=[totals]), LIST_RATES)


LIST_COUNTS = ["published", "claimed", "completed", "overdue"]
LIST_RATES = {"claim_rate": ("claimed", "published"), "completion_rate": ("completed", "claimed")}


def list_counts(
    *, scope: Scope, level: str, period: Period, list_types: tuple[str, ...] = ()
) -> Select:
    """LIST_COUNTS by unit at `level` and list_type (see `three_lists`)."""
    community = org_unit.alias("community")
    unit = group_column(community, level)
    day = period.end
    conditions = [scope.covers(community.c.path)]
    if list_types:
        conditions.append(list_item.c.list_type.in_(list_types))
    published_in_period = list_item.c.published_on.between(period.start, day)
    claimed = and_(published_in_period, list_item.c.claimed_on <= day)
    completed = and_(claimed, list_item.c.completed_on <= day)
    overdue = and_(
        list_item.c.published_on <= day,
        list_item.c.due_on < day,
        or_(list_item.c.completed_on.is_(None), list_item.c.completed_on > day),
    )
    return (
        select(
            unit.label("unit_id"),
            list_item.c.list_type,
            func.sum(case((published_in_period, 1), else_=0)).label("published"),
            func.sum(case((claimed, 1), else_=0)).label("claimed"),
            func.sum(case((completed, 1), else_=0)).label("completed"),
            func.sum(case((overdue, 1), else_=0)).label("overdue"),
        )
        .select_from(list_item.join(community, list_item.c.community_id == community.c.id))
        .where(*conditions, list_item.c.published_on <= day)
        .group_by(unit, list_item.c.list_type)
    )


def resident_problems(
    conn: Connection,
    *,
    scope: Scope,
    level: str,
    period: Period,
    sources: tuple[str, ...] = (),
    raw: bool = False,
) -> pd.DataFrame:
    """Resident problems raised in the period, by unit at `level`; `sources` narrows.

    - resolution_rate = resolved / raised, where resolved counts problems
      raised in the period and resolved by `period.end`;
    - median_days: median days from raised to resolved, over those resolved.

    Both come from one count per unit and number of days taken (a median is not
    a sum, but a histogram of whole days gives it exactly).

    Columns: unit_id, unit_code, unit_name, parent_id, raised, resolved,
    resolution_rate, median_days.
    """
    key = period_summary_key(period)
    districts = not raw and holds_districts(conn, scope, [key], level)
    if districts or (not raw and holds(conn, scope, [key])):
        table = summary_district_problem if districts else summary_problem
        where = [table.c.period == key]
        if sources:
            where.append(table.c.source.in_(sources))
        counts = summed(
            table,
            scope=scope,
            level=level,
            counts=["problems"],
            where=where,
            by=["days"],
            grain=DISTRICT_GRAIN if districts else BASE_LEVELS,
        )
    else:
        counts = problem_days(scope=scope, level=level, period=period, sources=sources)
    histogram = fetch(conn, counts)
    resolved = histogram[histogram["days"] >= 0]
    totals = pd.DataFrame(
        {
            "raised": histogram.groupby("unit_id")["problems"].sum(),
            "resolved": resolved.groupby("unit_id")["problems"].sum(),
        }
    ).rename_axis("unit_id")
    frame = with_units(conn, scope=scope, level=level, parts=[totals.reset_index()])
    frame = add_rates(frame, PROBLEM_RATES)
    frame["median_days"] = frame["unit_id"].map(_medians(resolved)).astype("float64")
    return frame


PROBLEM_RATES = {"resolution_rate": ("resolved", "raised")}


def problem_days(
    *, scope: Scope, level: str, period: Period, sources: tuple[str, ...] = ()
) -> Select:
    """Problems raised in the period by unit at `level`, source and days taken to resolve
    them (-1: not resolved by `period.end`). Columns: unit_id, source, days, problems."""
    community = org_unit.alias("community")
    unit = group_column(community, level)
    conditions = [
        scope.covers(community.c.path),
        resident_problem.c.raised_on.between(period.start, period.end),
    ]
    if sources:
        conditions.append(resident_problem.c.source.in_(sources))
    days = case(
        (
            resident_problem.c.resolved_on <= period.end,
            days_between(resident_problem.c.raised_on, resident_problem.c.resolved_on),
        ),
        else_=-1,
    )
    return (
        select(
            unit.label("unit_id"),
            resident_problem.c.source,
            days.label("days"),
            func.count().label("problems"),
        )
        .select_from(
            resident_problem.join(community, resident_problem.c.community_id == community.c.id)
        )
        .where(*conditions)
        .group_by(unit, resident_problem.c.source, days)
    )


def _medians(histogram: pd.DataFrame) -> pd.Series:
    """Per unit_id, the median of values `days` each seen `problems` times (the mean of
    the middle two for an even count), from the histogram's rows."""
    histogram = histogram.astype({"unit_id": "int64", "days": "int64", "problems": "int64"})
    counts = histogram.groupby(["unit_id", "days"], as_index=False)["problems"].sum()
    per_unit = counts.groupby("unit_id")["problems"]
    total, reached = per_unit.transform("sum"), per_unit.cumsum()
    lower = counts[reached >= (total - 1) // 2 + 1].groupby("unit_id")["days"].first()
    upper = counts[reached >= total // 2 + 1].groupby("unit_id")["days"].first()
    return (lower + upper) / 2
