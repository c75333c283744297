"""Cells that would hide characters or run as formulas are refused by row and column:
names and titles may hold no control or bidirectional characters, and the import refuses
every text the CSV/Excel export would have to neutralise, numbers in number columns aside."""

import pandas as pd
import pytest

from data_access.export import FORMULA_STARTS, neutralise_formulas
from data_access.imports.cells import CellError, refuse_formula, title
from tests.data_access.test_imports import LIST_HEADER, do_import, xlsx

# hidden characters, and how the refusal names them
HIDDEN = [
    ("\x00", "控制字符 U+0000"),
    ("\x07", "控制字符 U+0007"),
    ("\x1b", "控制字符 U+001B"),
    ("\x7f", "控制字符 U+007F"),
    ("\x85", "控制字符 U+0085"),
    ("\x9f", "控制字符 U+009F"),
    ("\t", "制表符"),
    ("\n", "换行符"),
    ("\r", "回车符"),
    ("\u2028", "行分隔符"),
    ("\u2029", "段落分隔符"),
    ("\u061c", "文字方向控制符 U+061C"),
    ("\u200e", "文字方向控制符 U+200E"),
    ("\u200f", "文字方向控制符 U+200F"),
    ("\u202a", "文字方向控制符 U+202A"),
    ("\u202b", "文字方向控制符 U+202B"),
    ("\u202c", "文字方向控制符 U+202C"),
    ("\u202d", "文字方向控制符 U+202D"),
    ("\u202e", "文字方向控制符 U+202E"),
    ("\u2066", "文字方向控制符 U+2066"),
    ("\u2067", "文字方向控制符 U+2067"),
    ("\u2068", "文字方向控制符 U+2068"),
    ("\u2069", "文字方向控制符 U+2069"),
]


@pytest.mark.parametrize(("char", "name"), HIDDEN)
@pytest.mark.parametrize("read", [title, refuse_formula])
def test_a_hidden_character_is_refused_and_named(read, char, name):
    with pytest.raises(CellError) as why:
        read(f"东园{char}网格")
    assert str(why.value) == f"第 3 个字符是看不见的{name}，请删除后重新导入"


@pytest.mark.parametrize(
    "text", ["东园一网格", "A-1 号楼", "“老街”—新区", "Ｏ２０ 服务站", "1号楼(东)", "𠀀 社区"]
)
def test_names_as_offices_write_them_are_kept(text):
    assert title(text) == text
    refuse_formula(text)


# what a spreadsheet would run, each after one of the export guard's starts
PAYLOADS = ["cmd|' /C calc'!A0", "2+3+cmd|' /C calc'!A0", 'HYPERLINK("http://x","y")', "1"]


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_the_export_would_neutralise_is_refused_as_a_title(start, payload):
    text = start + payload
    assert neutralise_formulas(pd.DataFrame({"x": [text]}))["x"][0] == "'" + text
    with pytest.raises(CellError):
        title(text)


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_every_cell_starting_a_formula_is_refused_whatever_its_column(start, payload):
    with pytest.raises(CellError, match="疑似公式|看不见的"):
        refuse_formula(start + payload)


def test_the_payload_that_passed_as_a_negative_number_is_refused():
    with pytest.raises(CellError) as why:
        refuse_formula("-2+3+cmd|' /C calc'!A0")
    assert str(why.value).startswith("“-2+3+cmd|' /C calc'!”以 - 开头，疑似公式")


@pytest.mark.parametrize(
    "number", ["-2", "+3", "-0.5", "-.5", "+1,000", "1e3", "-2E-3", "13800138000"]
)
def test_plain_numbers_pass_the_guard_for_number_columns_to_read(number):
    refuse_formula(number)


def test_what_a_title_keeps_the_export_leaves_alone():
    kept = [t for t in ["东园一网格", "A-1", "1+1", "x=y", "a@b"] if title(t)]
    assert neutralise_formulas(pd.DataFrame({"x": kept}))["x"].tolist() == kept


def list_item(**cells) -> bytes:
    row = dict.fromkeys(LIST_HEADER, None)
    row.update({"事项编号": "QD001", "社区编码": "M1", "清单类型": "需求清单"})
    row.update({"事项名称": "代购药品", "发布日期": "2026-03-02", **cells})
    return xlsx([LIST_HEADER, list(row.values())])


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"事项名称": "代购\u202e品药"}, "事项名称", "第 3 个字符是看不见的文字方向控制符 U+202E"),
        ({"事项名称": "代购\n药品"}, "事项名称", "第 3 个字符是看不见的换行符"),
        ({"事项名称": "-2+3+cmd|' /C calc'!A0"}, "事项名称", "疑似公式"),
        ({"事项名称": "-2"}, "事项名称", "疑似公式"),
        ({"事项编号": "-2+3+cmd|' /C calc'!A0"}, "事项编号", "疑似公式"),
    ],
)
def test_a_list_item_with_a_hidden_character_or_a_formula_is_refused_by_row_and_column(
    city, cells, column, reason
):
    plan = do_import(city, "list_items", list_item(**cells), "清单.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [(2, column)]
    assert reason in plan.problems[0].reason


UNITS_HEADER = "单位编码,单位名称,层级,上级单位编码,城乡类型,网格类型,户数,人口"


@pytest.mark.parametrize(
    ("entity", "header", "row"),
    [
        ("org_units", UNITS_HEADER, "G6,西园\x07二网格,网格,M2,城市,一般网格,200,600"),
        (
            "party_orgs",
            "党组织编码,党组织名称,党组织类型,所在社区编码",
            "PX1,某局\u2066机关党支部,机关,M1",
        ),
    ],
)
def test_unit_and_organisation_names_with_hidden_characters_are_refused(city, entity, header, row):
    plan = do_import(city, entity, f"{header}\n{row}\n".encode(), "names.csv")
    assert [(p.row, p.column) for p in plan.problems] == [(2, header.split(",")[1])]
    assert "看不见的" in plan.problems[0].reason


def test_a_negative_number_in_a_number_column_is_read_as_a_number_not_a_formula(city):
    header = [
        "会议编号",
        "召开单位编码",
        "会议类型",
        "召开日期",
        "参会人数",
        "提出议题数",
        "解决议题数",
    ]
    rows = [header, ["HY001", "M1", "主题党日", "2026-03-10", "-2", 0, 0]]
    plan = do_import(city, "meetings", xlsx(rows), "会议.xlsx")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "参会人数", "-2 应为 0 至 10,000 之间的整数")
    ]
