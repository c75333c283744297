"""Reading summary tables: which periods they hold, and their counts summed by level.

Every summary row belongs to a base unit (a community, or a street for what a street
holds itself), so any level at or above the community is a GROUP BY over a join
with org_unit, scoped exactly as the raw queries are. A scope rooted below a
community (a grid) cannot be answered from them and goes to the raw facts.
"""

import logging
from datetime import date, timedelta

from sqlalchemy import Connection, Select, Table, func, select

from data_access.indicators.common import TOTAL, group_column
from data_access.period import Period, add_months, period_key
from data_access.schema import LEVELS, org_unit, summary_built
from data_access.scope import Scope

log = logging.getLogger(__name__)


def day_key(day: date) -> str:
    return f"day:{day.isoformat()}"


def period_summary_key(period: Period) -> str:
    """A running period is a different key from the whole one: it is read at `through`."""
    key = f"period:{period_key(period)}"
    return f"{key}@{period.end.isoformat()}" if period.through else key


def month_key(month: str) -> str:
    return f"month:{month}"


def months_of(period: Period) -> list[str]:
    """'YYYY-MM' of every month the period runs over, up to its end."""
    months, first = [], period.first
    while first <= period.end:
        months.append(f"{first:%Y-%m}")
        first = add_months(first, 1)
    return months


def month_tables_serve(period: Period) -> bool:
    """Monthly rows answer a period that ends on a month's last day (a running one may not)."""
    return (period.end + timedelta(days=1)).day == 1


def holds(conn: Connection, scope: Scope, keys: list[str], *, finest: str = "community") -> bool:
    """Whether every key is built and the scope's subtrees are rooted at `finest` level
    or above (the grain of the rows asked for: a base unit is a community at most)."""
    if not scope.paths:
        return False
    built = conn.execute(
        select(func.count()).select_from(summary_built).where(summary_built.c.key.in_(keys))
    ).scalar()
    if built != len(set(keys)):
        # until the rollover (or the next start) builds them: correct, but slower
        log.warning("summaries %s not all built: reading the facts", ", ".join(sorted(set(keys))))
        return False
    below = conn.execute(
        select(func.count())
        .select_from(org_unit)
        .where(org_unit.c.path.in_(scope.paths), org_unit.c.level.in_(finer_than(finest)))
    ).scalar()
    return not below


def finer_than(level: str) -> tuple[str, ...]:
    return LEVELS[LEVELS.index(level) + 1 :]


# what a base unit can be; naming them lets the join skip the grids (most of org_unit)
BASE_LEVELS = ("street", "community")
# Some summaries are kept per district instead (meetings, problem histograms): a base
# unit has too few of each kind for its rows to be fewer than the facts. Their rows
# add up to these levels, for scopes of whole districts or more.
DISTRICT_GRAIN = ("district",)
DISTRICT_LEVELS = (TOTAL, "city", "district")


def holds_districts(conn: Connection, scope: Scope, keys: list[str], level: str = TOTAL) -> bool:
    """Whether district rows answer `level` for the scope at every key."""
    return level in DISTRICT_LEVELS and holds(conn, scope, keys, finest="district")


def summed(
    table: Table, *, scope: Scope, level: str, counts: list, where=(), by=(), grain=BASE_LEVELS
) -> Select:
    """`counts` of `table` summed per unit at `level` (and per `by` columns) within the
    scope. A count is a column name, or (name, expression) to sum an expression.
    `grain`: the levels of the units the table's rows belong to."""
    unit = org_unit.alias("unit")
    group = group_column(unit, level)
    by_columns = [table.c[b] for b in by]
    sums = [
        func.sum(c[1]).label(c[0]) if isinstance(c, tuple) else func.sum(table.c[c]).label(c)
        for c in counts
    ]
    return (
        select(group.label("unit_id"), *by_columns, *sums)
        .select_from(table.join(unit, unit.c.id == table.c.unit_id))
        .where(unit.c.level.in_(grain), scope.covers(unit.c.path), group.is_not(None), *where)
        .group_by(group, *by_columns)
    )
