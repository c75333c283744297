"""数据导入 under AppTest on the small city: check, import, and the views show it at once."""

from sqlalchemy import func, select

from data_access.schema import import_audit, resident_problem
from tests.data_access.test_import_links import UNITS_CSV
from tests.data_access.test_imports import PROBLEMS
from tests.pages.helpers import metrics, open_page, table

PAGE = "data_import.py"


def upload(at, name: str, content: bytes, entity: str = "problems"):
    at.file_uploader(key=f"upload_{entity}").set_value((name, content, "text/csv"))
    return at.run()


def raised_by_district(app) -> list[int]:
    at = open_page(app, "root", "double_reporting.py")
    return list(table(at, 1)["raised"])  # Q1 2026, 甲区 then 乙区


def test_a_checked_file_is_imported_and_the_views_show_it(app, city):
    assert raised_by_district(app) == [4, 1]
    at = open_page(app, "root", PAGE)
    assert "还没有导入过文件。" in [c.value for c in at.main.caption]
    at.selectbox(key="import_entity").set_value("problems").run()
    at = upload(at, "问题.csv", PROBLEMS.encode("gbk"))
    assert metrics(at) == {"将新增": "3 行", "将更新": "0 行", "无变化": "0 行", "有问题": "0 行"}
    assert not at.main.error
    at.button(key="import_apply").click().run()
    assert not at.exception
    assert any("新增 3 行" in s.value for s in at.main.success)
    # the other views read the new rows straight away (caches cleared)
    assert raised_by_district(app) == [6, 2]

    again = open_page(app, "root", PAGE)
    again.selectbox(key="import_entity").set_value("problems").run()
    again = upload(again, "问题.csv", PROBLEMS.encode("gbk"))
    assert metrics(again)["无变化"] == "3 行" and metrics(again)["将新增"] == "0 行"


def problem_count(city) -> int:
    with city.connect() as conn:
        return conn.execute(select(func.count()).select_from(resident_problem)).scalar()


def test_a_bad_file_shows_each_problem_and_writes_nothing(app, city):
    before = problem_count(city)
    at = open_page(app, "root", PAGE)
    at.selectbox(key="import_entity").set_value("problems").run()
    bad = PROBLEMS.replace("WT002,M2,", "WT002,M9,").replace("20260320", "2026-02-30")
    at = upload(at, "问题.csv", bad.encode())
    errors = [e.value for e in at.main.error]
    assert any("没有导入任何数据" in e for e in errors)
    assert not any("页面出现错误" in e for e in errors)
    problems = table(at, 0)
    assert list(zip(problems["row"], problems["column"], strict=True)) == [
        (3, "社区编码"),
        (4, "发现日期"),
    ]
    assert "import_apply" not in [b.key for b in at.button]
    assert not at.exception and problem_count(city) == before
    with city.connect() as conn:
        audits = conn.execute(select(import_audit.c.outcome, import_audit.c.rejected)).all()
    assert audits == [("refused", 2)]


def test_imported_units_show_on_the_views_at_once(app):
    def grids_by_district() -> list[int]:
        at = open_page(app, "root", "grid_coverage.py")
        return list(table(at, 0)["grids"])  # 甲区 then 乙区

    assert grids_by_district() == [3, 2]
    at = open_page(app, "root", PAGE)
    at.selectbox(key="import_entity").set_value("org_units").run()
    at = upload(at, "单位.csv", UNITS_CSV.encode("gbk"), entity="org_units")
    assert metrics(at)["将新增"] == "2 行"
    at.button(key="import_apply").click().run()
    assert not at.exception
    assert grids_by_district() == [4, 2]  # 西园二网格 joined 甲区
