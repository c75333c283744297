"""Grid coverage (网格覆盖): party organisations and workers in every grid,
and the community-worker quota (员额) rule."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    ScalarSelect,
    Select,
    Subquery,
    and_,
    case,
    exists,
    func,
    select,
)

from data_access.indicators.common import (
    BASE,
    active_on,
    add_rates,
    group_column,
    ratio,
    with_units,
)
from data_access.query import LISTED_AT_MOST, fetch
from data_access.schema import grid_party_org, org_unit, summary_day, summary_gap, worker
from data_access.scope import Scope
from data_access.summary.read import day_key, holds, summed

# Kinds that make a grid "covered": an organisation, not a lone member household.
COVERING_KINDS = ("branch", "building_group")


def grid_is_covered(grid_id, as_of: date) -> ColumnElement[bool]:
    """The grid has an active party branch or building group set up by `as_of` (启用)."""
    return exists().where(
        grid_party_org.c.grid_id == grid_id,
        grid_party_org.c.kind.in_(COVERING_KINDS),
        grid_party_org.c.active.is_(True),
        grid_party_org.c.set_up_on <= as_of,
    )


def grid_worker_in_post(as_of: date) -> ColumnElement[bool]:
    """A worker row that is a grid worker in post on `as_of`."""
    return and_(worker.c.role == "grid", active_on(worker.c.started_on, worker.c.ended_on, as_of))


def grid_is_staffed(grid_id, as_of: date) -> ColumnElement[bool]:
    """The grid has a grid worker in post on `as_of`."""
    return exists().where(worker.c.unit_id == grid_id, grid_worker_in_post(as_of))


def grid_coverage(
    conn: Connection, *, scope: Scope, level: str, as_of: date, raw: bool = False
) -> pd.DataFrame:
    """Grid coverage by unit at `level`, read at the date `as_of`.

    - coverage_rate = grids_with_org / grids: grids with an active party
      branch or building group set up on or before `as_of` (启用数), over all
      grids (应建数: every grid should have one).
    - staffing_rate = grids_with_worker / grids: grids with a grid worker in
      post on `as_of`.
    - households_per_worker = households / grid_workers (NaN with no worker).
    - gapped_grids: grids lacking an organisation or a grid worker (短板网格).

    Counted from the summary tables where they hold `as_of`, else (or with
    `raw`) from the facts.

    Columns: unit_id, unit_code, unit_name, parent_id, grids, grids_with_org,
    coverage_rate, grids_with_worker, staffing_rate, households, grid_workers,
    households_per_worker, gapped_grids.
    """
    if not raw and holds(conn, scope, [day_key(as_of)]):
        parts = [
            summed(
                summary_day,
                scope=scope,
                level=level,
                counts=COVERAGE_COUNTS,
                where=[summary_day.c.day == as_of],
            )
        ]
    else:
        parts = coverage_counts(scope=scope, level=level, as_of=as_of)
    return add_rates(with_units(conn, scope=scope, level=level, parts=parts), COVERAGE_RATES)


COVERAGE_COUNTS = [
    "grids",
    "grids_with_org",
    "grids_with_worker",
    "households",
    "gapped_grids",
    "grid_workers",
]
COVERAGE_RATES = {
    "coverage_rate": ("grids_with_org", "grids"),
    "staffing_rate": ("grids_with_worker", "grids"),
    "households_per_worker": ("households", "grid_workers"),
}


def coverage_total(by_unit: pd.DataFrame) -> pd.Series:
    """The whole scope's `grid_coverage` from its rows at one level, which partition it."""
    total = by_unit[COVERAGE_COUNTS].sum().astype(float)
    for name, (numerator, denominator) in COVERAGE_RATES.items():
        total[name] = total[numerator] / total[denominator] if total[denominator] else np.nan
    return total


def coverage_counts(*, scope: Scope, level: str, as_of: date) -> list[Select]:
    """The facts behind `grid_coverage`: COVERAGE_COUNTS by unit at `level`."""
    grid = org_unit.alias("grid")
    unit = group_column(grid, level)
    grid_in_scope = and_(grid.c.level == "grid", scope.covers(grid.c.path))
    # each grid's two conditions once, then summed (a gap is a grid lacking either)
    flags = (
        select(
            unit.label("unit_id"),
            grid.c.households,
            case((grid_is_covered(grid.c.id, as_of), 1), else_=0).label("has_org"),
            case((grid_is_staffed(grid.c.id, as_of), 1), else_=0).label("has_worker"),
        )
        .where(grid_in_scope)
        .subquery()
    )
    grids = select(
        flags.c.unit_id,
        func.count().label("grids"),
        func.sum(flags.c.has_org).label("grids_with_org"),
        func.sum(flags.c.has_worker).label("grids_with_worker"),
        func.coalesce(func.sum(flags.c.households), 0).label("households"),
        func.sum(1 - flags.c.has_org * flags.c.has_worker).label("gapped_grids"),
    ).group_by(flags.c.unit_id)
    workers = (
        select(unit.label("unit_id"), func.count(worker.c.id).label("grid_workers"))
        .select_from(worker.join(grid, worker.c.unit_id == grid.c.id))
        .where(grid_in_scope, grid_worker_in_post(as_of))
        .group_by(unit)
    )
    return [grids, workers]


@dataclass(frozen=True)
class QuotaRule:
    """Zhenjiang's community-worker quota (员额) for urban communities.

    Up to `base_households` households: `base_workers`. Above that, one more
    worker per full `step_households` additional households. Above
    `cap_households` the total is controlled (总量控制): the quota stays at
    its value for `cap_households`.
    """

    base_households: int = 2000
    base_workers: int = 5
    step_households: int = 300
    cap_households: int = 3000

    def __post_init__(self) -> None:
        if min(self.base_households, self.base_workers) < 0 or self.step_households < 1:
            raise ValueError(
                f"quota rule needs counts of 0 or more and a step of 1 or more: {self}"
            )
        if self.cap_households < self.base_households:
            raise ValueError(f"quota cap is below the base households: {self}")

    def quota(self, households):
        """The quota for a number of households, or for each of a Series of them."""
        counted = np.minimum(households, self.cap_households)
        extra = np.maximum(counted - self.base_households, 0)
        return self.base_workers + extra // self.step_households

    def quota_in_sql(self, households: ColumnElement[int]) -> ColumnElement[int]:
        """`quota` as SQL over an integer column of households."""
        counted = case((households > self.cap_households, self.cap_households), else_=households)
        extra = case((counted > self.base_households, counted - self.base_households), else_=0)
        return self.base_workers + extra // self.step_households


def community_workforce(
    conn: Connection, *, scope: Scope, as_of: date, raw: bool = False
) -> pd.DataFrame:
    """Households and full-time community workers in post at `as_of`, per urban community.

    Columns: unit_id, unit_code, unit_name, street_id, district_id,
    district_name, households, workers.
    """
    workforce = workforce_rows(conn, scope=scope, as_of=as_of, raw=raw).subquery()
    district = org_unit.alias("district")
    return fetch(
        conn,
        select(workforce, district.c.name.label("district_name"))
        .join_from(workforce, district, district.c.id == workforce.c.district_id)
        .order_by(workforce.c.unit_code),
    )


def workforce_rows(conn: Connection, *, scope: Scope, as_of: date, raw: bool) -> Select:
    """Each urban community in scope: unit_id, unit_code, unit_name, street_id,
    district_id, households and workers (full-time community workers in post at `as_of`),
    from the summaries where they hold `as_of`, else (or with `raw`) from the facts."""
    community = org_unit.alias("community")
    if not raw and holds(conn, scope, [day_key(as_of)]):
        worker_query = select(
            summary_day.c.unit_id, summary_day.c.community_workers.label("workers")
        ).where(summary_day.c.day == as_of)
    else:
        worker_query = community_worker_counts(scope=scope, level=BASE, as_of=as_of)
    workers = worker_query.subquery()
    return (
        select(
            community.c.id.label("unit_id"),
            community.c.code.label("unit_code"),
            community.c.name.label("unit_name"),
            community.c.street_id,
            community.c.district_id,
            func.coalesce(community.c.households, 0).label("households"),
            func.coalesce(workers.c.workers, 0).label("workers"),
        )
        .select_from(community.outerjoin(workers, workers.c.unit_id == community.c.id))
        .where(
            community.c.level == "community",
            community.c.area_kind == "urban",
            scope.covers(community.c.path),
        )
    )


def community_worker_counts(*, scope: Scope, level: str, as_of: date) -> Select:
    """Full-time community workers in post at `as_of` by unit at `level` (column `workers`)."""
    community = org_unit.alias("community")
    unit = group_column(community, level)
    return (
        select(unit.label("unit_id"), func.count().label("workers"))
        .select_from(worker.join(community, worker.c.unit_id == community.c.id))
        .where(
            worker.c.role == "community",
            active_on(worker.c.started_on, worker.c.ended_on, as_of),
            scope.covers(community.c.path),
        )
        .group_by(unit)
    )


def apply_quota(workforce: pd.DataFrame, rule: QuotaRule) -> pd.DataFrame:
    """`community_workforce` rows with their quota under `rule`.

    Added columns: quota; shortfall = max(quota - workers, 0); attainment = workers / quota.
    """
    frame = workforce.copy()
    frame["quota"] = rule.quota(frame["households"].astype("int64"))
    frame["shortfall"] = (frame["quota"] - frame["workers"]).clip(lower=0)
    frame["attainment"] = ratio(frame["workers"], frame["quota"])
    return frame


def quota_rows(
    conn: Connection, *, scope: Scope, as_of: date, rule: QuotaRule, raw: bool
) -> Subquery:
    """`workforce_rows` with quota and shortfall under `rule`, counted in SQL: a province
    has 17,700 urban communities, and a screen shows their totals and the short ones."""
    rows = workforce_rows(conn, scope=scope, as_of=as_of, raw=raw).subquery()
    quota = rule.quota_in_sql(rows.c.households)
    shortfall = case((quota > rows.c.workers, quota - rows.c.workers), else_=0)
    return select(rows, quota.label("quota"), shortfall.label("shortfall")).subquery()


def worker_quota_totals(
    conn: Connection, *, scope: Scope, as_of: date, rule: QuotaRule = QuotaRule(), raw: bool = False
) -> pd.DataFrame:
    """One row over the urban communities in scope at `as_of` under `rule`: communities,
    at_quota (no shortfall), attainment_rate (at_quota / communities), quota, workers and
    shortfall (sums; head count to recruit)."""
    rows = quota_rows(conn, scope=scope, as_of=as_of, rule=rule, raw=raw)
    frame = fetch(
        conn,
        select(
            func.count().label("communities"),
            func.coalesce(func.sum(case((rows.c.shortfall == 0, 1), else_=0)), 0).label("at_quota"),
            func.coalesce(func.sum(rows.c.quota), 0).label("quota"),
            func.coalesce(func.sum(rows.c.workers), 0).label("workers"),
            func.coalesce(func.sum(rows.c.shortfall), 0).label("shortfall"),
        ),
    )
    frame["attainment_rate"] = ratio(frame["at_quota"], frame["communities"])
    return frame


def communities_below_quota(
    conn: Connection, *, scope: Scope, as_of: date, rule: QuotaRule = QuotaRule(), raw: bool = False
) -> pd.DataFrame:
    """The urban communities in scope short of their quota under `rule` at `as_of`, the
    largest shortfall first (then by code), the first LISTED_AT_MOST of them.

    Columns: unit_id, unit_code, unit_name, street_id, district_id, households, workers,
    quota, shortfall, attainment (workers / quota).
    """
    rows = quota_rows(conn, scope=scope, as_of=as_of, rule=rule, raw=raw)
    frame = fetch(
        conn,
        select(rows)
        .where(rows.c.shortfall > 0)
        .order_by(rows.c.shortfall.desc(), rows.c.unit_code)
        .limit(LISTED_AT_MOST),
    )
    frame["attainment"] = ratio(frame["workers"], frame["quota"])
    return frame


def quota_by_district(quotas: pd.DataFrame) -> pd.DataFrame:
    """`apply_quota` rows summed per district.

    Columns: district_id, district_name, communities, short_communities (below
    quota), households, quota, workers, shortfall (head count to recruit).
    """
    return (
        quotas.assign(short=quotas["shortfall"] > 0)
        .groupby(["district_id", "district_name"], as_index=False)
        .agg(
            communities=("unit_id", "count"),
            short_communities=("short", "sum"),
            households=("households", "sum"),
            quota=("quota", "sum"),
            workers=("workers", "sum"),
            shortfall=("shortfall", "sum"),
        )
    )


def grid_gaps(conn: Connection, *, scope: Scope, as_of: date, raw: bool = False) -> pd.DataFrame:
    """The grids in scope lacking a party organisation or a grid worker at `as_of`, in
    code order, the first LISTED_AT_MOST of them (the drill-down of 短板网格).

    Columns: grid_code, grid_name, grid_kind, community_name, street_name,
    district_name, households, has_org, has_worker. How many there are in all is
    `grid_coverage`'s gapped_grids.
    """
    grid = org_unit.alias("grid")
    if not raw and holds(conn, scope, [day_key(as_of)]):
        status = select(summary_gap).where(summary_gap.c.day == as_of).subquery()
    else:
        status = gap_status(scope=scope, as_of=as_of).subquery()
    gapped = grid.join(status, status.c.unit_id == grid.c.id)
    # No count here: counting them with the first rows made PostgreSQL hash every grid
    # and sort them (75 ms on a province); alone, the first rows walk the code index.
    first = (
        select(
            grid.c.code,
            grid.c.name,
            grid.c.grid_kind,
            grid.c.households,
            grid.c.community_id,
            grid.c.street_id,
            grid.c.district_id,
            status.c.has_org,
            status.c.has_worker,
        )
        .select_from(gapped)
        .where(scope.covers(grid.c.path))
        .order_by(grid.c.code)
        .limit(LISTED_AT_MOST)
        .subquery()
    )

    def name_of(level: str) -> ScalarSelect:
        unit = org_unit.alias(level)
        return select(unit.c.name).where(unit.c.id == first.c[f"{level}_id"]).scalar_subquery()

    frame = fetch(
        conn,
        select(
            first.c.code.label("grid_code"),
            first.c.name.label("grid_name"),
            first.c.grid_kind,
            name_of("community").label("community_name"),
            name_of("street").label("street_name"),
            name_of("district").label("district_name"),
            first.c.households,
            first.c.has_org,
            first.c.has_worker,
        ).order_by(first.c.code),
    )
    return frame.astype({"has_org": bool, "has_worker": bool})


def gap_status(*, scope: Scope, as_of: date) -> Select:
    """Grids in scope lacking an organisation or a worker at `as_of`: unit_id, has_org,
    has_worker (1 or 0)."""
    grid = org_unit.alias("grid")
    has_org, has_worker = grid_is_covered(grid.c.id, as_of), grid_is_staffed(grid.c.id, as_of)
    return select(
        grid.c.id.label("unit_id"),
        case((has_org, 1), else_=0).label("has_org"),
        case((has_worker, 1), else_=0).label("has_worker"),
    ).where(
        grid.c.level == "grid",
        scope.covers(grid.c.path),
        ~and_(has_org, has_worker),
    )
