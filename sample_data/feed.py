"""A live feed for demonstrations and tests: new service activities (with their
participants), meetings, list items, resident problems and duty records, and progress on
open task nodes, written at a chosen rate and dated on the data's last day, so live views
have something to show.

    python -m sample_data.feed [--per-minute 60] [--minutes 30] [--database-url URL]

Each event is its own short transaction, as a reporting system would write it.
"""

import argparse
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import Connection, Engine, Table, and_, insert, or_, select, update

from data_access import clock
from data_access.dataset import data_end
from data_access.duty_records import MAX_ACTION, record_duty
from data_access.engine import make_engine
from data_access.schema import (
    activity_participant,
    duty_record,
    list_item,
    meeting,
    org_unit,
    party_member,
    party_org,
    registration,
    resident_problem,
    service_activity,
    task_node,
)
from data_access.summary.build import refresh_facts
from data_access.vocabulary import ACTIVITY_KINDS, LIST_TYPES, PROBLEM_SOURCES
from sample_data.work_texts import COMMUNITY_ACTIONS, RECORDERS, STREET_ACTIONS, rural

# share of each kind of event among those written; "node" (progress on an open node)
# only where there are open nodes
MIX = {
    "activity": 0.36,
    "meeting": 0.18,
    "list_item": 0.15,
    "problem": 0.15,
    "node": 0.08,
    "duty": 0.08,
}
COMMUNITY_MEETINGS = ["community_joint", "branch_committee", "party_lecture", "themed_day"]
ITEM_TITLES = ["为独居老人代购药品", "楼道照明维修", "儿童课后托管", "义诊进社区", "垃圾分类宣传"]


@dataclass
class Pools:
    """Where events can happen, read once when the feed starts."""

    communities: list[int]
    grids: dict[int, list[int]]  # community -> its grids
    members: dict[int, list[int]]  # community -> members registered there and in service
    orgs: dict[int, int]  # community -> its own party organisation
    streets: dict[int, int] = field(default_factory=dict)  # community -> its street
    rural: set[int] = field(default_factory=set)  # rural streets and villages
    nodes: list[int] = field(default_factory=list)  # open nodes of the day's month or before


def read_pools(conn: Connection, day: date) -> Pools:
    units = conn.execute(
        select(org_unit.c.id, org_unit.c.level, org_unit.c.parent_id, org_unit.c.area_kind).where(
            org_unit.c.level.in_(("street", "community", "grid"))
        )
    ).all()
    grids: dict[int, list[int]] = {}
    for unit in units:
        if unit.level == "grid":
            grids.setdefault(unit.parent_id, []).append(unit.id)
    in_force = and_(
        registration.c.registered_on <= day,
        or_(registration.c.revoked_on.is_(None), registration.c.revoked_on > day),
    )
    members: dict[int, list[int]] = {}
    for community, member in conn.execute(
        select(registration.c.community_id, registration.c.member_id)
        .join(party_member, party_member.c.id == registration.c.member_id)
        .where(in_force, party_member.c.in_service)
    ):
        members.setdefault(community, []).append(member)
    orgs = dict(
        conn.execute(
            select(party_org.c.community_id, party_org.c.id).where(
                party_org.c.org_type.in_(("community", "village"))
            )
        ).all()
    )
    nodes = conn.execute(
        select(task_node.c.id)
        .where(task_node.c.completed_on.is_(None), task_node.c.month <= f"{day:%Y-%m}")
        .order_by(task_node.c.id)
    ).scalars()
    return Pools(
        [u.id for u in units if u.level == "community"],
        grids,
        members,
        orgs,
        streets={u.id: u.parent_id for u in units if u.level == "community"},
        rural={u.id for u in units if u.area_kind == "rural" and u.level != "grid"},
        nodes=list(nodes),
    )


def write_event(conn: Connection, rng: np.random.Generator, pools: Pools, day: date) -> str:
    """Write one event in a random community, and refresh its summaries; returns its kind."""
    kinds = [k for k in MIX if k != "node" or pools.nodes]
    shares = np.array([MIX[k] for k in kinds])
    kind = rng.choice(kinds, p=shares / shares.sum())
    replaced: dict[Table, list[dict]] = {}
    community = int(rng.choice(pools.communities))
    grids = pools.grids.get(community, [])
    grid = int(rng.choice(grids)) if grids else None
    if kind == "activity":
        hours = float(rng.choice([1.0, 1.5, 2.0, 3.0, 4.0]))
        row = dict(
            community_id=community,
            grid_id=grid,
            organiser_org_id=pools.orgs.get(community),
            held_on=day,
            kind=str(rng.choice(list(ACTIVITY_KINDS))),
            hours=hours,
        )
        key = conn.execute(insert(service_activity).values(row)).inserted_primary_key
        if key is None:
            raise RuntimeError("the activity insert gave back no id")
        activity_id = key[0]
        registered = pools.members.get(community, [])
        taking_part = rng.choice(registered, size=min(len(registered), 8), replace=False)
        participants = [
            {"activity_id": activity_id, "member_id": int(m), "hours": hours} for m in taking_part
        ]
        if participants:
            conn.execute(insert(activity_participant), participants)
        changes = {service_activity: [row], activity_participant: participants}
    elif kind == "meeting":
        raised = int(rng.integers(0, 4))
        in_grid = grid is not None and rng.random() < 0.4
        row = dict(
            unit_id=grid if in_grid else community,
            meeting_type="party_group" if in_grid else str(rng.choice(COMMUNITY_MEETINGS)),
            held_on=day,
            attendance=int(rng.integers(5, 40)),
            issues_raised=raised,
            issues_resolved=int(rng.integers(0, raised + 1)),
        )
        conn.execute(insert(meeting).values(row))
        changes = {meeting: [row]}
    elif kind == "list_item":
        row = dict(
            community_id=community,
            list_type=str(rng.choice(list(LIST_TYPES))),
            title=str(rng.choice(ITEM_TITLES)),
            publisher_org_id=pools.orgs.get(community),
            published_on=day,
            due_on=day + timedelta(days=30),
        )
        conn.execute(insert(list_item).values(row))
        changes = {list_item: [row]}
    elif kind == "node":
        changes, replaced = _node_progress(conn, rng, pools, day)
    elif kind == "duty":
        changes = {duty_record: [_duty_record(conn, rng, pools, day, community)]}
    else:
        row = dict(
            community_id=community,
            grid_id=grid,
            source=str(rng.choice(list(PROBLEM_SOURCES))),
            raised_on=day,
        )
        conn.execute(insert(resident_problem).values(row))
        changes = {resident_problem: [row]}
    # no summary counts work tracking yet: refreshed all the same, should one come to
    refresh_facts(conn, changes, replaced)
    return str(kind)


def _node_progress(
    conn: Connection, rng: np.random.Generator, pools: Pools, day: date
) -> tuple[dict[Table, list[dict]], dict[Table, list[dict]]]:
    """Raise an open node's progress by a fifth to a half of its target (a node without
    a target value counts in per cent); a node that reaches it is completed on `day`.
    Returns the node as written and as it was."""
    node_id = int(rng.choice(pools.nodes))
    old = conn.execute(select(task_node).where(task_node.c.id == node_id)).one()._asdict()
    target = old["target_value"] or 100.0
    progress = min(
        target, (old["progress_value"] or 0.0) + max(1.0, round(target * rng.uniform(0.2, 0.5)))
    )
    values: dict[str, object] = {"progress_value": progress}
    if progress >= target:
        values["completed_on"] = day
        pools.nodes.remove(node_id)
    conn.execute(
        update(task_node)
        .where(task_node.c.id == node_id, task_node.c.completed_on.is_(None))
        .values(values)
    )
    # the owner records what was done (一事一记): the record is what live views see move
    action = f"推进节点：{old['target']}（{progress:g} / {target:g}）"[:MAX_ACTION]
    record_duty(
        conn,
        unit_id=old["responsible_unit_id"],
        day=day,
        action=action,
        recorded_by=old["owner_role"][:40],
        at=_recorded_at(day),
        node_id=node_id,
    )
    return {task_node: [old | values]}, {task_node: [old]}


def _duty_record(
    conn: Connection, rng: np.random.Generator, pools: Pools, day: date, community: int
) -> dict:
    """One duty record of the community or its street, recorded now on `day`'s date."""
    street = pools.streets.get(community)
    level = "street" if street is not None and rng.random() < 0.4 else "community"
    unit = street if level == "street" and street is not None else community
    actions = STREET_ACTIONS if level == "street" else COMMUNITY_ACTIONS
    action, role = str(rng.choice(actions)), str(rng.choice(RECORDERS[level]))
    if unit in pools.rural:
        action, role = rural(action), rural(role)
    at = _recorded_at(day)
    record = record_duty(conn, unit_id=unit, day=day, action=action, recorded_by=role, at=at)
    return dict(id=record, unit_id=unit, day=day, action=action, recorded_by=role, recorded_at=at)


def _recorded_at(day: date) -> datetime:
    """Now on the wall clock, on `day`'s date (the feed writes on the data's last day)."""
    now = clock.local(clock.now())
    return datetime.combine(day, now.time(), now.tzinfo).astimezone(UTC)


def feed(
    engine: Engine,
    *,
    count: int,
    per_minute: float | None = None,
    seed: int | None = None,
    on: date | None = None,
) -> dict[str, int]:
    """Write `count` events, `per_minute` of them a minute (all at once when None);
    returns how many of each kind were written."""
    rng = np.random.default_rng(seed)
    with engine.connect() as conn:
        day = on or data_end(conn)
        pools = read_pools(conn, day)
    written = dict.fromkeys(MIX, 0)
    for n in range(count):
        if per_minute and n:
            time.sleep(60 / per_minute)
        with engine.begin() as conn:
            written[write_event(conn, rng, pools, day)] += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sample_data.feed", description=__doc__)
    parser.add_argument("--per-minute", type=float, default=60.0)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--database-url", help="default: DATABASE_URL, or the embedded SQLite file")
    args = parser.parse_args(argv)
    count = max(1, round(args.per_minute * args.minutes))
    written = feed(
        make_engine(args.database_url), count=count, per_minute=args.per_minute, seed=args.seed
    )
    print("written:", ", ".join(f"{kind} {n}" for kind, n in written.items()), flush=True)


if __name__ == "__main__":
    main()
