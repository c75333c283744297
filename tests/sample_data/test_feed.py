"""The live feeder on the small city: it writes what it says, on the data's last day,
in real communities, and the freshness stamp and 'added since' see exactly that."""

from datetime import date

from sqlalchemy import func, select

from data_access.freshness import added_since, data_stamp
from data_access.indicators.work import nodes
from data_access.schema import (
    activity_participant,
    duty_record,
    list_item,
    meeting,
    org_unit,
    registration,
    resident_problem,
    service_activity,
    task_node,
)
from data_access.scope import Scope
from sample_data import feed as feed_module
from sample_data.feed import feed, main
from tests.data_access.helpers import D1, scope

LAST_DAY = date(2026, 4, 30)  # the small city's data_end
TABLES = {
    "activity": service_activity,
    "meeting": meeting,
    "list_item": list_item,
    "problem": resident_problem,
    "duty": duty_record,
}


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            kind: conn.execute(select(func.count()).select_from(t)).scalar()
            for kind, t in TABLES.items()
        }


def open_nodes(engine) -> dict[int, tuple]:
    """Nodes 3 and 5: (progress_value, completed_on)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(task_node.c.id, task_node.c.progress_value, task_node.c.completed_on).where(
                task_node.c.id.in_((3, 5))
            )
        ).all()
    return {row.id: (row.progress_value, row.completed_on) for row in rows}


def top_ids(engine) -> dict:
    with engine.connect() as conn:
        return {
            t: conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar()
            for t in TABLES.values()
        }


def test_the_feed_writes_each_event_it_reports_on_the_last_day(works):
    city = works
    before, tops = counts(city), top_ids(city)
    written = feed(city, count=40, seed=7)
    assert sum(written.values()) == 40 and all(written.values())
    after = counts(city)
    # a node's progress is an update, reported by a new duty record; every other event
    # one new row
    expected = {kind: n for kind, n in written.items() if kind != "node"}
    expected["duty"] += written["node"]
    assert {kind: after[kind] - before[kind] for kind in TABLES} == expected
    with city.connect() as conn:
        for table in TABLES.values():
            day_column = table.c.get(
                "held_on",
                table.c.get("published_on", table.c.get("raised_on", table.c.get("day"))),
            )
            new = select(day_column).where(table.c.id > tops[table])
            assert set(conn.execute(new).scalars()) == {LAST_DAY}
        # everything happened in a community (or one of its grids); duties in a community
        # or its street
        levels = conn.execute(
            select(org_unit.c.level)
            .join(meeting, meeting.c.unit_id == org_unit.c.id)
            .where(meeting.c.id > tops[meeting])
        ).scalars()
        assert set(levels) <= {"community", "grid"}
        levels = conn.execute(
            select(org_unit.c.level)
            .join(duty_record, duty_record.c.unit_id == org_unit.c.id)
            .where(duty_record.c.id > tops[duty_record])
        ).scalars()
        assert set(levels) <= {"community", "street"}
        # participants are members registered, in force, in the activity's community
        joined = conn.execute(
            select(activity_participant.c.member_id, service_activity.c.community_id)
            .join(service_activity, service_activity.c.id == activity_participant.c.activity_id)
            .where(service_activity.c.id > tops[service_activity])
        ).all()
        registered = set(
            conn.execute(
                select(registration.c.member_id, registration.c.community_id).where(
                    registration.c.registered_on <= LAST_DAY, registration.c.revoked_on.is_(None)
                )
            ).all()
        )
        assert joined and set(joined) <= registered


def test_the_stamp_moves_and_added_since_counts_within_the_scope(city):
    with city.connect() as conn:
        start = data_stamp(conn)
        assert data_stamp(conn) == start  # nothing added, nothing moves
    written = feed(city, count=25, seed=3)
    with city.connect() as conn:
        assert data_stamp(conn) != start
        everywhere = added_since(conn, scope=Scope(("/",)), since=start)
        in_d1 = added_since(conn, scope=scope(city, D1), since=start)
    assert everywhere == {
        "activities": written["activity"],
        "meetings": written["meeting"],
        "list_items": written["list_item"],
        "problems": written["problem"],
    }
    assert all(in_d1[k] <= everywhere[k] for k in everywhere)
    assert sum(in_d1.values()) < sum(everywhere.values())  # D2 got some too (seeded)


def test_the_command_line_writes_at_its_rate(city, capsys):
    url = city.url.render_as_string(hide_password=False)
    before = sum(counts(city).values())
    main(["--per-minute", "600", "--minutes", "0.01", "--seed", "1", "--database-url", url])
    assert sum(counts(city).values()) == before + 6
    assert capsys.readouterr().out.startswith("written: activity ")


def test_node_progress_raises_then_completes_open_nodes(works, monkeypatch):
    monkeypatch.setattr(feed_module, "MIX", {"node": 0.5, "duty": 0.5})
    assert open_nodes(works) == {3: (None, None), 5: (None, None)}
    duties = counts(works)["duty"]
    first = feed(works, count=3, seed=5)
    assert first == {"node": 2, "duty": 1}
    # no target value: progress counts in per cent, a fifth to a half at a time
    assert open_nodes(works) == {3: (40.0, None), 5: (21.0, None)}
    rest = feed(works, count=30, seed=6)
    # once both are done there is no open node left: only duty records follow
    assert open_nodes(works) == {3: (100.0, LAST_DAY), 5: (100.0, LAST_DAY)}
    # each step of progress is reported by a duty record linked to its node
    events = first["duty"] + rest["duty"] + first["node"] + rest.get("node", 0)
    assert counts(works)["duty"] == duties + events
    with works.connect() as conn:
        reported = conn.execute(
            select(duty_record.c.node_id, duty_record.c.action).where(
                duty_record.c.node_id.is_not(None)
            )
        ).all()
    assert len(reported) == first["node"] + rest.get("node", 0)
    assert {node for node, _ in reported} == {3, 5}
    assert ("推进节点：节点3（40 / 100）") in {action for _, action in reported}
    with works.connect() as conn:
        warnings = nodes(conn, scope=Scope(("/",)), as_of=LAST_DAY).set_index("node_id")
    assert warnings.loc[[3, 5], "warning"].tolist() == ["late", "late"]  # due in March
