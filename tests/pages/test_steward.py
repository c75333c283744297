"""A district data steward on 数据导入 under AppTest: refused row by row outside its
district, nothing written, audited under its name; its own rows go in."""

from sqlalchemy import func, select

from data_access.schema import import_audit, resident_problem
from tests.data_access.test_imports import HEADER, do_import
from tests.data_access.test_steward_import import MIXED, OWN
from tests.pages.helpers import metrics, open_page, table
from tests.pages.test_data_import import upload

PAGE = "data_import.py"


def open_import(app, username: str):
    at = open_page(app, username, PAGE)
    return at.selectbox(key="import_entity").set_value("problems").run()


def problem_count(city) -> int:
    with city.connect() as conn:
        return conn.execute(select(func.count()).select_from(resident_problem)).scalar()


def test_a_steward_is_refused_row_by_row_outside_its_district(app, city):
    before = problem_count(city)
    at = open_import(app, "d1steward")
    at = upload(at, "报送.csv", MIXED.encode("gbk"))
    assert metrics(at)["有问题"] == "2 行"
    problems = table(at, 0)
    assert list(zip(problems["row"], problems["column"], problems["reason"], strict=True)) == [
        (3, "社区编码", "单位 M3 不在您的范围内"),
        (3, "网格编码", "单位 G4 不在您的范围内"),
        (5, "社区编码", "单位 M3 不在您的范围内"),
    ]
    assert "import_apply" not in [b.key for b in at.button]
    assert problem_count(city) == before
    with city.connect() as conn:
        audited = conn.execute(select(import_audit.c.username, import_audit.c.outcome)).all()
    assert audited == [("d1steward", "refused")]


def test_a_stewards_own_rows_are_imported_and_the_history_names_its_streets(app, city):
    before = problem_count(city)
    at = open_import(app, "d1steward")
    at = upload(at, "报送.csv", OWN.encode("gbk"))
    assert metrics(at)["将新增"] == "3 行"
    at.button(key="import_apply").click().run()
    assert not at.exception and problem_count(city) == before + 3
    history = table(at, 0)
    assert list(history["username"]) == ["d1steward"]
    assert list(history["units"]) == ["甲一街道 2026-02：1 行；甲一街道 2026-03：2 行"]
    admin = table(open_page(app, "root", PAGE), 0)
    assert list(admin["username"]) == ["d1steward"]


def test_a_steward_sees_others_imports_only_for_its_own_streets(app, city):
    do_import(city, "problems", f"{HEADER}\nWT300,M1,,热线,2026-02-01,\n".encode(), "甲.csv")
    do_import(city, "problems", f"{HEADER}\nWT301,M3,,热线,2026-02-01,\n".encode(), "乙.csv")
    history = table(open_import(app, "d1steward"), 0)
    assert list(zip(history["file_name"], history["units"], strict=True)) == [
        ("甲.csv", "甲一街道 2026-02：1 行")
    ]
