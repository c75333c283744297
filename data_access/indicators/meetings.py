"""Meetings (联席会议 / 三会一课): tallies and cadence compliance."""

import pandas as pd
from sqlalchemy import Connection, Select, and_, case, func, or_, select

from data_access.indicators.common import BASE, TOTAL, add_rates, group_column, with_units
from data_access.indicators.coverage import grid_is_covered
from data_access.period import Period
from data_access.query import LISTED_AT_MOST, fetch
from data_access.schema import (
    meeting,
    org_unit,
    summary_behind,
    summary_meeting,
    summary_period,
)
from data_access.scope import Scope
from data_access.sql_functions import year_month
from data_access.summary.read import (
    DISTRICT_GRAIN,
    holds,
    holds_districts,
    month_key,
    months_of,
    period_summary_key,
    summed,
)

# Who must hold each meeting type, and every how many months (branch work
# regulations 2018 and common local practice; joint meetings quarterly).
CADENCE: dict[str, tuple[str, int]] = {
    "street_joint": ("street", 3),
    "community_joint": ("community", 3),
    "branch_committee": ("community", 1),
    "general_assembly": ("community", 3),
    "party_lecture": ("community", 3),
    "themed_day": ("community", 1),
    # party group meetings in grids that have a party branch or building group
    "party_group": ("grid", 1),
}

TREE_COLUMNS = ["city_id", "district_id", "street_id", "community_id"]


def meeting_tally(
    conn: Connection,
    *,
    scope: Scope,
    level: str,
    period: Period,
    meeting_types: tuple[str, ...] = (),
    raw: bool = False,
) -> pd.DataFrame:
    """Meetings held in the period by unit at `level`, month and type.

    A meeting counts for the unit that held it and that unit's ancestors
    (street joint meetings have no community, so they never appear grouped
    by community). `meeting_types` narrows (empty: all).

    Columns: unit_id, unit_code, unit_name, month ('YYYY-MM'), meeting_type,
    meetings, attendance, issues_raised, issues_resolved.
    """
    by = ["month", "meeting_type"]
    if not raw and holds_meetings(conn, scope, period, level):
        tally = summed_meetings(scope=scope, level=level, period=period, by=by)
        if meeting_types:
            tally = tally.where(summary_meeting.c.meeting_type.in_(meeting_types))
    else:
        tally = meeting_counts(
            scope=scope, level=level, period=period, meeting_types=meeting_types, by=by
        )
    counts = fetch(conn, tally).sort_values(["unit_id", *by])
    names = with_units(conn, scope=scope, level=level, parts=[])
    columns = ["unit_id", "unit_code", "unit_name"]
    return names[columns].merge(counts, on="unit_id", how="inner").reset_index(drop=True)


MEETING_COUNTS = ["meetings", "attendance", "issues_raised", "issues_resolved"]


def meeting_counts(
    *, scope: Scope, level: str, period: Period, meeting_types: tuple[str, ...] = (), by: list[str]
) -> Select:
    """MEETING_COUNTS from the facts by unit at `level` and `by` ("month", "day",
    "meeting_type"), over the meetings held in the period by units in the scope."""
    holder = org_unit.alias("holder")
    unit = group_column(holder, level)
    keys = {
        "month": year_month(meeting.c.held_on),
        "day": meeting.c.held_on,
        "meeting_type": meeting.c.meeting_type,
    }
    conditions = [
        scope.covers(holder.c.path),
        meeting.c.held_on.between(period.start, period.end),
        unit.is_not(None),
    ]
    if meeting_types:
        conditions.append(meeting.c.meeting_type.in_(meeting_types))
    return (
        select(
            unit.label("unit_id"),
            *(keys[b].label(b) for b in by),
            func.count().label("meetings"),
            func.sum(meeting.c.attendance).label("attendance"),
            func.sum(meeting.c.issues_raised).label("issues_raised"),
            func.sum(meeting.c.issues_resolved).label("issues_resolved"),
        )
        .select_from(meeting.join(holder, meeting.c.unit_id == holder.c.id))
        .where(*conditions)
        .group_by(unit, *(keys[b] for b in by))
    )


def holds_meetings(conn: Connection, scope: Scope, period: Period, level: str = TOTAL) -> bool:
    """Whether summary_meeting answers the period at `level` for the scope: every
    month of it is built and the scope is whole districts or more."""
    return holds_districts(conn, scope, [month_key(m) for m in months_of(period)], level)


def summed_meetings(*, scope: Scope, level: str, period: Period, by: list[str]) -> Select:
    """MEETING_COUNTS from summary_meeting by unit at `level` and `by`."""
    return summed(
        summary_meeting,
        scope=scope,
        level=level,
        counts=MEETING_COUNTS,
        where=[
            summary_meeting.c.month.in_(months_of(period)),
            summary_meeting.c.day.between(period.start, period.end),
        ],
        by=by,
        grain=DISTRICT_GRAIN,
    )


def cadence_status(conn: Connection, *, scope: Scope, period: Period) -> pd.DataFrame:
    """Cadence status of every unit that must hold meetings, over the period.

    A meeting type held every `every` months is due once for each of its cycles
    that has ended by the period's end: `period.months_ended // every` times
    (cycles start with the period, which starts on a month, quarter or year). So a
    whole period expects all of its cycles, and a running one only those already
    over: on the first day of a quarter nothing is due, on 15 February of Q1 the
    January meetings, on 31 March all of Q1's. Types due 0 times are not expected
    in that period. Meetings held anywhere in the period count, those of a cycle
    still running too (up to what is due). A unit meets a type when it
    held at least as many as due. status: green when every due type is met;
    amber when at least half of all due meetings were held (each type
    counted up to its due number); red below that; not_due when nothing is
    due. Grids are expected to hold party group meetings only when they have
    an active branch or building group set up by `period.end`.

    Columns: unit_id, unit_code, unit_name, level, city_id, district_id,
    street_id, community_id, types_due, types_met, due, held, status.
    """
    has_branch = grid_is_covered(org_unit.c.id, period.end)
    holders = fetch(
        conn,
        select(*_unit_columns(), *(org_unit.c[c] for c in TREE_COLUMNS))
        .where(
            scope.covers(org_unit.c.path),
            or_(
                org_unit.c.level.in_(["street", "community"]),
                and_(org_unit.c.level == "grid", has_branch),
            ),
        )
        .order_by(org_unit.c.code),
    )
    # an intermediate count (several rows per unit), not a result: no row limit
    held = fetch(
        conn,
        select(meeting.c.unit_id, meeting.c.meeting_type, func.count().label("held"))
        .select_from(meeting.join(org_unit, meeting.c.unit_id == org_unit.c.id))
        .where(
            scope.covers(org_unit.c.path),
            meeting.c.held_on.between(period.start, period.end),
            meeting.c.meeting_type.in_(list(CADENCE)),
        )
        .group_by(meeting.c.unit_id, meeting.c.meeting_type),
        max_rows=None,
    )
    rules = pd.DataFrame(
        [(t, lvl, period.months_ended // every) for t, (lvl, every) in CADENCE.items()],
        columns=["meeting_type", "level", "due"],
    )
    rules = rules[rules["due"] > 0]
    duties = holders[["unit_id", "level"]].merge(rules, on="level")
    duties = duties.merge(held, on=["unit_id", "meeting_type"], how="left").fillna({"held": 0})
    duties["met"] = duties["held"] >= duties["due"]
    duties["held_counted"] = duties[["held", "due"]].min(axis=1)
    per_unit = duties.groupby("unit_id").agg(
        types_due=("meeting_type", "size"),
        types_met=("met", "sum"),
        due=("due", "sum"),
        held=("held_counted", "sum"),
    )
    frame = holders.merge(per_unit, left_on="unit_id", right_index=True, how="left")
    frame[STATUS_COUNTS] = frame[STATUS_COUNTS].fillna(0).astype("int64")
    return with_status(frame).reset_index(drop=True)


def _unit_columns() -> list:
    return [
        org_unit.c.id.label("unit_id"),
        org_unit.c.code.label("unit_code"),
        org_unit.c.name.label("unit_name"),
        org_unit.c.level,
    ]


STATUS_COUNTS = ["types_due", "types_met", "due", "held"]
BEHIND = ("red", "amber")


def with_status(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its status column set from its STATUS_COUNTS (see cadence_status)."""
    frame["status"] = "red"
    frame.loc[frame["held"] * 2 >= frame["due"], "status"] = "amber"
    frame.loc[frame["types_met"] == frame["types_due"], "status"] = "green"
    frame.loc[frame["types_due"] == 0, "status"] = "not_due"
    return frame


def units_behind(
    conn: Connection, *, scope: Scope, period: Period, raw: bool = False
) -> pd.DataFrame:
    """The units of `cadence_status` that are behind (red, then amber; fewest held first),
    the worst LISTED_AT_MOST of them.

    Columns: unit_id, unit_code, unit_name, level, types_due, types_met, due, held, status.
    """
    key = period_summary_key(period)
    if not raw and holds(conn, scope, [key]):
        frame = with_status(
            fetch(
                conn,
                select(*_unit_columns(), *(summary_behind.c[c] for c in STATUS_COUNTS))
                .select_from(
                    summary_behind.join(org_unit, org_unit.c.id == summary_behind.c.unit_id)
                )
                .where(summary_behind.c.period == key, scope.covers(org_unit.c.path))
                .order_by(
                    case((summary_behind.c.held * 2 < summary_behind.c.due, 0), else_=1),
                    summary_behind.c.held,
                    org_unit.c.code,
                )
                .limit(LISTED_AT_MOST),
            )
        )
    else:
        frame = cadence_status(conn, scope=scope, period=period)
    return behind(frame)


def behind(status: pd.DataFrame) -> pd.DataFrame:
    """The red and amber rows of a `cadence_status` frame, the worst first."""
    columns = ["unit_id", "unit_code", "unit_name", "level", *STATUS_COUNTS, "status"]
    rows = status.loc[status["status"].isin(BEHIND), columns]
    ordered = rows.sort_values(["status", "held", "unit_code"], ascending=[False, True, True])
    return ordered.head(LISTED_AT_MOST).reset_index(drop=True)


def cadence_compliance(
    conn: Connection, *, scope: Scope, level: str, period: Period, raw: bool = False
) -> pd.DataFrame:
    """Cadence compliance by unit at `level`: the share of its meeting-holding units that comply.

    compliance_rate = units_compliant (green) / units_due (all but not_due).

    Columns: unit_id, unit_code, unit_name, parent_id, units_due,
    units_compliant, units_amber, units_red, compliance_rate.
    """
    group_column(org_unit, level)  # validates the level
    key = period_summary_key(period)
    if not raw and holds(conn, scope, [key]):
        counts = summed(
            summary_period,
            scope=scope,
            level=level,
            counts=CADENCE_COUNTS,
            where=[summary_period.c.period == key],
        )
    else:
        counts = cadence_counts(conn, scope=scope, level=level, period=period)
    return add_rates(with_units(conn, scope=scope, level=level, parts=[counts]), CADENCE_RATES)


CADENCE_COUNTS = ["units_due", "units_compliant", "units_amber", "units_red"]
CADENCE_RATES = {"compliance_rate": ("units_compliant", "units_due")}


def cadence_counts(conn: Connection, *, scope: Scope, level: str, period: Period) -> pd.DataFrame:
    """CADENCE_COUNTS by unit at `level`: its meeting-holding units by status."""
    return counts_by_status(cadence_status(conn, scope=scope, period=period), level)


def counts_by_status(status: pd.DataFrame, level: str) -> pd.DataFrame:
    """CADENCE_COUNTS by unit at `level` from a `cadence_status` frame."""
    status = status[status["status"] != "not_due"]
    if level == TOTAL:
        status = status.assign(total_id=0)
    if level == BASE:
        status = status.assign(base_id=status["community_id"].fillna(status["unit_id"]))
    status = status.dropna(subset=[f"{level}_id"])
    return (
        status.assign(
            unit_id=status[f"{level}_id"].astype("int64"),
            units_compliant=status["status"] == "green",
            units_amber=status["status"] == "amber",
            units_red=status["status"] == "red",
        )
        .groupby("unit_id")
        .agg(
            units_due=("status", "size"),
            units_compliant=("units_compliant", "sum"),
            units_amber=("units_amber", "sum"),
            units_red=("units_red", "sum"),
        )
        .reset_index()
    )
