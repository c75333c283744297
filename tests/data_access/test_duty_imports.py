"""Duty records (履责记实) come in through the checked import path, on the hand-checked
work of tests/work_city.py: they are appended, never changed, and a file imported twice
adds nothing the second time."""

import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from data_access.imports.entities import ENTITIES
from data_access.imports.importer import apply_import, plan_import
from data_access.imports.templates import template_xlsx
from data_access.indicators import work
from data_access.schema import duty_record, import_audit, import_audit_unit
from data_access.scope import EVERYTHING
from tests.data_access.helpers import CITY, D1, Q1_2026, run, scope
from tests.data_access.test_imports import do_import

HEADER = (
    "单位编码,履责日期,履责事项,记录人（职务）,关联任务编号,节点月份,关联督办编号,"
    "更正的记录日期,更正的记录事项"
)
# five records: M3 reports on node N4 (T2, 2026-03) and item SV3, holds a joint meeting
# and corrects it in the same file; M1 corrects its stored 03-01 record (id 2); M2
# reports on node N2 (T1, 2026-02) and item SV2
FILE = f"""{HEADER}
M3,2026-03-05,走访网格,社区党组织书记,T2,2026-03,SV3,,
M3,2026-03-06,召开联席会,社区党组织书记,,,,,
M3,2026-03-09,更正：联席会改为 3 月 7 日召开,社区党组织书记,,,,2026-03-06,召开联席会
M1,2026-03-12,再次更正：联席会于 3 月 2 日召开,社区党组织书记,,,,2026-03-01,召开联席会
M2,2026年2月3日,SV2 整改销号,社区党组织书记,T1,2026-02,SV2,,
"""
ON = date(2026, 3, 25)


def by_month(engine) -> list[tuple]:
    frame = run(
        engine,
        work.duty_records_by_month,
        scope=scope(engine, CITY),
        level="community",
        period=Q1_2026,
    )
    return list(frame[["unit_code", "month", "records"]].itertuples(index=False, name=None))


def silent(engine) -> list[str]:
    # 20 days up to 03-25 reach back to 03-06
    frame = run(
        engine, work.silent_units, scope=scope(engine, CITY), level="community", as_of=ON, days=20
    )
    return frame["unit_code"].tolist()


def records(engine) -> list[tuple]:
    with engine.connect() as conn:
        r = duty_record.c
        query = select(
            r.id, r.unit_id, r.day, r.action, r.task_id, r.node_id, r.supervision_id, r.corrects_id
        ).order_by(r.id)
        return [tuple(row) for row in conn.execute(query)]


def audits(engine) -> list[tuple]:
    a = import_audit.c
    query = select(a.entity, a.outcome, a.inserted, a.updated, a.unchanged, a.rejected)
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query.order_by(a.id))]


def problems(plan) -> list[tuple[int, str]]:
    return [(p.row, p.column) for p in plan.problems]


def test_a_file_appends_records_and_the_indicators_count_them(works):
    assert by_month(works) == [("M1", "2026-02", 1), ("M1", "2026-03", 2), ("M2", "2026-01", 1)]
    assert silent(works) == ["M2", "M3"]
    plan = do_import(works, "duty_records", FILE.encode(), "履责记实.csv")
    assert plan.ok and (len(plan.inserts), len(plan.updates), plan.unchanged) == (5, 0, 0)
    assert by_month(works) == [
        ("M1", "2026-02", 1),
        ("M1", "2026-03", 3),  # +1
        ("M2", "2026-01", 1),
        ("M2", "2026-02", 1),  # +1
        ("M3", "2026-03", 3),  # +3
    ]
    assert silent(works) == ["M2"]  # M3's last record is on 03-09 now
    # work_city's records are ids 1-4; the correction of row 3 follows the row it corrects
    new = {row[3]: row for row in records(works)[4:]}
    held = new["召开联席会"][0]
    assert [row[1:] for row in new.values()] == [
        (8, date(2026, 3, 5), "走访网格", 2, 4, 3, None),  # T2, N4, SV3
        (8, date(2026, 3, 6), "召开联席会", None, None, None, None),
        (6, date(2026, 3, 12), "再次更正：联席会于 3 月 2 日召开", None, None, None, 2),
        (7, date(2026, 2, 3), "SV2 整改销号", 1, 2, 2, None),  # T1, N2, SV2
        (8, date(2026, 3, 9), "更正：联席会改为 3 月 7 日召开", None, None, None, held),
    ]
    # a street's rows by month: S1 (M1, M2) and S2 (M3)
    with works.connect() as conn:
        covered = conn.execute(
            select(
                import_audit_unit.c.unit_id, import_audit_unit.c.month, import_audit_unit.c.rows
            ).order_by(import_audit_unit.c.unit_id, import_audit_unit.c.month)
        ).all()
    assert [tuple(row) for row in covered] == [
        (4, "2026-02", 1),
        (4, "2026-03", 1),
        (5, "2026-03", 3),
    ]


def test_the_same_file_again_changes_nothing_and_both_are_audited(works):
    do_import(works, "duty_records", FILE.encode(), "履责记实.csv")
    before = records(works)
    again = do_import(works, "duty_records", FILE.encode(), "履责记实.csv")
    assert again.ok and (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 5)
    assert records(works) == before
    assert audits(works) == [
        ("duty_records", "applied", 5, 0, 0, 0),
        ("duty_records", "applied", 0, 0, 5, 0),
    ]


def test_a_dry_run_changes_nothing(works):
    with works.connect() as conn:
        plan = plan_import(
            conn, ENTITIES["duty_records"], FILE.encode(), "履责记实.csv", scope=EVERYTHING
        )
    assert plan.ok and len(plan.inserts) == 5
    assert len(records(works)) == 4
    assert audits(works) == []


def test_a_stored_record_is_never_changed(works):
    """The same unit, day and action with another recorder is refused, not written over
    the record already on file: a correction is a new record."""
    changed = f"{HEADER}\nM1,2026-03-01,召开联席会,街道党工委书记,,,,,\n"
    plan = do_import(works, "duty_records", changed.encode(), "履责记实.csv")
    assert problems(plan) == [(2, "记录人（职务）")]
    assert "只增不改" in plan.problems[0].reason
    assert records(works)[1][3] == "召开联席会" and len(records(works)) == 4
    # as work_city wrote it, it is unchanged
    same = f"{HEADER}\nM1,2026-03-01,召开联席会,m1,,,,,\n"
    plan = do_import(works, "duty_records", same.encode(), "履责记实.csv")
    assert plan.ok and plan.unchanged == 1 and len(records(works)) == 4


BAD = f"""{HEADER}
M9,2026-03-05,走访网格,社区党组织书记,,,,,
M1,2099-01-01,走访网格,社区党组织书记,,,,,
M1,2026-03-05,,社区党组织书记,,,,,
M1,2026-03-05,走访网格,社区党组织书记,T9,,,,
M1,2026-03-06,走访网格,社区党组织书记,,,,,
"""


def test_bad_rows_are_refused_naming_row_and_column_and_nothing_is_written(works):
    plan = do_import(works, "duty_records", BAD.encode(), "履责记实.csv")
    assert not plan.ok
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "单位编码", "单位编码 M9 不存在"),
        (3, "履责日期", "日期 2099-01-01 不在 2000-01-01 至今天之间"),
        (4, "履责事项", "必填，不能为空"),
        (5, "关联任务编号", "任务编码 T9 不存在"),
    ]
    assert len(records(works)) == 4
    assert audits(works) == [("duty_records", "refused", 0, 0, 0, 4)]


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        # M1 is responsible for T1's March node N3, not for T2's
        ("M1,2026-03-05,走访,书记,T2,2026-03,,,", "节点月份", "没有由本单位负责的节点"),
        ("M1,2026-03-05,走访,书记,,2026-03,,,", "关联任务编号", "须填写关联任务编号"),
        ("M1,2026-03-05,整改,书记,,,SV3,,", "关联督办编号", "不是本单位"),  # SV3 is M3's
        ("M2,2026-03-05,更正,书记,,,,2026-03-01,召开联席会", "更正的记录事项", "本单位没有"),
        ("M1,2026-03-05,更正,书记,,,,2026-03-01,", "更正的记录事项", "须同时填写"),
        ("M1,2026-02-28,更正,书记,,,,2026-03-01,召开联席会", "履责日期", "早于"),
        ("M1,2026-03-05,更正,书记,,,,2026-03-05,更正", "更正的记录事项", "不能更正它自己"),
    ],
)
def test_links_that_do_not_fit_the_unit_are_refused(works, row, column, reason):
    plan = do_import(works, "duty_records", f"{HEADER}\n{row}\n".encode(), "履责记实.csv")
    assert problems(plan) == [(2, column)]
    assert reason in plan.problems[0].reason
    assert len(records(works)) == 4


def test_records_correcting_each_other_are_refused(works):
    loop = f"""{HEADER}
M1,2026-03-05,甲,书记,,,,2026-03-05,乙
M1,2026-03-05,乙,书记,,,,2026-03-05,甲
"""
    plan = do_import(works, "duty_records", loop.encode(), "履责记实.csv")
    assert problems(plan) == [(2, "更正的记录事项"), (3, "更正的记录事项")]


def test_a_steward_imports_only_inside_its_district(works):
    d1 = scope(works, D1)
    mixed = f"{HEADER}\nM1,2026-03-05,走访网格,书记,,,,,\nM3,2026-03-05,走访网格,书记,,,,,\n"
    with works.begin() as conn:
        plan = plan_import(conn, ENTITIES["duty_records"], mixed.encode(), "f.csv", scope=d1)
        apply_import(conn, plan, username="d1steward")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (3, "单位编码", "单位 M3 不在您的范围内")
    ]
    assert len(records(works)) == 4
    own = "\n".join(mixed.splitlines()[:2]) + "\n"
    with works.begin() as conn:
        plan = plan_import(conn, ENTITIES["duty_records"], own.encode(), "f.csv", scope=d1)
        apply_import(conn, plan, username="d1steward")
    assert plan.ok and len(records(works)) == 5


def test_the_template_says_records_are_only_added():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(ENTITIES["duty_records"])))
    assert [c.value for c in book.worksheets[0][1]] == HEADER.split(",")
    last = list(book["填写说明"].values)[-1][0]
    assert last.startswith("单位编码、履责日期、履责事项相同的行是同一条记录")
    assert "只增不改" in last
