"""Pieces shared by the indicator queries: grouping units and safe ratios."""

from datetime import date

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    cast,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.sql import FromClause

from data_access.query import fetch
from data_access.schema import org_unit
from data_access.scope import Scope

# Levels a result can be grouped by (each is an ancestor column on org_unit),
# TOTAL: one row for the whole scope, whatever it spans, and BASE: the unit's
# community, or the unit itself above communities (a street holding a meeting),
# the grain summary tables are kept at.
TOTAL = "total"
BASE = "base"
GROUP_LEVELS = (TOTAL, "city", "district", "street", "community", BASE)

UNIT_COLUMNS = ["unit_id", "unit_code", "unit_name", "parent_id"]


def group_column(units: FromClause, level: str) -> ColumnElement[int]:
    """The ancestor-id column of `units` (an org_unit alias) at `level`."""
    if level not in GROUP_LEVELS:
        raise ValueError(f"cannot group by {level!r}; choose one of {GROUP_LEVELS}")
    if level == TOTAL:
        # an expression, not a bare 0, which GROUP BY would read as a column position
        return cast(literal_column("0"), Integer)
    if level == BASE:
        return func.coalesce(units.c.community_id, units.c.id)
    return units.c[f"{level}_id"]


def active_on(started, ended, day: date) -> ColumnElement[bool]:
    """Something that began on or before `day` and had not ended by then."""
    return and_(started <= day, or_(ended.is_(None), ended > day))


def with_units(
    conn: Connection, *, scope: Scope, level: str, parts: list[Select | pd.DataFrame]
) -> pd.DataFrame:
    """Every unit at `level` that the scope touches, left-joined to each aggregate in `parts`.

    Each part (a query, or a frame already computed) has a `unit_id` column
    plus count columns; a unit with no rows in a part gets 0 for its counts,
    so nothing is silently dropped.
    """
    if level == TOTAL:
        units = pd.DataFrame(
            {"unit_id": [0], "unit_code": [""], "unit_name": ["合计"], "parent_id": [None]}
        )
    else:
        units = _units_at(conn, scope=scope, level=level)
    frame = units
    for part in parts:
        values = part if isinstance(part, pd.DataFrame) else fetch(conn, part)
        frame = frame.merge(values, on="unit_id", how="left")
        counts = [c for c in values.columns if c != "unit_id"]
        frame[counts] = frame[counts].fillna(0)
    return frame.reset_index(drop=True)


def _units_at(conn: Connection, *, scope: Scope, level: str) -> pd.DataFrame:
    return fetch(
        conn,
        select(
            org_unit.c.id.label("unit_id"),
            org_unit.c.code.label("unit_code"),
            org_unit.c.name.label("unit_name"),
            org_unit.c.parent_id,
        )
        .where(org_unit.c.level == level, scope.touches(org_unit.c.path))
        .order_by(org_unit.c.code),
    )


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NaN (not expected) where the denominator is 0."""
    den = denominator.astype("float64")
    return (numerator.astype("float64") / den.where(den != 0)).astype("float64")


def add_rates(frame: pd.DataFrame, rates: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """`frame` with each rate name -> (numerator, denominator) column added, by `ratio`."""
    for name, (numerator, denominator) in rates.items():
        frame[name] = ratio(frame[numerator], frame[denominator])
    return frame
