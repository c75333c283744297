"""The import command line and the templates, on both backends."""

import io

import openpyxl
import pytest
from sqlalchemy import func, select

from data_access.imports.__main__ import main
from data_access.imports.entities import ENTITIES
from data_access.schema import resident_problem

ROWS = [
    ["WT001", "M1", "G1", "热线", "2026-02-10", "2026-02-15"],
    ["WT002", "M2", None, "网格走访", "2026年3月1日", None],
]


def problems(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(resident_problem)).scalar()


def filled_template(tmp_path, rows) -> str:
    template = tmp_path / "模板.xlsx"
    assert main(["problems", "--template", str(template)]) == 0
    book = openpyxl.load_workbook(template)
    assert [c.value for c in book.worksheets[0][1]] == [
        "问题编号",
        "社区编码",
        "网格编码",
        "问题来源",
        "发现日期",
        "解决日期",
    ]
    assert book.worksheets[1].title == "填写说明"
    for row in rows:
        book.worksheets[0].append(row)
    filled = tmp_path / "问题台账.xlsx"
    book.save(filled)
    return str(filled)


def test_a_filled_template_imports_and_a_dry_run_writes_nothing(city, tmp_path, capsys):
    url = city.url.render_as_string(hide_password=False)
    path = filled_template(tmp_path, ROWS)
    before = problems(city)
    assert main(["problems", path, "--dry-run", "--database-url", url]) == 0
    assert "将新增 2 行" in capsys.readouterr().out
    assert problems(city) == before
    assert main(["problems", path, "--user", "wang", "--database-url", url]) == 0
    assert "已新增 2 行" in capsys.readouterr().out
    assert problems(city) == before + 2


def test_a_refused_file_prints_its_problems_and_exits_1(city, tmp_path, capsys):
    url = city.url.render_as_string(hide_password=False)
    path = filled_template(tmp_path, [["WT001", "M1", "G1", "热线", "昨天", None]])
    before = problems(city)
    assert main(["problems", path, "--database-url", url]) == 1
    out = capsys.readouterr().out
    assert "第 2 行 发现日期：“昨天”不是有效日期" in out
    assert "文件未导入：1 行有问题" in out
    assert problems(city) == before


def test_the_csv_template_is_a_header_row_excel_reads_in_chinese(tmp_path):
    template = tmp_path / "模板.csv"
    assert main(["meetings", "--template", str(template)]) == 0
    text = io.TextIOWrapper(io.BytesIO(template.read_bytes()), encoding="utf-8-sig").read()
    assert text.splitlines() == [
        "会议编号,召开单位编码,会议类型,召开日期,参会人数,提出议题数,解决议题数"
    ]


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_entity_has_a_template_with_its_notes(tmp_path, entity):
    template = tmp_path / "模板.xlsx"
    assert main([entity, "--template", str(template)]) == 0
    book = openpyxl.load_workbook(template)
    headers = [c.value for c in book.worksheets[0][1]]
    assert headers == [f.header for f in ENTITIES[entity].fields]
    notes = list(book["填写说明"].values)
    assert [row[0] for row in notes[1 : len(headers) + 1]] == headers
    rematched = "相同的行是同一条记录" if ENTITIES[entity].append_only else "相同的行会更新已有记录"
    assert rematched in notes[-1][0] and "同一文件重复导入不会产生重复数据" in notes[-1][0]


def test_the_registration_template_names_its_composite_key(tmp_path):
    template = tmp_path / "模板.xlsx"
    assert main(["registrations", "--template", str(template)]) == 0
    last = list(openpyxl.load_workbook(template)["填写说明"].values)[-1][0]
    assert last.startswith("党员编号、党组织编码、报到社区编码相同的行")
