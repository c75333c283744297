"""What written fact rows add to the summary rows they feed, for the columns that are
plain sums over fact rows (records, problems, list items, meetings, activities,
participations, service hours) and for active members.

A refresh adds each written row's contribution to the stored rows in place, and takes
away the contribution of the row as it was (an update passes both), instead of
recounting every fact of the units it touches: one new activity in a province adds 1
to a handful of rows. Each rule gives a fact row's contribution at one built key and
repeats the condition of the indicator query it cites; the comparison of summaries
with the facts after imports and the live feed (tests/data_access/test_summary.py)
holds them equal. What is no sum (cadence status, stocks of grids and members) is
recounted instead, as `reach` says.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from data_access.indicators.common import BASE, group_column
from data_access.indicators.reporting import ACTIVE_WINDOW_DAYS
from data_access.period import Period
from data_access.schema import (
    activity_participant,
    list_item,
    meeting,
    org_unit,
    party_member,
    registration,
    resident_problem,
    service_activity,
    summary_day,
    summary_district_problem,
    summary_list,
    summary_meeting,
    summary_period,
    summary_problem,
    summary_problem_month,
    summary_service,
)
from data_access.summary.read import period_summary_key

_ACTIVE = timedelta(days=ACTIVE_WINDOW_DAYS)
# rows a statement carries: SQLite allows 32,766 parameters a statement
_CHUNK = 2_000


@dataclass(frozen=True)
class Keys:
    """The built summary keys: key -> its period; month ('YYYY-MM') -> its key; day -> its key."""

    periods: dict[str, Period]
    months: dict[str, str]
    days: dict[date, str]


@dataclass
class Sums:
    """Additions by summary table and row key (the table's primary key values in order)."""

    rows: dict[Table, dict[tuple, dict[str, float]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    keys: set[str] = field(default_factory=set)  # the summary keys some addition reaches

    def add(self, table: Table, key: str, row: tuple, counts: Mapping[str, float]) -> None:
        held = self.rows[table][row]
        for name, value in counts.items():
            held[name] = held.get(name, 0) + value
        self.keys.add(key)


def add_facts(
    conn: Connection,
    table: Table,
    written: list[Mapping],
    replaced: list[Mapping],
    keys: Keys,
    sums: Sums,
) -> None:
    """Add to `sums` what `written` rows of `table` add and `replaced` rows take away."""
    rule = _RULES.get(table.name)
    if rule is not None:
        rule(conn, written, replaced, keys, sums)


def apply(conn: Connection, sums: Sums) -> None:
    """Add the sums to the stored summary rows; a row not stored yet starts at zero."""
    upsert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    for table, rows in sums.rows.items():
        names = [c.name for c in table.primary_key.columns]
        counts = [c.name for c in table.columns if c.name not in names]
        statement = upsert(table)
        statement = statement.on_conflict_do_update(
            index_elements=names,
            set_={c: table.c[c] + statement.excluded[c] for c in counts},
        )
        values = [
            {**dict(zip(names, row, strict=True)), **dict.fromkeys(counts, 0), **added}
            for row, added in rows.items()
            if any(added.values())
        ]
        for start in range(0, len(values), _CHUNK):
            conn.execute(statement, values[start : start + _CHUNK])


def _signed(written: list[Mapping], replaced: list[Mapping]) -> Iterable[tuple[Mapping, int]]:
    yield from ((row, 1) for row in written)
    yield from ((row, -1) for row in replaced)


def _places(conn: Connection, units: Iterable[int]) -> dict[int, tuple[int, int | None]]:
    """unit id -> (its base unit, its district), as the queries group them
    (group_column BASE and "district")."""
    base = group_column(org_unit, BASE)
    rows = conn.execute(
        select(org_unit.c.id, base, org_unit.c.district_id).where(org_unit.c.id.in_(set(units)))
    )
    return {unit: (at, district) for unit, at, district in rows}


def _periods_containing(keys: Keys, day: date) -> Iterable[tuple[str, Period]]:
    return ((k, p) for k, p in keys.periods.items() if p.start <= day <= p.end)


def _problems(conn, written, replaced, keys, sums):
    places = _places(conn, (r["community_id"] for r in [*written, *replaced]))
    for row, sign in _signed(written, replaced):
        raised, resolved_on = row["raised_on"], row.get("resolved_on")
        unit, district = places[row["community_id"]]
        for key, period in _periods_containing(keys, raised):
            # problem_days: raised in the period, days -1 unless resolved by its end;
            # `_raised_and_resolved` counts days >= 0 as resolved, problem_months
            # resolved_on <= end
            by_end = resolved_on is not None and resolved_on <= period.end
            days = (resolved_on - raised).days if by_end else -1
            value = period_summary_key(period)
            sums.add(
                summary_period,
                key,
                (value, unit),
                {"records": sign, "raised": sign, "resolved": sign * (days >= 0)},
            )
            sums.add(summary_problem, key, (value, unit, row["source"], days), {"problems": sign})
            if district is None:
                continue
            row_key = (value, district, row["source"], days)
            sums.add(summary_district_problem, key, row_key, {"problems": sign})
            sums.add(
                summary_problem_month,
                key,
                (value, district, f"{raised:%Y-%m}"),
                {"raised": sign, "resolved": sign * by_end},
            )


def _list_items(conn, written, replaced, keys, sums):
    places = _places(conn, (r["community_id"] for r in [*written, *replaced]))
    for row, sign in _signed(written, replaced):
        published, unit = row["published_on"], places[row["community_id"]][0]
        claimed_on, completed_on, due = (
            row.get(c) for c in ("claimed_on", "completed_on", "due_on")
        )
        for key, period in keys.periods.items():
            end = period.end
            if published > end:  # list_counts: published_on <= day
                continue
            published_in = period.start <= published
            claimed = published_in and claimed_on is not None and claimed_on <= end
            counts = {
                "published": sign * published_in,
                "claimed": sign * claimed,
                "completed": sign * (claimed and completed_on is not None and completed_on <= end),
                "overdue": sign
                * (due is not None and due < end and (completed_on is None or completed_on > end)),
            }
            if not any(counts.values()):
                continue
            value = period_summary_key(period)
            sums.add(summary_list, key, (value, unit, row["list_type"]), counts)
            # record_counts: published in the period
            sums.add(summary_period, key, (value, unit), {**counts, "records": sign * published_in})


def _meetings(conn, written, replaced, keys, sums):
    places = _places(conn, (r["unit_id"] for r in [*written, *replaced]))
    for row, sign in _signed(written, replaced):
        held, (unit, district) = row["held_on"], places[row["unit_id"]]
        for key, period in _periods_containing(keys, held):  # record_counts
            sums.add(summary_period, key, (period_summary_key(period), unit), {"records": sign})
        month = f"{held:%Y-%m}"
        if month in keys.months and district is not None:  # meeting_counts by day and type
            counts = {
                "meetings": sign,
                **{c: sign * row[c] for c in ("attendance", "issues_raised", "issues_resolved")},
            }
            sums.add(
                summary_meeting,
                keys.months[month],
                (month, district, held, row["meeting_type"]),
                counts,
            )


def _activities(conn, written, replaced, keys, sums):
    # record_counts and service_counts: held in the period, where it was held (its
    # participants, when an activity moves, are recounted: see reach._activities)
    places = _places(conn, (r["community_id"] for r in [*written, *replaced]))
    for row, sign in _signed(written, replaced):
        held, unit = row["held_on"], places[row["community_id"]][0]
        for key, period in _periods_containing(keys, held):
            sums.add(summary_period, key, (period_summary_key(period), unit), {"records": sign})
        month = f"{held:%Y-%m}"
        if month in keys.months:
            sums.add(summary_service, keys.months[month], (month, unit), {"activities": sign})


def _participants(conn, written, replaced, keys, sums):
    held = _activities_held(conn, {r["activity_id"] for r in [*written, *replaced]})
    members = _Members(conn, {r["member_id"] for r in [*written, *replaced]})
    for row, sign in _signed(written, replaced):
        day, unit = held[row["activity_id"]]
        hours = sign * row["hours"]
        month = f"{day:%Y-%m}"
        if month in keys.months:  # service_counts: where the activity was held
            counts = {"participations": sign, "hours": hours}
            sums.add(summary_service, keys.months[month], (month, unit), counts)
        home = members.home.get(row["member_id"])
        if home is None:
            continue
        for key, period in _periods_containing(keys, day):
            # service_hours: of in-service members registered at the period's end, at home
            if members.registered(row["member_id"], period.end):
                value = period_summary_key(period)
                sums.add(summary_period, key, (value, home), {"service_hours": hours})
    _newly_active(conn, written, replaced, keys, sums, held, members)


def _newly_active(conn, written, replaced, keys, sums, held, members):
    """member_counts' active_members: in-service members registered at the read day with
    a participation held in the 90 days up to it. A member counts once however often
    they served, so a new participation adds 1 at a day only where the member had none
    in the window before."""
    before = {(r["activity_id"], r["member_id"]) for r in replaced}
    new = [r for r in written if (r["activity_id"], r["member_id"]) not in before]
    days: dict[int, set[date]] = defaultdict(set)  # member -> read days a new row reaches
    for row in new:
        served = held[row["activity_id"]][0]
        days[row["member_id"]] |= {d for d in keys.days if served <= d < served + _ACTIVE}
    reached = set().union(*days.values())
    if not reached:
        return
    others = _served_days(
        conn,
        set(days),
        min(reached) - _ACTIVE,
        max(reached),
        {(r["activity_id"], r["member_id"]) for r in new},
    )
    for member, read_days in days.items():
        home = members.home.get(member)
        if home is None:
            continue
        for day in read_days:
            served_before = any(day - _ACTIVE < d <= day for d in others.get(member, ()))
            if not served_before and members.registered(member, day):
                sums.add(summary_day, keys.days[day], (day, home), {"active_members": 1})


def _served_days(conn, members, after, until, leaving_out) -> dict[int, list[date]]:
    """member -> days they served on in (after, until], but for the pairs left out."""
    found: dict[int, list[date]] = defaultdict(list)
    listed = sorted(members)
    for start in range(0, len(listed), _CHUNK):
        rows = conn.execute(
            select(
                activity_participant.c.member_id,
                activity_participant.c.activity_id,
                service_activity.c.held_on,
            )
            .join(service_activity, service_activity.c.id == activity_participant.c.activity_id)
            # by member only: with a range on held_on too, SQLite reads every activity
            # of the window (55 s on the city) instead of the few of these members
            .where(activity_participant.c.member_id.in_(listed[start : start + _CHUNK]))
        )
        for member, activity, day in rows:
            if after < day <= until and (activity, member) not in leaving_out:
                found[member].append(day)
    return found


def _activities_held(conn, activities: set[int]) -> dict[int, tuple[date, int]]:
    """activity id -> (its day, the base unit where it was held)."""
    base = group_column(org_unit, BASE)
    rows = conn.execute(
        select(service_activity.c.id, service_activity.c.held_on, base)
        .join(org_unit, org_unit.c.id == service_activity.c.community_id)
        .where(service_activity.c.id.in_(activities))
    )
    return {activity: (day, unit) for activity, day, unit in rows}


class _Members:
    """The in-service members among some, with their homes' base units and member
    registrations (reporting._is_registered)."""

    def __init__(self, conn: Connection, members: set[int]) -> None:
        base = group_column(org_unit, BASE)
        self.home: dict[int, int] = {}
        self.spans: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        listed = sorted(members)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start : start + _CHUNK]
            self.home.update(
                conn.execute(
                    select(party_member.c.id, base)
                    .join(org_unit, org_unit.c.id == party_member.c.residence_community_id)
                    .where(party_member.c.id.in_(chunk), party_member.c.in_service.is_(True))
                ).all()
            )
            for member, first, until in conn.execute(
                select(
                    registration.c.member_id,
                    registration.c.registered_on,
                    registration.c.revoked_on,
                ).where(registration.c.member_id.in_(chunk), registration.c.kind == "member")
            ):
                self.spans[member].append((first, until))

    def registered(self, member: int, day: date) -> bool:
        """common.active_on: registered on or before `day` and not revoked by then."""
        return any(
            first <= day and (until is None or until > day) for first, until in self.spans[member]
        )


_RULES = {
    resident_problem.name: _problems,
    list_item.name: _list_items,
    meeting.name: _meetings,
    service_activity.name: _activities,
    activity_participant.name: _participants,
}
