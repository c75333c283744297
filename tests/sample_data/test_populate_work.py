"""Work tracking in the generated data (issue 19), read through the indicators, on the
tiny preset of test_populate.py: real values of its seed, on both backends."""

from datetime import date, timedelta

from sqlalchemy import func, select

from data_access import clock, schema
from data_access.indicators import work
from data_access.period import Period
from data_access.scope import scope_of_units
from sample_data.populate import populate
from sample_data.presets import DATA_END
from sample_data.work_texts import LEADERS, RECORDERS, rural
from tests.sample_data.test_populate import TINY

THE_DAY_AFTER = DATA_END + timedelta(days=1)
LAGGARD = ("C01D02S02", "云港街道")
LAST_TWICE = ("C01D04S02", "盛坊镇")


def city_scope(conn):
    city = conn.execute(
        select(schema.org_unit.c.id).where(schema.org_unit.c.level == "city")
    ).scalar_one()
    return scope_of_units(conn, [city])


def test_every_district_works_and_nodes_show_every_warning(empty_engine):
    populate(empty_engine, TINY)
    with empty_engine.connect() as conn:
        scope = city_scope(conn)
        nodes = work.nodes(conn, scope=scope, as_of=THE_DAY_AFTER)
        districts = work.on_schedule(conn, scope=scope, level="district", as_of=THE_DAY_AFTER)
        tasks = conn.execute(select(schema.work_task)).all()
        leading = conn.execute(
            select(func.count(func.distinct(schema.org_unit.c.district_id))).join(
                schema.work_task, schema.work_task.c.lead_unit_id == schema.org_unit.c.id
            )
        ).scalar()
    assert nodes["warning"].value_counts().to_dict() == {
        "done": 477,
        "green": 141,
        "late": 137,
        "red": 111,
        "amber": 12,  # November's 每月一调度 nodes, due on the 5th, reminded 5 days before
    }
    assert len(tasks) == 34 and leading == 6  # every district leads some
    assert districts["unit_code"].tolist() == [f"C01D0{k}" for k in range(1, 7)]
    assert (districts["nodes_due"] > 0).all()
    # the model district does its work, the laggard district least of all
    assert districts["on_schedule_rate"].round(3).tolist() == [
        0.896,
        0.358,
        0.628,
        0.617,
        0.672,
        0.794,
    ]
    assert {t.kind for t in tasks} == {"daily", "annual"}
    assert all(1 <= t.stars <= 5 and 1 <= t.points <= 10 for t in tasks)
    assert all(t.points >= 2 * t.stars - 1 for t in tasks)  # points rise with stars
    assert sum(t.public for t in tasks) == 22  # about half shown to the public
    # nothing is done, recorded or rectified after the data's last day
    assert max(d for d in nodes["completed_on"] if d is not None) <= DATA_END


def test_the_laggard_the_street_last_twice_and_the_silent(empty_engine):
    populate(empty_engine, TINY)
    q3 = Period.quarter(date(2026, 7, 1))
    with empty_engine.connect() as conn:
        scope = city_scope(conn)
        ranking = work.quarterly_ranking(conn, scope=scope, level="street", quarter=q3)
        streets = work.on_schedule(conn, scope=scope, level="street", as_of=THE_DAY_AFTER)
        silent = work.silent_units(conn, scope=scope, level="street", as_of=DATA_END, days=30)
        nodes = work.nodes(conn, scope=scope, as_of=THE_DAY_AFTER)
    last = ranking[ranking["last"]]
    assert list(zip(last["unit_code"], last["unit_name"], strict=True)) == [LAST_TWICE]
    assert last["last_twice"].tolist() == [True] and ranking["last_twice"].sum() == 1
    worst = streets.sort_values("on_schedule_rate").iloc[0]
    assert (worst["unit_code"], worst["unit_name"]) == LAGGARD
    assert (worst["nodes_due"], worst["on_schedule"], worst["overdue"]) == (64, 13, 29)
    judged = nodes[(nodes["unit_code"] == LAGGARD[0]) & (nodes["due_on"] < THE_DAY_AFTER)]
    # mostly late or open
    assert judged["warning"].value_counts().to_dict() == {"red": 29, "late": 22, "done": 13}
    assert silent["unit_code"].tolist() == ["C01D02S01", LAGGARD[0], "C01D06S01"]
    assert silent["last_day"].tolist() == [date(2026, 9, 21), date(2026, 9, 23), date(2026, 9, 2)]


def test_supervision_and_duty_records(empty_engine):
    populate(empty_engine, TINY)
    with empty_engine.connect() as conn:
        scope = city_scope(conn)
        loop = work.supervision(conn, scope=scope, level="total", as_of=DATA_END)
        by_month = work.duty_records_by_month(
            conn, scope=scope, level="total", period=Period(date(2026, 5, 1), date(2026, 10, 1))
        )
        records = conn.execute(select(schema.duty_record)).all()
        items = conn.execute(select(schema.supervision_item)).all()
        roles = conn.execute(
            select(schema.work_task.c.leader_role).union(select(schema.task_node.c.owner_role))
        ).scalars()
        latest = [
            conn.execute(select(func.max(column))).scalar()
            for column in (
                schema.task_node.c.verified_on,
                schema.supervision_item.c.raised_on,
                schema.supervision_item.c.rectified_on,
                schema.supervision_item.c.checked_on,
            )
        ]
    row = loop.iloc[0]
    counts = ["raised", "rectifying", "rectified", "checked", "failed", "overdue", "due"]
    assert row[counts].tolist() == [31, 6, 8, 17, 3, 4, 28]
    assert row["rectified_on_time"] == 19
    assert by_month["records"].tolist() == [127, 113, 110, 128, 96, 95]
    assert len(records) == 669 and max(r.day for r in records) == DATA_END
    assert sum(r.node_id is not None for r in records) == 102
    assert sum(r.supervision_id is not None for r in records) == 39
    assert all(day <= DATA_END for day in latest)
    assert {i.raised_at for i in items} == {"meeting", "inspection", "observation"}
    # roles, never names
    known = {r for level in LEADERS.values() for r in level} | {
        r for level in RECORDERS.values() for r in level
    }
    known |= {rural(r) for r in known}
    assert set(roles) <= known
    assert {r.recorded_by for r in records} <= known
    # recorded as it happened: the same day (a few the next), 08:00-22:00 Beijing time
    local = [clock.local(r.recorded_at) for r in records]
    assert all(8 <= t.hour < 22 for t in local)
    assert {(t.date() - r.day).days for t, r in zip(local, records, strict=True)} == {0, 1}
