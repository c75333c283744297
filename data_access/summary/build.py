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
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    Table,
    delete,
    func,
    insert,
    select,
    text,
    union_all,
    update,
)

from data_access import clock
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
from data_access.locks import SUMMARIES, exclusive
from data_access.period import (
    HISTORY,
    Period,
    complete_periods,
    parse_period,
    period_containing,
)
from data_access.query import fetch
from data_access.schema import (
    org_unit,
    summary_built,
)
from data_access.scope import Scope, scope_of_units
from data_access.summary.additions import Keys, Sums, add_facts, apply
from data_access.summary.members import MemberFacts
from data_access.summary.reach import (
    BEHIND_UNITS,
    CADENCE,
    DAY,
    DAY_PARTS,
    DISTRICT_PROBLEM,
    GAP,
    HOURS,
    LIST,
    LISTS,
    MEETING,
    MONTH_PARTS,
    PERIOD_PARTS,
    PROBLEM,
    PROBLEM_MONTH,
    PROBLEMS,
    RECORDS,
    SERVICE,
    Part,
    Reach,
    reaches_of,
)
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
    """Compute every catalogued key not built yet, each in its own transaction, under
    the summaries lock: two processes building at once build each key once."""
    started = time.perf_counter()
    with engine.connect() as conn:
        wanted = catalogue(data_end(conn))
        built = set(conn.execute(select(summary_built.c.key)).scalars())
        everything = scope_of_units(conn, root_unit_ids(conn))
    missing = sorted(set(wanted) - built)
    if not missing:
        return
    # The planner's statistics: for facts just loaded, before they are read, and for
    # the summary rows once written. Without them SQLite reads a small scope's facts
    # through the date index, all of the city's, not its communities' through (unit, date).
    _analyze(engine)
    with engine.connect() as conn:
        members = MemberFacts(conn, everything)
    for key in missing:
        # Another process (a replica starting, a rollover) may be building the same keys.
        with exclusive(engine, SUMMARIES) as conn:
            if _is_built(conn, key):
                continue
            _write(conn, key, wanted[key], everything, members=members)
        log.info("summary %s built", key)
    _analyze(engine)
    log.info("summaries built in %.1f s", time.perf_counter() - started)


def _is_built(conn: Connection, key: str) -> bool:
    return (
        conn.execute(select(summary_built.c.key).where(summary_built.c.key == key)).first()
        is not None
    )


def _analyze(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def refresh_facts(
    conn: Connection,
    written: Mapping[Table, Iterable[Mapping]],
    replaced: Mapping[Table, Iterable[Mapping]] | None = None,
) -> None:
    """Bring the summaries in step with fact rows just written: for each fact table,
    its rows as written and, for rows that were updated, as they were. Sums over the
    rows are added to the stored summaries (see `additions`), the rest recounted for
    the units and keys the rows reach (see `reach`). Call it in the transaction that
    wrote them."""
    replaced = replaced or {}
    keys = _keys(conn)
    sums = Sums()
    reached: dict[Reach, set[int]] = defaultdict(set)
    for table in {*written, *replaced}:
        new, old = list(written.get(table, ())), list(replaced.get(table, ()))
        add_facts(conn, table, new, old, keys, sums)
        for reach, units in reaches_of(conn, table, new + old).items():
            reached[reach] |= units
    # before the recounts: a recount reads the facts, so it stands whatever was added
    apply(conn, sums)
    _mark_built(conn, sums.keys)
    _refresh(conn, reached)


def _keys(conn: Connection) -> Keys:
    periods, months, days = {}, {}, {}
    for key in conn.execute(select(summary_built.c.key)).scalars():
        held = _held(key)
        if isinstance(held, Period):
            periods[key] = held
        elif isinstance(held, str):
            months[held] = key
        else:
            days[held] = key
    return Keys(periods, months, days)


def _mark_built(conn: Connection, keys: set[str]) -> None:
    if keys:
        conn.execute(
            update(summary_built).where(summary_built.c.key.in_(keys)).values(built_at=clock.now())
        )


# the parts counted from `MemberFacts`
MEMBER_PARTS = frozenset({DAY, HOURS})


def _refresh(conn: Connection, reached: Mapping[Reach, set[int]]) -> None:
    """Rewrite, for each built key, the parts some reach touches, for its units."""
    if not any(reached.values()):
        return
    base = _base_units(conn, set().union(*reached.values()))
    work: dict[tuple[str, frozenset[int]], set[Part]] = defaultdict(set)
    for key in conn.execute(select(summary_built.c.key)).scalars().all():
        held = _held(key)
        of_key = _parts_of(held)
        units_of: dict[Part, set[int]] = defaultdict(set)
        for reach, units in reached.items():
            parts = reach.parts & of_key
            if parts and reach.reaches(_as_period(held)):
                for part in parts:
                    units_of[part] |= {base[u] for u in units if u in base}
        for part, units in units_of.items():
            work[(key, frozenset(units))].add(part)
    scopes: dict[frozenset[int], Scope] = {}
    members: dict[frozenset[int], MemberFacts] = {}
    for (key, refreshed), asked in work.items():
        if refreshed not in scopes:
            scopes[refreshed] = scope_of_units(conn, _fewer(conn, refreshed))
        if refreshed not in members and asked & MEMBER_PARTS:
            # one read of the units' members serves every key (SQL would scan per key)
            members[refreshed] = MemberFacts(conn, scopes[refreshed])
        scope, facts = scopes[refreshed], members.get(refreshed)
        _write(conn, key, _held(key), scope, parts=asked, members=facts)


def _base_units(conn: Connection, units: set[int]) -> dict[int, int]:
    """unit id -> its base unit (its community, or itself above communities)."""
    return dict(
        conn.execute(
            select(org_unit.c.id, func.coalesce(org_unit.c.community_id, org_unit.c.id)).where(
                org_unit.c.id.in_(units)
            )
        ).all()
    )


def _fewer(conn: Connection, units: frozenset[int]) -> set[int]:
    """The units, or their districts when they are many."""
    if len(units) <= MANY_UNITS:
        return set(units)
    return set(
        conn.execute(
            select(func.coalesce(org_unit.c.district_id, org_unit.c.id)).where(
                org_unit.c.id.in_(units)
            )
        ).scalars()
    )


def _parts_of(held) -> frozenset[Part]:
    if isinstance(held, Period):
        return PERIOD_PARTS
    return MONTH_PARTS if isinstance(held, str) else DAY_PARTS


def _as_period(held):
    """A month key's month as a Period; days and periods as they are."""
    return Period.month(date.fromisoformat(f"{held}-01")) if isinstance(held, str) else held


def _held(key: str):
    kind, value = key.split(":", 1)
    if kind == "day":
        return date.fromisoformat(value)
    if kind == "month":
        return value
    name, _, through = value.partition("@")
    period = parse_period(name)
    return period.to_date(date.fromisoformat(through)) if through else period


def _write(
    conn: Connection,
    key: str,
    held,
    scope: Scope,
    *,
    parts: Iterable[Part] | None = None,
    members: MemberFacts | None = None,
) -> None:
    """Replace `key`'s rows of the units in `scope` with counts from the facts, in
    `parts` (all of the key's with None); member counts and hours come from `members`
    when given (read for the same scope), else SQL."""
    makers = _makers(conn, held, scope, members)
    where = "period" if isinstance(held, Period) else "month" if isinstance(held, str) else "day"
    values = period_summary_key(held) if isinstance(held, Period) else held
    asked: dict[Table, list[Part]] = defaultdict(list)
    for part in makers if parts is None else parts:
        asked[part.table].append(part)
    for table, recounted in asked.items():
        made = [makers[part]() for part in recounted]
        covered = made[0][1]  # the parts of one table cover the same units
        frame = _merged([f for f, _ in made]) if len(made) > 1 else made[0][0]
        in_scope = select(org_unit.c.id).where(covered.covers(org_unit.c.path))
        rows = (table.c[where] == values) & table.c.unit_id.in_(in_scope)
        kept = [
            column
            for part in makers
            if part.table is table and part not in recounted
            for column in part.columns
        ]
        if kept:  # only some groups of columns were recounted: the others stay as they are
            old = _fetch_all(conn, select(table.c.unit_id, *(table.c[c] for c in kept)).where(rows))
            frame = _merged([old, frame])
        conn.execute(delete(table).where(rows))
        insert_frame(conn, table, frame.assign(**{where: values}))
    conn.execute(delete(summary_built).where(summary_built.c.key == key))
    conn.execute(insert(summary_built).values(key=key, built_at=clock.now()))


def _makers(conn: Connection, held, scope: Scope, members: MemberFacts | None) -> dict:
    """Summary part -> a function computing (its rows for `held`, the scope they cover);
    what two parts share is computed once, and only when asked for."""
    districts = cache(lambda: _districts_of(conn, scope))
    if isinstance(held, Period):
        problems = cache(
            lambda: _fetch_all(conn, problem_days(scope=scope, level=BASE, period=held))
        )
        lists = cache(lambda: _fetch_all(conn, list_counts(scope=scope, level=BASE, period=held)))
        status = cache(lambda: cadence_status(conn, scope=scope, period=held))

        def hours():
            if members:
                return members.hours_over(held), scope
            return _fetch_all(conn, service_hours(scope=scope, level=BASE, period=held)), scope

        def behind():
            return status().loc[status()["status"].isin(BEHIND), ["unit_id", *STATUS_COUNTS]]

        def of_districts(query):
            return lambda: (
                _fetch_all(conn, query(scope=districts(), level="district", period=held)),
                districts(),
            )

        return {
            HOURS: hours,
            RECORDS: lambda: (_records(conn, held, scope), scope),
            CADENCE: lambda: (counts_by_status(status(), BASE), scope),
            LISTS: lambda: (
                lists().drop(columns="list_type").groupby("unit_id", as_index=False).sum(),
                scope,
            ),
            PROBLEMS: lambda: (_raised_and_resolved(problems()), scope),
            LIST: lambda: (lists(), scope),
            PROBLEM: lambda: (problems(), scope),
            BEHIND_UNITS: lambda: (behind(), scope),
            DISTRICT_PROBLEM: of_districts(problem_days),
            PROBLEM_MONTH: of_districts(problem_months),
        }
    if isinstance(held, str):
        period = Period.month(date.fromisoformat(f"{held}-01"))

        def service():
            counts = _fetch_all(conn, service_counts(scope=scope, level=BASE, period=period))
            return counts.drop(columns="month"), scope

        def meetings():
            query = meeting_counts(
                scope=districts(), level="district", period=period, by=["day", "meeting_type"]
            )
            return _fetch_all(conn, query), districts()

        return {SERVICE: service, MEETING: meetings}
    return {
        DAY: lambda: (_day_counts(conn, held, scope, members), scope),
        GAP: lambda: (_fetch_all(conn, gap_status(scope=scope, as_of=held)), scope),
    }


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
    keyed = [frame.astype("float64").set_index("unit_id") for frame in frames]
    return pd.concat(keyed, axis=1).fillna(0).rename_axis("unit_id").reset_index()


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


def _records(conn: Connection, period: Period, scope: Scope) -> pd.DataFrame:
    """Per unit, records of every kind held in `period`, summed in one query."""
    kinds = union_all(*record_counts(scope=scope, level=BASE, period=period)).subquery()
    unit_id, count = list(kinds.c)
    query = select(unit_id, func.sum(count).label("records")).group_by(unit_id)
    return _fetch_all(conn, query)


def _raised_and_resolved(problems: pd.DataFrame) -> pd.DataFrame:
    """Per unit, problems raised and resolved, from `problem_days` rows."""
    problems = problems.astype({"days": "int64", "problems": "int64"})
    resolved = problems["problems"].where(problems["days"] >= 0, 0)
    return (
        problems.assign(raised=problems["problems"], resolved=resolved)
        .groupby("unit_id", as_index=False)[["raised", "resolved"]]
        .sum()
    )
