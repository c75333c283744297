"""Double reporting (双报到): registrations, activity, service hours, the three
lists and resident problems."""

from datetime import timedelta

import pandas as pd
from sqlalchemy import Connection, and_, case, exists, func, or_, select

from data_access.indicators.common import active_on, group_column, ratio, with_units
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
)
from data_access.scope import Scope

# A registered member is "active" with a service activity in this many days up to the read date.
ACTIVE_WINDOW_DAYS = 90


def double_reporting(conn: Connection, *, scope: Scope, level: str, period: Period) -> pd.DataFrame:
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

    Columns: unit_id, unit_code, unit_name, parent_id, in_service_members,
    registered_members, reporting_rate, active_members, active_rate,
    service_hours, hours_per_member, registered_orgs.
    """
    home = org_unit.alias("home")
    unit = group_column(home, level)
    day = period.end
    member_home = party_member.join(home, party_member.c.residence_community_id == home.c.id)
    in_scope = scope.covers(home.c.path)
    is_registered = exists().where(
        registration.c.member_id == party_member.c.id,
        registration.c.kind == "member",
        active_on(registration.c.registered_on, registration.c.revoked_on, day),
    )
    served_recently = exists().where(
        activity_participant.c.member_id == party_member.c.id,
        activity_participant.c.activity_id == service_activity.c.id,
        service_activity.c.held_on > day - timedelta(days=ACTIVE_WINDOW_DAYS),
        service_activity.c.held_on <= day,
    )
    members = (
        select(
            unit.label("unit_id"),
            func.count().label("in_service_members"),
            func.sum(case((is_registered, 1), else_=0)).label("registered_members"),
            func.sum(case((and_(is_registered, served_recently), 1), else_=0)).label(
                "active_members"
            ),
        )
        .select_from(member_home)
        .where(party_member.c.in_service.is_(True), in_scope)
        .group_by(unit)
    )
    hours = (
        select(unit.label("unit_id"), func.sum(activity_participant.c.hours).label("service_hours"))
        .select_from(
            activity_participant.join(
                service_activity, activity_participant.c.activity_id == service_activity.c.id
            )
            .join(party_member, activity_participant.c.member_id == party_member.c.id)
            .join(home, party_member.c.residence_community_id == home.c.id)
        )
        .where(
            in_scope,
            party_member.c.in_service.is_(True),
            is_registered,
            service_activity.c.held_on.between(period.start, period.end),
        )
        .group_by(unit)
    )
    orgs = (
        select(unit.label("unit_id"), func.count().label("registered_orgs"))
        .select_from(registration.join(home, registration.c.community_id == home.c.id))
        .where(
            registration.c.kind == "org",
            active_on(registration.c.registered_on, registration.c.revoked_on, day),
            in_scope,
        )
        .group_by(unit)
    )
    frame = with_units(conn, scope=scope, level=level, parts=[members, hours, orgs])
    frame["reporting_rate"] = ratio(frame["registered_members"], frame["in_service_members"])
    frame["active_rate"] = ratio(frame["active_members"], frame["registered_members"])
    frame["hours_per_member"] = ratio(frame["service_hours"], frame["registered_members"])
    return frame


def three_lists(
    conn: Connection, *, scope: Scope, level: str, period: Period, list_types: tuple[str, ...] = ()
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
    counts = (
        select(
            unit.label("unit_id"),
            func.sum(case((published_in_period, 1), else_=0)).label("published"),
            func.sum(case((claimed, 1), else_=0)).label("claimed"),
            func.sum(case((completed, 1), else_=0)).label("completed"),
            func.sum(case((overdue, 1), else_=0)).label("overdue"),
        )
        .select_from(list_item.join(community, list_item.c.community_id == community.c.id))
        .where(*conditions, list_item.c.published_on <= day)
        .group_by(unit)
    )
    frame = with_units(conn, scope=scope, level=level, parts=[counts])
    frame["claim_rate"] = ratio(frame["claimed"], frame["published"])
    frame["completion_rate"] = ratio(frame["completed"], frame["claimed"])
    return frame


def resident_problems(
    conn: Connection, *, scope: Scope, level: str, period: Period, sources: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Resident problems raised in the period, by unit at `level`; `sources` narrows.

    - resolution_rate = resolved / raised, where resolved counts problems
      raised in the period and resolved by `period.end`;
    - median_days: median days from raised to resolved, over those resolved.

    Columns: unit_id, unit_code, unit_name, parent_id, raised, resolved,
    resolution_rate, median_days.
    """
    community = org_unit.alias("community")
    unit = group_column(community, level)
    conditions = [
        scope.covers(community.c.path),
        resident_problem.c.raised_on.between(period.start, period.end),
    ]
    if sources:
        conditions.append(resident_problem.c.source.in_(sources))
    problems = resident_problem.join(community, resident_problem.c.community_id == community.c.id)
    resolved = resident_problem.c.resolved_on <= period.end
    counts = (
        select(
            unit.label("unit_id"),
            func.count().label("raised"),
            func.sum(case((resolved, 1), else_=0)).label("resolved"),
        )
        .select_from(problems)
        .where(*conditions)
        .group_by(unit)
    )
    frame = with_units(conn, scope=scope, level=level, parts=[counts])
    frame["resolution_rate"] = ratio(frame["resolved"], frame["raised"])
    # A median is not portable SQL (SQLite has none): fetch the resolved
    # problems' two dates, one narrow row each, and take it here.
    spans = fetch(
        conn,
        select(unit.label("unit_id"), resident_problem.c.raised_on, resident_problem.c.resolved_on)
        .select_from(problems)
        .where(*conditions, resolved),
    )
    days = (pd.to_datetime(spans["resolved_on"]) - pd.to_datetime(spans["raised_on"])).dt.days
    medians = days.groupby(spans["unit_id"]).median().rename("median_days")
    frame = frame.merge(medians, left_on="unit_id", right_index=True, how="left")
    frame["median_days"] = frame["median_days"].astype("float64")
    return frame
