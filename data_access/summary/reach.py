"""Which summary rows a changed fact row feeds: the summary tables, the keys its dates
reach and the units it counts for, as the indicator queries define them.

Each rule below cites the condition it follows from. A key is a day (a stock read
on that day), a period (read at its end) or a month. A `Reach` says which keys:
those whose period or month contains a date (flows: "held in the period"), or
those whose last day falls in a window (stocks: "in force at the read day").
An update passes the row as it was and as it is: the union of both reaches covers
every key whose count can differ.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, Table, select

from data_access.indicators.coverage import COVERING_KINDS
from data_access.indicators.reporting import ACTIVE_WINDOW_DAYS
from data_access.period import Period
from data_access.schema import (
    activity_participant,
    grid_party_org,
    meeting,
    org_unit,
    party_member,
    registration,
    service_activity,
    summary_behind,
    summary_day,
    summary_district_problem,
    summary_gap,
    summary_list,
    summary_meeting,
    summary_period,
    summary_problem,
    summary_problem_month,
    summary_service,
    worker,
)


@dataclass(frozen=True)
class Part:
    """A summary table's rows, or the group of its columns `columns` that the same
    facts feed (the others are left as they are when only this group is recounted)."""

    table: Table
    columns: tuple[str, ...] = ()


# summary_period by the facts behind each group of columns: a problem recounts only
# its own two columns and the records, not the service hours of every member
HOURS = Part(summary_period, ("service_hours",))
RECORDS = Part(summary_period, ("records",))
CADENCE = Part(summary_period, ("units_due", "units_compliant", "units_amber", "units_red"))
LISTS = Part(summary_period, ("published", "claimed", "completed", "overdue"))
PROBLEMS = Part(summary_period, ("raised", "resolved"))

DAY = Part(summary_day)
GAP = Part(summary_gap)
SERVICE = Part(summary_service)
MEETING = Part(summary_meeting)
LIST = Part(summary_list)
PROBLEM = Part(summary_problem)
BEHIND_UNITS = Part(summary_behind)
DISTRICT_PROBLEM = Part(summary_district_problem)
PROBLEM_MONTH = Part(summary_problem_month)

DAY_PARTS = frozenset({DAY, GAP})
PERIOD_PARTS = frozenset(
    {
        HOURS,
        RECORDS,
        CADENCE,
        LISTS,
        PROBLEMS,
        LIST,
        PROBLEM,
        BEHIND_UNITS,
        DISTRICT_PROBLEM,
        PROBLEM_MONTH,
    }
)
MONTH_PARTS = frozenset({SERVICE, MEETING})
# held as (the grids covered) and by (cadence holders: grids with a branch) at the read day
COVERAGE_PARTS = frozenset({DAY, GAP, CADENCE, BEHIND_UNITS})


@dataclass(frozen=True)
class Reach:
    """The keys of `parts` that a fact row's count reaches.

    kind "within": periods and months containing `first` (days are never "within").
    kind "window": days, periods and months whose last day is in [first, until)
    (until None: no end). kind "always": every key.
    """

    parts: frozenset[Part]
    kind: str
    first: date = date.min
    until: date | None = None

    def reaches(self, held: date | Period) -> bool:
        """Whether the key holding `held` (a day, or a period: a month as Period.month)."""
        if self.kind == "always":
            return True
        if self.kind == "within":
            return isinstance(held, Period) and held.start <= self.first <= held.end
        last = held.end if isinstance(held, Period) else held
        return self.first <= last and (self.until is None or last < self.until)


def reaches_of(conn: Connection, table: Table, rows: list[Mapping]) -> dict[Reach, set[int]]:
    """For fact rows of `table` (as written and as they were): each Reach with the units
    (of any level) whose base units' summary rows it changes."""
    found: dict[Reach, set[int]] = defaultdict(set)
    for reach, unit in _RULES.get(table.name, _nothing)(conn, rows):
        if unit is not None:
            found[reach].add(unit)
    return found


def _nothing(conn: Connection, rows: list[Mapping]) -> Iterable:
    """party_org (and any table no indicator reads): no summary counts it."""
    return ()


def _meetings(conn, rows):
    # cadence_status: held_on in the period (its records and tallies are sums: additions)
    parts = frozenset({CADENCE, BEHIND_UNITS})
    for row in rows:
        yield Reach(parts, "within", row["held_on"]), row["unit_id"]


_ACTIVE = timedelta(days=ACTIVE_WINDOW_DAYS)


def _activities(conn, rows):
    # An activity's own counts are sums (additions); its participants count where it was
    # held and at their homes on its day, so an activity that moves recounts them (a new
    # one has none yet).
    ids = {row["id"] for row in rows if row.get("id") is not None}
    if not ids:
        return
    homes = conn.execute(
        select(activity_participant.c.activity_id, party_member.c.residence_community_id)
        .join(party_member, party_member.c.id == activity_participant.c.member_id)
        .where(activity_participant.c.activity_id.in_(ids))
        .distinct()
    ).all()
    at_home = defaultdict(set)
    for activity, home in homes:
        at_home[activity].add(home)
    for row in rows:
        held_on, served_at = row["held_on"], at_home.get(row.get("id"), ())
        if served_at:  # service_counts: participations and hours where it was held
            yield Reach(frozenset({SERVICE}), "within", held_on), row["community_id"]
        # service_hours over periods containing it; active_members on the 90 days from it
        # (member_counts: held_on > day - 90 and held_on <= day)
        for reach in (
            Reach(frozenset({HOURS}), "within", held_on),
            Reach(frozenset({DAY}), "window", held_on, held_on + _ACTIVE),
        ):
            for home in served_at:
                yield reach, home


def _homes(conn: Connection, rows: list[Mapping]) -> dict[int, int]:
    """member id -> residence community of the members the rows name."""
    members = {row["member_id"] for row in rows if row.get("member_id") is not None}
    return dict(
        conn.execute(
            select(party_member.c.id, party_member.c.residence_community_id).where(
                party_member.c.id.in_(members)
            )
        ).all()
    )


def _registrations(conn, rows):
    # active_on(registered_on, revoked_on, day): in force on days in [registered_on, revoked_on)
    homes = _homes(conn, rows)
    for row in rows:
        first, until = row["registered_on"], row.get("revoked_on")
        if row["kind"] == "org":  # registered_orgs, where it registered
            yield Reach(frozenset({DAY}), "window", first, until), row["community_id"]
        else:  # member_counts at the day, service_hours registered at the period's end
            parts = frozenset({DAY, HOURS})
            yield Reach(parts, "window", first, until), homes.get(row.get("member_id"))


def _grid_party_orgs(conn, rows):
    # grid_is_covered: an active covering kind set up on or before the read day
    for row in rows:
        if row["kind"] in COVERING_KINDS and row["active"]:
            yield Reach(COVERAGE_PARTS, "window", row["set_up_on"]), row["grid_id"]


def _workers(conn, rows):
    # active_on(started_on, ended_on, day); community workers show only in summary_day
    for row in rows:
        parts = DAY_PARTS if row["role"] == "grid" else frozenset({DAY})
        yield Reach(parts, "window", row["started_on"], row.get("ended_on")), row["unit_id"]


def _members(conn, rows):
    # a member's home or being in service changes every count of it, every day and period
    for row in rows:
        reach = Reach(frozenset({DAY, HOURS}), "always")
        yield reach, row["residence_community_id"]


def _units(conn, rows):
    # a unit added, renamed, moved or resized: every summary of its subtree and its parent's
    everything = Reach(DAY_PARTS | PERIOD_PARTS | MONTH_PARTS, "always")
    for row in rows:
        yield everything, row.get("id")
        yield everything, row.get("parent_id")


_RULES = {
    meeting.name: _meetings,
    service_activity.name: _activities,
    registration.name: _registrations,
    grid_party_org.name: _grid_party_orgs,
    worker.name: _workers,
    party_member.name: _members,
    org_unit.name: _units,
}
