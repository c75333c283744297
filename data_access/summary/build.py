"""Filling the summary tables, and keeping them in step with the facts.

Each summary row is the raw indicator queries' own count for one base unit
(`level=BASE`), so a summary can only differ from the facts by not being
refreshed. The catalogue is what the dashboard offers: every read day, period
and month of the periods in its period picker (and the ones before them, for
comparisons). `build` fills what is missing; `refresh` recomputes the rows of
some units after their facts changed, inside the writer's transaction, so a
reader never sees new facts with old summaries.
"""

import logging
import time
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import reduce

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from data_access.bulk import insert_frame
from data_access.dataset import data_end, root_unit_ids
from data_access.indicators.common import BASE
from data_access.indicators.comparison import record_counts
from data_access.indicators.coverage import community_worker_counts, coverage_counts, gap_status
from data_access.indicators.meetings import (
    BEHIND,
    STATUS_COUNTS,
    cadence_status,
    counts_by_status,
    meeting_counts,
)
from data_access.indicators.reporting import (
    list_counts,
    member_counts,
    problem_days,
    registered_orgs,
    service_hours,
)
from data_access.indicators.trends import problem_months, service_counts
from data_access.period import (
    HISTORY,
    Period,
    complete_periods,
    parse_period,
    period_containing,
)
from data_access.query import fetch
from data_access.schema import (
    metadata,
    org_unit,
    party_member,
    service_activity,
    summary_behind,
    summary_built,
    summary_day,
    summary_district_problem,
    summary_gap,
    summary_list,
    summary_meeting,
    summary_period,
    summary_problem,
    summary_problem_month,
    summary_service,
)
from data_access.scope import Scope, scope_of_units
from data_access.summary.members import MemberFacts
from data_access.summary.read import (
    day_key,
    month_key,
    months_of,
    period_summary_key,
)

log = logging.getLogger(__name__)

# Refreshing more units than this recomputes their districts instead: a few
# subtrees make shorter SQL than hundreds of path prefixes.
MANY_UNITS = 50


def catalogue(last_day: date) -> dict[str, object]:
    """Every summary key the dashboard can ask for, with the day, period or month it holds."""
    periods: set[Period] = set()
    for grain, count in HISTORY.items():
        for period in complete_periods(grain, last_day, count):
            periods |= {period, period.previous()}
        running = period_containing(grain, last_day)
        if running.end > last_day:
            periods |= {running.to_date(last_day), running.previous()}
    keys: dict[str, object] = {}
    for period in periods:
        keys[period_summary_key(period)] = period
        keys[day_key(period.end)] = period.end
        keys.update({month_key(m): m for m in months_of(period)})
    return keys


def build(engine: Engine) -> None:
    """Compute every catalogued key not built yet, each in its own transaction."""
    started = time.perf_counter()
    with engine.connect() as conn:
        wanted = catalogue(data_end(conn))
        built = set(conn.execute(select(summary_built.c.key)).scalars())
        everything = scope_of_units(conn, root_unit_ids(conn))
    missing = sorted(set(wanted) - built)
    with engine.connect() as conn:
        members = MemberFacts(conn, everything) if missing else None
    for key in missing:
        with engine.begin() as conn:
            _write(conn, key, wanted[key], everything, members=members)
        log.info("summary %s built", key)
    if missing:
        with engine.begin() as conn:
            for table in SUMMARY_TABLES:  # the planner's statistics for the rows just written
                conn.execute(text(f"ANALYZE {table.name}"))
    log.info("summaries built in %.1f s", time.perf_counter() - started)


# every summary table, as schema.py names them (a new one is analysed without a list to edit)
SUMMARY_TABLES = [
    t for t in metadata.sorted_tables if t.name.startswith("summary_") and t is not summary_built
]


def refresh(conn: Connection, units: Iterable[int], *, since: date | None = None) -> None:
    """Recompute every built key ending on or after `since` (all with None) for the
    subtrees of `units`. Call it in the transaction that changed their facts."""
    units = set(units)
    if not units:
        return
    if len(units) > MANY_UNITS:
        units = set(
            conn.execute(
                select(func.coalesce(org_unit.c.district_id, org_unit.c.id)).where(
                    org_unit.c.id.in_(units)
                )
            ).scalars()
        )
    scope = scope_of_units(conn, units)
    for key in conn.execute(select(summary_built.c.key)).scalars().all():
        held = _held(key)
        if since is None or _last_day(held) >= since:
            _write(conn, key, held, scope)


def refresh_rows(conn: Connection, rows: Iterable[Mapping], *, since: date | None = None) -> None:
    """`refresh` for the base units that fact rows (as written or as they were) point at."""
    refresh(conn, base_units_of(conn, rows), since=since)


def base_units_of(conn: Connection, rows: Iterable[Mapping]) -> set[int]:
    """The units whose summaries rows of any fact table feed: the communities (or
    streets) they are held in, and the homes of the members they name."""
    units, members, activities = set(), set(), set()
    for row in rows:
        for column in ("community_id", "residence_community_id", "unit_id", "grid_id", "parent_id"):
            if row.get(column) is not None:
                units.add(row[column])
        if row.get("member_id") is not None:
            members.add(row["member_id"])
        if row.get("activity_id") is not None:
            activities.add(row["activity_id"])
    if members:
        units |= set(
            conn.execute(
                select(party_member.c.residence_community_id).where(party_member.c.id.in_(members))
            ).scalars()
        )
    if activities:
        units |= set(
            conn.execute(
                select(service_activity.c.community_id).where(service_activity.c.id.in_(activities))
            ).scalars()
        )
    return set(
        conn.execute(
            select(func.coalesce(org_unit.c.community_id, org_unit.c.id)).where(
                org_unit.c.id.in_(units)
            )
        ).scalars()
    )


def _held(key: str):
    kind, value = key.split(":", 1)
    if kind == "day":
        return date.fromisoformat(value)
    if kind == "month":
        return value
    name, _, through = value.partition("@")
    period = parse_period(name)
    return period.to_date(date.fromisoformat(through)) if through else period


def _last_day(held) -> date:
    if isinstance(held, Period):
        return held.end
    if isinstance(held, str):
        return Period.month(date.fromisoformat(f"{held}-01")).end
    return held


def _write(
    conn: Connection, key: str, held, scope: Scope, *, members: MemberFacts | None = None
) -> None:
    """Replace `key`'s rows of the units in `scope` with counts from the facts; member
    counts and hours come from `members` when given (read for the same scope), else SQL."""
    if isinstance(held, Period):
        column = period_summary_key(held)
        problems = _fetch_all(conn, problem_days(scope=scope, level=BASE, period=held))
        lists = _fetch_all(conn, list_counts(scope=scope, level=BASE, period=held))
        status = cadence_status(conn, scope=scope, period=held)
        behind = status.loc[status["status"].isin(BEHIND), ["unit_id", *STATUS_COUNTS]]
        districts = _districts_of(conn, scope)
        district_problems = problem_days(scope=districts, level="district", period=held)
        months = problem_months(scope=districts, level="district", period=held)
        tables = {
            summary_period: (
                _period_counts(conn, held, scope, members, lists, problems, status),
                scope,
            ),
            summary_list: (lists, scope),
            summary_problem: (problems, scope),
            summary_behind: (behind, scope),
            summary_district_problem: (_fetch_all(conn, district_problems), districts),
            summary_problem_month: (_fetch_all(conn, months), districts),
        }
        where, values = "period", column
    elif isinstance(held, str):
        period = Period.month(date.fromisoformat(f"{held}-01"))
        counts = _fetch_all(conn, service_counts(scope=scope, level=BASE, period=period))
        districts = _districts_of(conn, scope)
        meetings = meeting_counts(
            scope=districts, level="district", period=period, by=["day", "meeting_type"]
        )
        tables = {
            summary_service: (counts.drop(columns="month"), scope),
            summary_meeting: (_fetch_all(conn, meetings), districts),
        }
        where, values = "month", held
    else:
        tables = {
            summary_day: (_day_counts(conn, held, scope, members), scope),
            summary_gap: (_fetch_all(conn, gap_status(scope=scope, as_of=held)), scope),
        }
        where, values = "day", held
    # each table's rows of the units it was recomputed for
    for table, (frame, covered) in tables.items():
        in_scope = select(org_unit.c.id).where(covered.covers(org_unit.c.path))
        conn.execute(delete(table).where(table.c[where] == values, table.c.unit_id.in_(in_scope)))
        insert_frame(conn, table, frame.assign(**{where: values}))
    conn.execute(delete(summary_built).where(summary_built.c.key == key))
    conn.execute(insert(summary_built).values(key=key, built_at=datetime.now()))


def _districts_of(conn: Connection, scope: Scope) -> Scope:
    """The whole districts `scope` lies in (or `scope` itself, where it is wider):
    summary_meeting's rows are per district."""
    roots = select(func.coalesce(org_unit.c.district_id, org_unit.c.id)).where(
        org_unit.c.path.in_(scope.paths)
    )
    return scope_of_units(conn, conn.execute(roots).scalars())


def _fetch_all(conn: Connection, query) -> pd.DataFrame:
    """Every row: a base-unit count may run past the row limit meant for pages."""
    return fetch(conn, query, max_rows=None)


def _merged(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Count frames keyed by unit_id side by side; a unit missing from one counts 0."""
    # an empty part's columns come as objects
    frames = [frame.astype("float64") for frame in frames]
    return reduce(lambda a, b: a.merge(b, on="unit_id", how="outer"), frames).fillna(0)


def _day_counts(
    conn: Connection, day: date, scope: Scope, members: MemberFacts | None
) -> pd.DataFrame:
    queries = [
        *coverage_counts(scope=scope, level=BASE, as_of=day),
        community_worker_counts(scope=scope, level=BASE, as_of=day),
        registered_orgs(scope=scope, level=BASE, day=day),
    ]
    if members is None:
        queries += member_counts(scope=scope, level=BASE, day=day)
    frames = [_fetch_all(conn, q) for q in queries]
    frame = _merged(frames if members is None else [*frames, members.counts_at(day)])
    return frame.rename(columns={"workers": "community_workers"})


def _period_counts(
    conn: Connection,
    period: Period,
    scope: Scope,
    members: MemberFacts | None,
    lists: pd.DataFrame,
    problems: pd.DataFrame,
    status: pd.DataFrame,
) -> pd.DataFrame:
    records = _merged(
        [_fetch_all(conn, q) for q in record_counts(scope=scope, level=BASE, period=period)]
    )
    records = pd.DataFrame(
        {"unit_id": records["unit_id"], "records": records.drop(columns="unit_id").sum(axis=1)}
    )
    frames = [
        (
            members.hours_over(period)
            if members
            else _fetch_all(conn, service_hours(scope=scope, level=BASE, period=period))
        ),
        records,
        counts_by_status(status, BASE),
        lists.drop(columns="list_type").groupby("unit_id", as_index=False).sum(),
        _raised_and_resolved(problems),
    ]
    return _merged(frames)


def _raised_and_resolved(problems: pd.DataFrame) -> pd.DataFrame:
    """Per unit, problems raised and resolved, from `problem_days` rows."""
    problems = problems.astype({"days": "int64", "problems": "int64"})
    resolved = problems["problems"].where(problems["days"] >= 0, 0)
    return (
        problems.assign(raised=problems["problems"], resolved=resolved)
        .groupby("unit_id", as_index=False)[["raised", "resolved"]]
        .sum()
    )
