"""报送情况: for each month, entity and district or street, whether data arrived, when,
from whom and how many rows, read from what applied imports covered
(`data_access.imports.submitted`).

A month's data is due by `due_day` of the next month. A unit's submission for a month
and entity is on time if its first arrival is on or before that day, late after it,
missing if nothing has arrived once the day has passed, pending before then.
"""

from datetime import date

import pandas as pd
from sqlalchemy import Connection, func, select

from data_access import clock
from data_access.imports.submitted import month_of
from data_access.indicators.common import group_column, with_units
from data_access.period import Period, add_months
from data_access.query import fetch
from data_access.schema import import_audit, import_audit_unit, org_unit
from data_access.scope import Scope

# The monthly flows every district and street is expected to send each month.
EXPECTED = ("activities", "list_items", "problems", "meetings")
# Imports are recorded per street (per district for a district's own units).
LEVELS = ("district", "street")
ON_TIME, LATE, MISSING, PENDING = "on_time", "late", "missing", "pending"


def due_on(month: str, due_day: int) -> date:
    """The last day on which `month` ("2026-03")'s data is on time: `due_day` of the next."""
    year, number = (int(part) for part in month.split("-"))
    return add_months(date(year, number, 1), 1).replace(day=due_day)


def period_months(period: Period) -> list[str]:
    """The months of `period`, "2026-01" .. "2026-03", up to its end: a quarter read
    to 10-31 has no data due for November and December yet."""
    months, month = [], period.first
    while month <= period.end:
        months.append(month_of(month))
        month = add_months(month, 1)
    return months


def reporting_status(
    conn: Connection,
    *,
    scope: Scope,
    level: str,
    period: Period,
    due_day: int,
    today: date,
    entities: tuple[str, ...] = EXPECTED,
) -> pd.DataFrame:
    """One row per month of `period`, unit at `level` (district or street) that the scope
    touches, and entity, counting only imported rows of units inside the scope.

    Columns: month ("2026-03"), unit_id, unit_code, unit_name, parent_id, entity, rows
    (rows written), first_at and last_at (first and last arrival, NaT if none),
    importers (usernames, comma-separated, "" if none), due_on, status (on_time, late,
    missing, pending).
    """
    if level not in LEVELS:
        raise ValueError(f"submissions are kept by {LEVELS}, not {level!r}")
    months = period_months(period)
    place = org_unit.alias("place")
    unit = group_column(place, level)
    where = [
        scope.covers(place.c.path),
        import_audit_unit.c.month.in_(months),
        import_audit.c.entity.in_(entities),
        unit.is_not(None),
    ]
    joined = import_audit_unit.join(
        import_audit, import_audit.c.id == import_audit_unit.c.audit_id
    ).join(place, place.c.id == import_audit_unit.c.unit_id)
    keys = [import_audit_unit.c.month, unit.label("unit_id"), import_audit.c.entity]
    arrived = fetch(
        conn,
        select(
            *keys,
            func.sum(import_audit_unit.c.rows).label("rows"),
            func.min(import_audit.c.at).label("first_at"),
            func.max(import_audit.c.at).label("last_at"),
        )
        .select_from(joined)
        .where(*where)
        .group_by(*keys),
    )
    senders = fetch(
        conn,
        select(*keys, import_audit.c.username)
        .select_from(joined)
        .where(*where)
        .distinct()
        .order_by(import_audit.c.username),
    )
    names = ["month", "unit_id", "entity"]
    importers = senders.groupby(names)["username"].agg(", ".join).rename("importers")
    grid = pd.MultiIndex.from_product([months, entities], names=["month", "entity"]).to_frame(
        index=False
    )
    units = with_units(conn, scope=scope, level=level, parts=[])
    frame = (
        units.merge(grid, how="cross")
        .merge(arrived, on=names, how="left")
        .merge(importers.reset_index(), on=names, how="left")
    )
    frame["rows"] = frame["rows"].fillna(0).astype("int64")
    frame["importers"] = frame["importers"].fillna("")
    # arrivals on the display zone's clock: on time means by the due day there
    for moment in ("first_at", "last_at"):
        frame[moment] = pd.to_datetime(frame[moment], utc=True).dt.tz_convert(clock.zone())
    frame["due_on"] = [due_on(m, due_day) for m in frame["month"]]
    frame["status"] = [
        _status(first, due, today)
        for first, due in zip(frame["first_at"], frame["due_on"], strict=True)
    ]
    columns = ["month", "unit_id", "unit_code", "unit_name", "parent_id", "entity", "rows"]
    columns += ["first_at", "last_at", "importers", "due_on", "status"]
    return frame[columns].sort_values(["month", "unit_code", "entity"], ignore_index=True)


def _status(first_at: pd.Timestamp, due: date, today: date) -> str:
    if pd.isna(first_at):
        return MISSING if today > due else PENDING
    return ON_TIME if first_at.date() <= due else LATE


def unit_summary(
    status: pd.DataFrame, *, by: tuple[str, ...] = ("unit_id", "month")
) -> pd.DataFrame:
    """`reporting_status` rows folded over entities (and months, if `by` leaves them out).

    A unit is on time when every expected entity arrived on time (some may still be
    pending), late when something arrived late or is missing while something else
    arrived, missing when nothing arrived and something is overdue, pending when
    nothing arrived and nothing is due yet.

    Columns: `by`, unit_code, unit_name, expected, on_time, late, missing, pending
    (counts of entity-months), status.
    """
    keys = list(by)
    counts = pd.crosstab([status[k] for k in keys], status["status"]).reindex(
        columns=[ON_TIME, LATE, MISSING, PENDING], fill_value=0
    )
    counts.columns.name = None
    names = status.groupby(keys)[["unit_code", "unit_name"]].first()
    folded = names.join(counts).reset_index()
    folded["expected"] = folded[[ON_TIME, LATE, MISSING, PENDING]].sum(axis=1)
    arrived = folded[ON_TIME] + folded[LATE]
    folded["status"] = [
        (MISSING if missing else PENDING) if not got else (LATE if late or missing else ON_TIME)
        for got, late, missing in zip(arrived, folded[LATE], folded[MISSING], strict=True)
    ]
    columns = [*keys, "unit_code", "unit_name", "expected", ON_TIME, LATE, MISSING, PENDING]
    return folded[[*columns, "status"]].sort_values(["unit_code", *keys[1:]], ignore_index=True)
