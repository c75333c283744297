"""Importing files on the small city: broken files are refused with their reason and
change nothing; valid GBK CSV and .xlsx files change the indicators by what they add,
and importing them again changes nothing."""

import io

import openpyxl
import pytest
from sqlalchemy import func, select

from data_access.imports.entities import ENTITIES
from data_access.imports.importer import apply_import, plan_import
from data_access.indicators.meetings import meeting_tally
from data_access.indicators.reporting import double_reporting, resident_problems, three_lists
from data_access.schema import import_audit, meeting, resident_problem
from data_access.scope import EVERYTHING
from tests.data_access.helpers import CITY, D1, Q1_2026, by_code, run, scope

HEADER = "问题编号,社区编码,网格编码,问题来源,发现日期,解决日期"
# D1 gains two problems raised in Q1 (one resolved), D2 one raised and resolved
PROBLEMS = f"""{HEADER}
WT001,M1,G1,热线,2026-02-10,2026/2/15
WT002,M2,,网格走访,2026年3月1日,
WT003,M3,G4,会议,20260320,2026-03-25
"""


def do_import(engine, entity: str, content: bytes, name: str, **kwargs):
    with engine.begin() as conn:
        plan = plan_import(conn, ENTITIES[entity], content, name, scope=EVERYTHING, **kwargs)
        apply_import(conn, plan, username="tester")
    return plan


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar()
            for t in (resident_problem, meeting)
        )


def xlsx(rows: list[list], title: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:  # a merged title row above the header, as offices make them
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems_q1(engine) -> dict:
    return by_code(
        run(engine, resident_problems, scope=scope(engine, CITY), level="district", period=Q1_2026)
    )


@pytest.mark.parametrize(
    ("content", "name", "row", "column", "message"),
    [
        (PROBLEMS.encode("utf-16"), "p.csv", 0, "", "文件编码无法识别"),
        (
            "问题编号,社区编码,问题来源\nWT001,M1,热线\n".encode(),
            "p.csv",
            0,
            "",
            "缺少必填列：发现日期",
        ),
        (
            f"{HEADER}\nWT001,M1,,热线,2026-13-45,\n".encode(),
            "p.csv",
            2,
            "发现日期",
            "不是有效日期",
        ),
        (f"{HEADER}\nWT001,M9,,热线,2026-03-01,\n".encode(), "p.csv", 2, "社区编码", "M9 不存在"),
        (
            f"{HEADER}\nWT001,M1,,热线,2026-03-01,\nWT001,M2,,热线,2026-03-02,\n".encode(),
            "p.csv",
            3,
            "问题编号",
            "与第 2 行重复",
        ),
        (
            f'{HEADER}\n"=HYPERLINK(""http://x"")",M1,,热线,2026-03-01,\n'.encode(),
            "p.csv",
            2,
            "问题编号",
            "疑似公式",
        ),
        (
            f"{HEADER}\nWT001,M1,,热线,2026-03-05,2026-03-01\n".encode(),
            "p.csv",
            2,
            "解决日期",
            "解决日期早于发现日期",
        ),
        (
            f"{HEADER}\nWT001,M1,G3,热线,2026-03-01,\n".encode(),
            "p.csv",
            2,
            "网格编码",
            "不属于该社区",
        ),
        (b"", "p.csv", 0, "", "文件是空的"),
        (PROBLEMS.encode("gbk"), "p.txt", 0, "", "只接受 .csv 或 .xlsx"),
    ],
)
def test_a_broken_file_is_refused_with_its_reason_and_changes_nothing(
    city, content, name, row, column, message
):
    before = counts(city)
    plan = do_import(city, "problems", content, name)
    assert not plan.ok
    assert any(
        p.row == row and p.column == column and message in p.reason for p in plan.problems
    ), plan.problems
    assert counts(city) == before
    with city.connect() as conn:
        audit = conn.execute(select(import_audit)).mappings().one()
    assert (audit["outcome"], audit["inserted"], audit["username"]) == ("refused", 0, "tester")


def test_a_file_over_the_size_limit_is_refused(city):
    before = counts(city)
    plan = do_import(city, "problems", PROBLEMS.encode(), "p.csv", max_bytes=100)
    assert "超过上限" in plan.problems[0].reason
    assert counts(city) == before


def test_one_bad_row_stops_the_whole_file(city):
    content = (PROBLEMS + "WT004,M1,,热线,not-a-date,\n").encode("gbk")
    before = counts(city)
    plan = do_import(city, "problems", content, "p.csv")
    assert [(p.row, p.column) for p in plan.problems] == [(5, "发现日期")]
    assert plan.rejected == 1
    assert counts(city) == before


def test_a_valid_gbk_csv_adds_exactly_its_rows_and_a_second_import_changes_nothing(city):
    before = problems_q1(city)
    plan = do_import(city, "problems", PROBLEMS.encode("gbk"), "问题.csv")
    assert plan.ok and (len(plan.inserts), len(plan.updates), plan.unchanged) == (3, 0, 0)
    after = problems_q1(city)
    # D1: 4 raised / 2 resolved -> 6 / 3; D2: 1 / 1 -> 2 / 2
    assert (
        (after["D1"]["raised"], after["D1"]["resolved"])
        == (
            before["D1"]["raised"] + 2,
            before["D1"]["resolved"] + 1,
        )
        == (6, 3)
    )
    assert (after["D2"]["raised"], after["D2"]["resolved"]) == (2, 2)

    again = do_import(city, "problems", PROBLEMS.encode("gbk"), "问题.csv")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 3)
    assert problems_q1(city) == after
    with city.connect() as conn:
        audits = conn.execute(select(import_audit).order_by(import_audit.c.id)).mappings().all()
    assert [(a["outcome"], a["inserted"], a["unchanged"]) for a in audits] == [
        ("applied", 3, 0),
        ("applied", 0, 3),
    ]
    assert audits[0]["file_sha256"] == audits[1]["file_sha256"]


def test_a_corrected_file_updates_rows_by_their_code(city):
    do_import(city, "problems", PROBLEMS.encode("utf-8-sig"), "p.csv")
    corrected = PROBLEMS.replace(
        "WT002,M2,,网格走访,2026年3月1日,", "WT002,M2,,网格走访,2026-03-01,2026-03-09"
    )
    plan = do_import(city, "problems", corrected.encode(), "p.csv")
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 1, 2)
    assert problems_q1(city)["D1"]["resolved"] == 4


MEETING_ROWS = [
    ["会议编号", "召开单位编码", "会议类型", "召开日期", "参会人数", "提出议题数", "解决议题数"],
    ["HY001", "M1", "主题党日", "2026-03-10", 20, 0, 0],
    ["HY002", "S1", "街道大工委联席会", "2026年2月20日", 15, 3, 2],
]


def test_a_valid_xlsx_with_a_title_row_adds_its_meetings(city):
    def tally():
        frame = run(city, meeting_tally, scope=scope(city, D1), level="district", period=Q1_2026)
        return int(frame["meetings"].sum())

    before = tally()
    plan = do_import(
        city, "meetings", xlsx(MEETING_ROWS, title="2026年一季度会议台账"), "会议.xlsx"
    )
    assert plan.ok, plan.problems
    assert len(plan.inserts) == 2
    assert tally() == before + 2
    again = do_import(city, "meetings", xlsx(MEETING_ROWS), "会议.xlsx")
    assert (len(again.inserts), again.unchanged) == (0, 2)
    assert tally() == before + 2


def test_a_formula_in_an_xlsx_is_refused(city):
    rows = [MEETING_ROWS[0], ["HY001", "M1", "主题党日", "2026-03-10", "=10+10", 0, 0]]
    plan = do_import(city, "meetings", xlsx(rows), "会议.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(2, "参会人数")]


def test_units_outside_the_importers_scope_are_refused(city):
    with city.begin() as conn:
        plan = plan_import(
            conn, ENTITIES["problems"], PROBLEMS.encode(), "p.csv", scope=scope(city, D1)
        )
    # WT003 is in M3 and its grid G4, which lie in D2
    assert [(p.row, p.reason) for p in plan.problems] == [
        (4, "单位 M3 不在您的范围内"),
        (4, "单位 G4 不在您的范围内"),
    ]


LIST_HEADER = [
    "事项编号",
    "社区编码",
    "清单类型",
    "事项名称",
    "发布党组织编码",
    "发布日期",
    "截止日期",
    "认领党组织编码",
    "认领党员编号",
    "认领日期",
    "完成日期",
]


def lists_q1(engine) -> dict:
    return by_code(
        run(engine, three_lists, scope=scope(engine, CITY), level="district", period=Q1_2026)
    )


def test_list_items_import_with_their_claimants(city):
    rows = [
        LIST_HEADER,
        [
            "QD001",
            "M1",
            "需求清单",
            "代购药品",
            "P1",
            "2026-03-02",
            "2026-03-31",
            "P2",
            None,
            "2026-03-03",
            "2026-03-20",
        ],
        [
            "QD002",
            "M3",
            "服务清单",
            "义诊",
            None,
            "2026-02-01",
            None,
            None,
            "m05",
            "2026-02-02",
            None,
        ],
    ]
    before = lists_q1(city)
    plan = do_import(city, "list_items", xlsx(rows), "清单.xlsx")
    assert plan.ok, plan.problems
    after = lists_q1(city)
    # D1 gains one published, claimed and completed item; D2 one published and claimed
    assert after["D1"]["published"] - before["D1"]["published"] == 1
    assert after["D1"]["completed"] - before["D1"]["completed"] == 1
    assert after["D2"]["published"] - before["D2"]["published"] == 1
    assert after["D2"]["claimed"] - before["D2"]["claimed"] == 1


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"认领党组织编码": "P2", "认领党员编号": "m01"}, "认领党员编号", "只能填一个"),
        ({"完成日期": "2026-03-20"}, "认领日期", "没有认领日期"),
        ({"认领党员编号": "m99", "认领日期": "2026-03-03"}, "认领党员编号", "党员编码 m99 不存在"),
        ({"发布党组织编码": "P9"}, "发布党组织编码", "党组织编码 P9 不存在"),
        ({"事项名称": "长" * 201}, "事项名称", "超过 200 字"),
    ],
)
def test_a_bad_list_item_is_refused(city, cells, column, message):
    row = dict.fromkeys(LIST_HEADER, None)
    row.update({"事项编号": "QD001", "社区编码": "M1", "清单类型": "需求清单"})
    row.update({"事项名称": "代购药品", "发布日期": "2026-03-02", **cells})
    plan = do_import(city, "list_items", xlsx([LIST_HEADER, list(row.values())]), "清单.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(2, column)]
    assert message in plan.problems[0].reason


MEMBER_CSV = """党员编号,所在党组织编码,是否在职,居住社区编码,居住网格编码
DY001,P1,是,M1,G1
m06,P1,是,M1,G1
"""


def test_members_import_and_update_by_member_code(city):
    def d1():
        rows = run(
            city, double_reporting, scope=scope(city, CITY), level="district", period=Q1_2026
        )
        return by_code(rows)["D1"]

    assert (d1()["in_service_members"], d1()["registered_members"]) == (4, 2)
    plan = do_import(city, "members", MEMBER_CSV.encode("gbk"), "党员.csv")
    # DY001 is new; m06 (retired, in M1) now in service: an update
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (1, 1, 0)
    # m06 has a registration in force since 2025: 3 of 6 in-service members registered
    assert (d1()["in_service_members"], d1()["reporting_rate"]) == (6, 0.5)
    again = do_import(city, "members", MEMBER_CSV.encode("gbk"), "党员.csv")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 2)


def test_a_members_grid_must_lie_in_their_community(city):
    plan = do_import(
        city,
        "members",
        MEMBER_CSV.replace("DY001,P1,是,M1,G1", "DY001,P1,是,M1,G3").encode(),
        "党员.csv",
    )
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "居住网格编码", "网格 G3 不属于该社区")
    ]
