"""Tasks, nodes with their progress, and supervision items come in through the checked
import path (tests/work_city.py's tasks on the small city)."""

from datetime import date

import pytest
from sqlalchemy import select

from data_access.indicators import work
from data_access.schema import supervision_item, work_task
from tests.data_access.helpers import CITY, run, scope
from tests.data_access.test_imports import do_import

NODE_HEADER = "任务编号,月份,责任单位编码,节点目标,牵头单位编码,责任人（职务）,节点时限,完成日期"
# N3 (T1, M1, due 03-31) done 03-30 and N5 (T2, S2, due 03-25) done 03-24: both on schedule
PROGRESS = f"""{NODE_HEADER}
T1,2026-03,M1,节点3,M1,社区党组织书记,2026-03-31,2026-03-30
T2,2026年3月,S2,节点5,S2,社区党组织书记,2026-03-25,2026/3/24
"""
READ_ON = date(2026, 4, 1)


def on_schedule(engine) -> list:
    frame = run(engine, work.on_schedule, scope=scope(engine, CITY), level="total", as_of=READ_ON)
    return frame.loc[0, ["nodes_due", "on_schedule", "overdue", "on_schedule_rate"]].tolist()


def test_a_progress_file_moves_the_on_schedule_rate_and_again_changes_nothing(works):
    # due by 04-01: all seven; on schedule N1 N4 N6 N7; overdue N3 N5
    assert on_schedule(works) == [7, 4, 2, pytest.approx(4 / 7)]
    plan = do_import(works, "nodes", PROGRESS.encode(), "节点进度.csv")
    assert plan.ok and (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 2, 0)
    assert on_schedule(works) == [7, 6, 0, pytest.approx(6 / 7)]  # +2/7
    again = do_import(works, "nodes", PROGRESS.encode(), "节点进度.csv")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 2)
    assert on_schedule(works) == [7, 6, 0, pytest.approx(6 / 7)]


def test_a_node_of_an_unknown_task_is_refused_naming_row_and_column(works):
    bad = f"{NODE_HEADER}\nT9,2026-03,M1,节点,M1,书记,2026-03-31,\n"
    plan = do_import(works, "nodes", bad.encode(), "节点.csv")
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(2, "任务编号")]
    assert on_schedule(works)[1] == 4


TASKS = (
    "任务编号,任务名称,任务类型,难度（星）,分值,任务来源,第一直接责任人（职务）,牵头单位编码,"
    "发布日期,完成时限,提前提醒天数,是否公开\n"
    "T4,老旧小区党建阵地建设,年度工作,5,10,常委会工作要点,区委书记,D2,2026-02-01,2027-01-31,10,是\n"
)


def test_a_task_file_adds_a_task_due_next_year(works):
    plan = do_import(works, "tasks", TASKS.encode(), "任务.csv")
    assert plan.ok and len(plan.inserts) == 1
    with works.connect() as conn:
        row = conn.execute(select(work_task).where(work_task.c.code == "T4")).mappings().one()
    assert (row["kind"], row["stars"], row["points"], row["source"], row["public"]) == (
        "annual",
        5,
        10,
        "standing_committee",
        True,
    )
    assert row["due_on"] == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ("5,11", "分值", "1 至 10"),  # points out of range
        ("0,8", "难度（星）", "1 至 5"),
    ],
)
def test_stars_and_points_out_of_range_are_refused(works, cells, column, reason):
    plan = do_import(works, "tasks", TASKS.replace("5,10", cells).encode(), "任务.csv")
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(2, column)]
    assert reason in plan.problems[0].reason


ITEMS = """督办编号,提出场合,提出日期,问题,责任单位编码,整改时限,整改完成日期,核查日期,核查结果
SV7,调度会,2026-03-02,台账不全,M2,2026-03-20,2026-03-18,2026-03-22,是
SV8,督查,2026-03-03,阵地未挂牌,M3,2026-03-31,,2026-03-22,否
"""


def test_supervision_items_import_and_a_check_before_rectification_is_refused(works):
    plan = do_import(works, "supervision", ITEMS.encode(), "督办.csv")
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(3, "整改完成日期")]
    good = ITEMS.splitlines()[:2]
    plan = do_import(works, "supervision", "\n".join(good).encode(), "督办.csv")
    assert plan.ok
    with works.connect() as conn:
        row = (
            conn.execute(select(supervision_item).where(supervision_item.c.code == "SV7"))
            .mappings()
            .one()
        )
    assert (row["raised_at"], row["check_passed"], row["checked_on"]) == (
        "meeting",
        True,
        date(2026, 3, 22),
    )
