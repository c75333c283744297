"""The live feeder on the small city: it writes what it says, on the data's last day,
in real communities, and the freshness stamp and 'added since' see exactly that."""

from datetime import date

from sqlalchemy import func, select

from data_access.freshness import added_since, data_stamp
from data_access.schema import (
    activity_participant,
    list_item,
    meeting,
    org_unit,
    registration,
    resident_problem,
    service_activity,
)
from data_access.scope import Scope
from sample_data.feed import feed, main
from tests.data_access.helpers import D1, scope

LAST_DAY = date(2026, 4, 30)  # the small city's data_end
TABLES = {
    "activity": service_activity,
    "meeting": meeting,
    "list_item": list_item,
    "problem": resident_problem,
}


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            kind: conn.execute(select(func.count()).select_from(t)).scalar()
            for kind, t in TABLES.items()
        }


def test_the_feed_writes_each_event_it_reports_on_the_last_day(city):
    before, stamp_before = counts(city), None
    with city.connect() as conn:
        stamp_before = data_stamp(conn)
    written = feed(city, count=40, seed=7)
    assert sum(written.values()) == 40 and all(written.values())
    after = counts(city)
    assert {kind: after[kind] - before[kind] for kind in TABLES} == written
    with city.connect() as conn:
        for table in TABLES.values():
            day_column = table.c.get(
                "held_on", table.c.get("published_on", table.c.get("raised_on"))
            )
            new = select(day_column).where(table.c.id > stamp_before.of(table))
            assert set(conn.execute(new).scalars()) == {LAST_DAY}
        # everything happened in a community (or one of its grids)
        levels = conn.execute(
            select(org_unit.c.level)
            .join(meeting, meeting.c.unit_id == org_unit.c.id)
            .where(meeting.c.id > stamp_before.of(meeting))
        ).scalars()
        assert set(levels) <= {"community", "grid"}
        # participants are members registered, in force, in the activity's community
        joined = conn.execute(
            select(activity_participant.c.member_id, service_activity.c.community_id)
            .join(service_activity, service_activity.c.id == activity_participant.c.activity_id)
            .where(service_activity.c.id > stamp_before.of(service_activity))
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
