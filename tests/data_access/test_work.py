"""Work tracking indicators on the hand-checked tasks of tests/work_city.py, both backends."""

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from data_access.duty_records import DutyRecordError, duty_records, record_duty
from data_access.indicators import work
from data_access.indicators.work import PointsRule, WarningRule
from data_access.period import Period
from data_access.schema import task_node
from tests.data_access.helpers import CITY, D1, D2, Q1_2026, by_code, run, scope

Q4_2025 = Period(date(2025, 10, 1), date(2025, 12, 1))
ON = date(2026, 3, 25)
NEXT = date(2026, 3, 26)


def warnings(engine, as_of: date, rule: WarningRule | None = None, unit: int = CITY):
    rule = rule or WarningRule()
    frame = run(engine, work.nodes, scope=scope(engine, unit), as_of=as_of, rule=rule)
    return dict(zip(frame["node_id"], frame["warning"], strict=True))


def test_node_warnings_on_a_day(works):
    assert warnings(works, ON) == {
        1: "done",
        2: "late",
        3: "green",  # its reminder starts on 03-26
        4: "done",  # done on its due day
        5: "amber",  # due today, reminder from 03-22: not overdue yet
        6: "done",
        7: "done",
    }


@pytest.mark.parametrize(
    ("as_of", "node", "expected"),
    [
        (date(2026, 3, 25), 3, "green"),  # the day before its reminder
        (date(2026, 3, 26), 3, "amber"),  # the reminder's first day (due 03-31, 5 days)
        (date(2026, 3, 31), 3, "amber"),  # its due day
        (date(2026, 4, 1), 3, "red"),  # the day after
        (date(2026, 3, 21), 5, "green"),
        (date(2026, 3, 22), 5, "amber"),  # due 03-25, 3 days
        (date(2026, 3, 26), 5, "red"),
        (date(2026, 3, 19), 4, "amber"),  # done on 03-20: not yet done on the 19th
        (date(2026, 3, 1), 2, "red"),  # done late on 03-02: overdue the day before
        (date(2026, 3, 2), 2, "late"),
    ],
)
def test_warning_boundaries(works, as_of, node, expected):
    assert warnings(works, as_of)[node] == expected


def test_a_rule_of_its_own_replaces_the_tasks_reminders(works):
    # 10 days before: node 3 (due 03-31) is amber from 03-21, node 5 (due 03-25) from 03-15
    rule = WarningRule(remind_days=10)
    assert warnings(works, date(2026, 3, 20), rule)[3] == "green"
    assert warnings(works, date(2026, 3, 21), rule)[3] == "amber"
    assert warnings(works, date(2026, 3, 15), rule)[5] == "amber"
    assert warnings(works, date(2026, 3, 14), rule)[5] == "green"


def test_nodes_come_worst_first(works):
    frame = run(works, work.nodes, scope=scope(works, CITY), as_of=date(2026, 3, 26))
    assert frame["node_id"].tolist() == [5, 3, 2, 6, 7, 1, 4]
    row = frame.iloc[0]
    assert (row["task_code"], row["unit_code"], row["remind_on"]) == ("T2", "S2", date(2026, 3, 22))
    assert frame.set_index("node_id").loc[3, "completed_on"] is None


def test_a_district_user_sees_only_its_own_nodes(works):
    assert sorted(warnings(works, ON, unit=D1)) == [1, 2, 3, 6]
    assert sorted(warnings(works, ON, unit=D2)) == [4, 5, 7]


def test_task_warnings_take_the_worst_node(works):
    nodes = run(works, work.nodes, scope=scope(works, CITY), as_of=ON)
    tasks = work.task_warnings(nodes).set_index("task_code")
    assert tasks[["nodes", "done", "overdue", "warning"]].to_dict("index") == {
        "T1": {"nodes": 3, "done": 2, "overdue": 0, "warning": "green"},
        "T2": {"nodes": 2, "done": 1, "overdue": 0, "warning": "amber"},
        "T3": {"nodes": 2, "done": 2, "overdue": 0, "warning": "done"},
    }
    # a day later N5 (due 03-25) is overdue, and T2 red
    later = work.task_warnings(run(works, work.nodes, scope=scope(works, CITY), as_of=NEXT))
    assert later.set_index("task_code").loc["T2", ["overdue", "warning"]].tolist() == [1, "red"]


def test_on_schedule_rate_by_district(works):
    frame = run(works, work.on_schedule, scope=scope(works, CITY), level="district", as_of=ON)
    rows = by_code(frame)
    # D1: due N1, N2, N6 (N3 not yet), on schedule N1, N6; D2: due N4, N7 (N5 due today)
    assert {c: (r["nodes_due"], r["on_schedule"], r["overdue"]) for c, r in rows.items()} == {
        "D1": (3, 2, 0),
        "D2": (2, 2, 0),
    }
    assert rows["D1"]["on_schedule_rate"] == pytest.approx(2 / 3)
    assert rows["D2"]["on_schedule_rate"] == 1.0


def test_a_node_due_yesterday_and_not_done_is_overdue(works):
    frame = run(
        works, work.on_schedule, scope=scope(works, CITY), level="total", as_of=date(2026, 3, 26)
    )
    # N1 N2 N4 N5 N6 N7 due; N1 N4 N6 N7 on schedule; N5 overdue
    assert frame.loc[0, ["nodes_due", "on_schedule", "overdue"]].tolist() == [6, 4, 1]
    assert frame.loc[0, "on_schedule_rate"] == pytest.approx(4 / 6)


def test_nothing_due_is_not_expected_not_zero(works):
    frame = run(
        works, work.on_schedule, scope=scope(works, CITY), level="total", as_of=date(2025, 11, 1)
    )
    assert frame.loc[0, "nodes_due"] == 0
    assert pd.isna(frame.loc[0, "on_schedule_rate"])


def test_points_share_a_tasks_points_among_each_units_nodes(works):
    frame = run(works, work.points, scope=scope(works, CITY), level="community", period=Q1_2026)
    rows = by_code(frame)
    # M1: N1 on schedule, half of T1's 8 (M1 holds N1 and N3); M2: N2 late, 0;
    # M3: N4, all of T2's 3 (its only node of T2; N5 is a street's)
    assert {c: round(r["earned"], 4) for c, r in rows.items()} == {
        "M1": 4.0,
        "M2": 0.0,
        "M3": 3.0,
    }
    assert frame["unit_code"].tolist() == ["M1", "M3", "M2"]
    assert {c: r["rank"] for c, r in rows.items()} == {"M1": 1, "M3": 2, "M2": 3}
    # three units, each in the default rule's first and last five: M1 is nearer the top,
    # M2 the bottom, M3 is in the middle
    assert {c: r["adjustment"] for c, r in rows.items()} == {"M1": 10, "M3": 0, "M2": -10}
    assert {c: r["last"] for c, r in rows.items()} == {"M1": False, "M3": False, "M2": True}


def test_points_rule_first_and_last(works):
    rule = PointsRule(top=(10,), bottom=(7,))
    frame = run(
        works,
        work.points,
        scope=scope(works, CITY),
        level="community",
        period=Q1_2026,
        rule=rule,
    )
    assert dict(zip(frame["unit_code"], frame["adjustment"], strict=True)) == {
        "M1": 10,
        "M3": 0,
        "M2": -7,
    }


@pytest.mark.parametrize(
    ("values", "ranks", "adjustments", "last"),
    [
        ([5.0, 5.0, 1.0], [1, 1, 3], [10, 10, -10], [False, False, True]),
        ([5.0, 1.0, 1.0], [1, 2, 2], [10, -10, -10], [False, True, True]),
        ([3.0, 2.0, 1.0, 0.0], [1, 2, 3, 4], [10, 6, -6, -10], [False, False, False, True]),
        ([4.0, 3.0, 2.0, 1.0, 0.0], [1, 2, 3, 4, 5], [10, 6, 0, -6, -10], [False] * 4 + [True]),
        ([0.0, 0.0, 0.0], [1, 1, 1], [0, 0, 0], [False, False, False]),  # all tied
    ],
)
def test_ranking_ties(values, ranks, adjustments, last):
    frame = pd.DataFrame({"unit_code": [f"U{i}" for i in range(len(values))], "v": values})
    out = work.ranked(frame, value="v", rule=PointsRule(top=(10, 6), bottom=(10, 6)))
    out = out.set_index("unit_code").loc[frame["unit_code"]]
    assert out["rank"].tolist() == ranks
    assert out["adjustment"].tolist() == adjustments
    assert out["last"].tolist() == last


def test_last_two_quarters_running(works):
    frame = run(
        works,
        work.quarterly_ranking,
        scope=scope(works, CITY),
        level="community",
        quarter=Q1_2026,
    )
    rows = by_code(frame)
    # Q4 2025: M1 2 (N6), M3 2 (N7), M2 0: M2 last then and now
    assert {c: (r["last"], r["last_before"], r["last_twice"]) for c, r in rows.items()} == {
        "M1": (False, False, False),
        "M2": (True, True, True),
        "M3": (False, False, False),
    }


def test_supervision_loop(works):
    frame = run(works, work.supervision, scope=scope(works, CITY), level="total", as_of=ON)
    row = frame.iloc[0]
    counted = [
        "raised",
        "rectifying",
        "rectified",
        "checked",
        "failed",
        "overdue",
        "due",
        "rectified_on_time",
    ]
    # SV5 is raised after the day read; SV1, SV6 checked (SV6 failed); SV2 rectified late
    assert row[counted].tolist() == [5, 2, 1, 2, 1, 1, 4, 2]
    assert row["rectification_rate"] == pytest.approx(3 / 5)
    assert row["on_time_rate"] == pytest.approx(2 / 4)


@pytest.mark.parametrize(("as_of", "overdue"), [(date(2026, 3, 15), 0), (date(2026, 3, 16), 1)])
def test_an_item_is_overdue_the_day_after_its_due_day(works, as_of, overdue):
    frame = run(works, work.supervision, scope=scope(works, CITY), level="community", as_of=as_of)
    assert by_code(frame)["M3"]["overdue"] == overdue


def test_duty_records_by_month(works):
    frame = run(
        works,
        work.duty_records_by_month,
        scope=scope(works, CITY),
        level="community",
        period=Q1_2026,
    )
    assert list(frame[["unit_code", "month", "records"]].itertuples(index=False, name=None)) == [
        ("M1", "2026-02", 1),
        ("M1", "2026-03", 2),
        ("M2", "2026-01", 1),
    ]


@pytest.mark.parametrize(("days", "silent"), [(15, ["M1", "M2", "M3"]), (16, ["M2", "M3"])])
def test_units_with_no_record_for_n_days(works, days, silent):
    # M1's last record is on 03-10: 16 days up to 03-25 reach it, 15 do not
    frame = run(
        works,
        work.silent_units,
        scope=scope(works, CITY),
        level="community",
        as_of=ON,
        days=days,
    )
    assert frame["unit_code"].tolist() == silent
    last = dict(zip(frame["unit_code"], frame["last_day"], strict=True))
    assert last["M3"] is None and last["M2"] == date(2026, 1, 20)


def test_a_correction_is_a_new_record_of_the_same_unit(works):
    at = datetime(2026, 3, 11, tzinfo=UTC)
    with works.begin() as conn:
        with pytest.raises(DutyRecordError, match="不属于该单位"):
            record_duty(
                conn, unit_id=7, day=ON, action="更正", recorded_by="x", at=at, corrects_id=2
            )
        with pytest.raises(DutyRecordError, match="不能为空"):
            record_duty(conn, unit_id=6, day=ON, action="  ", recorded_by="x", at=at)
        new = record_duty(
            conn, unit_id=6, day=ON, action="再次更正", recorded_by="x", at=at, corrects_id=2
        )
    assert new == 5


@pytest.mark.parametrize(
    ("period", "day"),
    [
        (Q1_2026, date(2026, 4, 1)),  # finished: the day after, so 03-31's nodes are judged
        (Q1_2026.to_date(date(2026, 3, 20)), date(2026, 3, 20)),  # running: its last day known
    ],
)
def test_reading_day(period, day):
    assert work.reading_day(period) == day


def test_supervision_items_each_in_its_state(works):
    frame = run(works, work.supervision_items, scope=scope(works, CITY), as_of=ON)
    # SV5 is raised after the day read; overdue first, then by due day
    assert list(zip(frame["code"], frame["state"], strict=True)) == [
        ("SV3", "overdue"),
        ("SV4", "rectifying"),
        ("SV2", "rectified"),
        ("SV1", "passed"),
        ("SV6", "failed"),
    ]
    # what is recorded after the day read is not known on it: SV6 checked on 03-01
    before = run(works, work.supervision_items, scope=scope(works, CITY), as_of=date(2026, 2, 28))
    assert dict(zip(before["code"], before["state"], strict=True))["SV6"] == "rectified"


@pytest.mark.parametrize(
    ("as_of", "state"), [(date(2026, 3, 15), "rectifying"), (date(2026, 3, 16), "overdue")]
)
def test_an_item_due_today_is_not_yet_overdue(works, as_of, state):
    frame = run(works, work.supervision_items, scope=scope(works, D2), as_of=as_of)
    assert dict(zip(frame["code"], frame["state"], strict=True))["SV3"] == state


def test_duty_records_by_day_range_task_and_scope(works):
    at = datetime(2026, 3, 11, tzinfo=UTC)
    with works.begin() as conn:  # one record through a node of T1, one on T2 itself
        record_duty(conn, unit_id=6, day=ON, action="推进节点", recorded_by="x", at=at, node_id=3)
        record_duty(conn, unit_id=8, day=ON, action="清单认领", recorded_by="x", at=at, task_id=2)
    every = run(works, duty_records, scope=scope(works, CITY), start=date(2026, 3, 1), end=ON)
    assert list(every["action"]) == [
        "清单认领",
        "推进节点",
        "更正：联席会改为 3 月 2 日召开",
        "召开联席会",
    ]
    assert every["corrects_id"].notna().tolist() == [False, False, True, False]
    by_task = run(
        works,
        duty_records,
        scope=scope(works, CITY),
        start=date(2026, 3, 1),
        end=ON,
        task_code="T1",
    )
    assert list(by_task["action"]) == ["推进节点"] and list(by_task["node_month"]) == ["2026-03"]
    # D1's user does not see 南湾村's record; 02-15 is outside 03-01 .. 03-25
    mine = run(works, duty_records, scope=scope(works, D1), start=date(2026, 3, 1), end=ON)
    assert "清单认领" not in list(mine["action"]) and len(mine) == 3


def test_progress_recorded_after_the_day_read_is_not_shown_on_it(works):
    with works.begin() as conn:  # N2 completed 03-02 at 5 of 5
        conn.execute(task_node.update().where(task_node.c.id == 2).values(progress_value=5.0))
        conn.execute(task_node.update().where(task_node.c.id == 3).values(progress_value=2.0))

    def progress(as_of):
        frame = run(works, work.nodes, scope=scope(works, CITY), as_of=as_of)
        values = frame.set_index("node_id")["progress_value"]
        return [None if pd.isna(values[n]) else values[n] for n in (2, 3)]

    assert progress(date(2026, 3, 1)) == [None, 2.0]  # N2 not done yet on 03-01
    assert progress(date(2026, 3, 2)) == [5.0, 2.0]  # done that day
