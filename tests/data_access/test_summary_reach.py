"""A refresh rewrites only the summary keys the changed facts reach, and leaves them
matching the facts. Keys of the small city (data end 2026-04-30) are listed by hand."""

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import insert, select, update

from data_access.indicators.reporting import resident_problems
from data_access.schema import (
    activity_participant,
    grid_party_org,
    list_item,
    resident_problem,
    service_activity,
    summary_built,
    summary_day,
    worker,
)
from data_access.summary.build import refresh_facts
from tests.data_access.helpers import CITY, M1, M2, Q1_2026, scope
from tests.data_access.test_imports import HEADER, do_import
from tests.data_access.test_summary import PROBLEMS, assert_summaries_match_the_facts

RUNNING_YEAR = "period:2026@2026-04-30"
G3, G4 = 11, 12
ONE_DAY = timedelta(days=1)


def rewritten_by(engine, action) -> set[str]:
    """The summary keys that `action()` rewrote."""
    with engine.connect() as conn:
        before = dict(conn.execute(select(summary_built.c.key, summary_built.c.built_at)).all())
    action()
    with engine.connect() as conn:
        after = dict(conn.execute(select(summary_built.c.key, summary_built.c.built_at)).all())
    assert set(after) == set(before)
    return {key for key, at in after.items() if at != before[key]}


def rewritten(engine, change) -> set[str]:
    """The keys rewritten by `change(conn)`, which writes facts and refreshes in one
    transaction."""

    def action():
        with engine.begin() as conn:
            change(conn)

    return rewritten_by(engine, action)


def write(table, row: dict, *, old: dict | None = None):
    """A change that writes `row` (updating `old` when given) and refreshes, as an import does."""

    def change(conn):
        if old is None:
            conn.execute(insert(table).values(row))
        else:
            conn.execute(update(table).where(table.c.id == old["id"]).values(row))
        if old is None:
            refresh_facts(conn, {table: [row]})
        else:
            refresh_facts(conn, {table: [{**old, **row}]}, {table: [old]})

    return change


def test_correcting_a_problem_rewrites_only_the_periods_containing_its_raised_day(
    summarised_city,
):
    assert do_import(summarised_city, "problems", PROBLEMS.encode("gbk"), "问题.csv").ok
    corrected = f"{HEADER}\nWT001,M1,G1,热线,2026-02-10,2026-03-20\n".encode()
    keys = rewritten_by(
        summarised_city, lambda: do_import(summarised_city, "problems", corrected, "问题.csv")
    )
    assert keys == {"period:2026-02", "period:2026-Q1", RUNNING_YEAR}
    with summarised_city.connect() as conn:
        city = scope(summarised_city, CITY)
        kept = resident_problems(conn, scope=city, level="community", period=Q1_2026)
        raw = resident_problems(conn, scope=city, level="community", period=Q1_2026, raw=True)
    pd.testing.assert_frame_equal(kept, raw, check_dtype=False)


def problem(raised: date) -> dict:
    return dict(community_id=M1, source="hotline", raised_on=raised, resolved_on=None)


def test_a_problem_on_a_periods_first_and_last_day(summarised_city):
    first = rewritten(summarised_city, write(resident_problem, problem(date(2026, 1, 1))))
    assert first == {"period:2026-01", "period:2026-Q1", RUNNING_YEAR}
    last = rewritten(summarised_city, write(resident_problem, problem(date(2025, 12, 31))))
    assert last == {"period:2025-12", "period:2025-Q4", "period:2025"}


M04 = 4  # home M2, registered since 2025-06-01, last served 2025-12-20


def served(held_on: date):
    """A new activity in M1 on `held_on` with m04 taking part, refreshed as the feed does."""

    def change(conn):
        activity = dict(community_id=M1, held_on=held_on, kind="volunteer", hours=2.0)
        activity_id = conn.execute(insert(service_activity).values(activity)).inserted_primary_key
        taking_part = dict(activity_id=activity_id[0], member_id=M04, hours=2.0)
        conn.execute(insert(activity_participant).values(taking_part))
        refresh_facts(conn, {service_activity: [activity], activity_participant: [taking_part]})

    return change


def test_a_participant_counts_as_active_for_90_days_from_the_activity(summarised_city):
    flows = {"month:2026-01", "period:2026-01", "period:2026-Q1", RUNNING_YEAR}
    # m04 is active at 2026-01-31 and 02-28 already (2025-12-20 is within 90 days of
    # both). 2026-01-30 is the 91st day up to 2026-04-30, so it makes m04 active at
    # 03-31 only; 01-31 is the 90th, and m04, active at 03-31 now, turns active at 04-30.
    assert rewritten(summarised_city, served(date(2026, 1, 30))) == flows | {"day:2026-03-31"}
    assert rewritten(summarised_city, served(date(2026, 1, 31))) == flows | {"day:2026-04-30"}
    with summarised_city.connect() as conn:
        active = conn.execute(
            select(summary_day.c.day, summary_day.c.active_members).where(
                summary_day.c.unit_id == M2, summary_day.c.day >= date(2026, 1, 31)
            )
        ).all()
    assert sorted(active) == [
        (date(2026, 1, 31), 1),
        (date(2026, 2, 28), 1),
        (date(2026, 3, 31), 1),
        (date(2026, 4, 30), 1),
    ]
    assert_summaries_match_the_facts(summarised_city)


def test_an_overdue_item_reaches_the_periods_it_is_overdue_at(summarised_city):
    item = dict(
        community_id=M2,
        list_type="need",
        title="楼道照明维修",
        published_on=date(2026, 1, 5),
        due_on=date(2026, 2, 27),  # overdue at 2026-02-28
        completed_on=date(2026, 3, 31),  # not overdue at 2026-03-31
    )
    keys = rewritten(summarised_city, write(list_item, item))
    assert keys == {"period:2026-01", "period:2026-Q1", RUNNING_YEAR, "period:2026-02"}


def test_grid_organisations_and_workers_reach_the_days_they_are_in_force(summarised_city):
    branch = dict(grid_id=G3, kind="branch", set_up_on=date(2026, 3, 15), active=True)
    keys = rewritten(summarised_city, write(grid_party_org, branch))
    assert keys == {
        "day:2026-03-31",
        "day:2026-04-30",
        "period:2026-03",
        "period:2026-04",
        "period:2026-Q1",
        "period:2026-Q2@2026-04-30",
        RUNNING_YEAR,
    }
    # a member household covers no grid: nothing to rewrite
    household = dict(grid_id=G3, kind="member_household", set_up_on=date(2026, 3, 15), active=True)
    assert rewritten(summarised_city, write(grid_party_org, household)) == set()
    with summarised_city.connect() as conn:
        inactive = conn.execute(select(grid_party_org).where(grid_party_org.c.grid_id == G4))
        inactive = inactive.mappings().one()
        w2 = conn.execute(select(worker).where(worker.c.worker_code == "W2")).mappings().one()
    rewritten(summarised_city, write(grid_party_org, {"active": True}, old=dict(inactive)))
    # W2 stays in G1 until 2026-04-10 instead of leaving on 2026-02-01
    keys = rewritten(summarised_city, write(worker, {"ended_on": date(2026, 4, 10)}, old=dict(w2)))
    # the union of both windows: in post from 2025-01-01 to 2026-04-09, every month's end
    assert keys == {f"day:{date(2025 + m // 12, m % 12 + 1, 1) - ONE_DAY}" for m in range(1, 16)}
    recruit = dict(worker_code="CW13", role="community", unit_id=M2, started_on=date(2026, 3, 1))
    assert rewritten(summarised_city, write(worker, recruit)) == {
        "day:2026-03-31",
        "day:2026-04-30",
    }
    assert_summaries_match_the_facts(summarised_city)
