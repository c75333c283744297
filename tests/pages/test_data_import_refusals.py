"""数据导入 under AppTest: a file refused while it is read (a cell too long for Python's
csv module, a header named twice) shows its reason, writes nothing and is audited, as
every refused file is; it is no page error."""

import pytest
from sqlalchemy import select

from data_access.schema import import_audit
from tests.data_access.test_imports import HEADER
from tests.pages.helpers import open_page, table
from tests.pages.test_data_import import PAGE, problem_count, upload

LONG = f"{HEADER},备注\nWT001,M1,,热线,2026-03-01,,{'长' * 200_000}\n"
TWICE = f"问题编号,{HEADER}\nWT009,,M1,,热线,2026-03-01,\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            LONG,
            "第 2 行“备注”列有 200,000 个字符，"
            "超过每个单元格 10,000 个字符的上限，请检查该单元格。",
        ),
        (TWICE, "表头（第 1 行）中“问题编号”出现了 2 次（A、B 列），请删除或改名重复的列。"),
    ],
    ids=["long cell", "header twice"],
)
def test_a_file_refused_while_read_shows_why_writes_nothing_and_is_audited(
    app, city, content, reason
):
    before = problem_count(city)
    at = open_page(app, "root", PAGE)
    at.selectbox(key="import_entity").set_value("problems").run()
    at = upload(at, "问题.csv", content.encode())
    assert not at.exception
    errors = [e.value for e in at.main.error]
    assert not any("页面出现错误" in e for e in errors)
    assert any("没有导入任何数据" in e for e in errors)
    assert list(table(at, 0)["reason"]) == [reason]
    assert "import_apply" not in [b.key for b in at.button]
    assert problem_count(city) == before
    with city.connect() as conn:
        audits = conn.execute(select(import_audit.c.outcome, import_audit.c.file_name)).all()
    assert audits == [("refused", "问题.csv")]
