import pytest


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


CITY_Q1 = {
    # Q1 2026 in the small city: grids 3 of 5 covered; 4 of 7 in-service
    # members registered; 3 of those 4 active; 3 of 8 meeting holders green.
    "网格党组织覆盖率": "60.0%",
    "在职党员报到率": "57.1%",
    "报到党员活跃率(90天)": "75.0%",
    "三会一课按期率": "37.5%",
}


@pytest.mark.parametrize("username", ["root", "lead", "viewer"])
def test_overview_shows_the_city_headline_for_the_last_full_quarter(app, username):
    at = app(username)
    assert metrics(at) == CITY_Q1
    assert "统计期：2026年01月01日 至 2026年03月31日" in [c.value for c in at.main.caption]
    assert "示例数据" in at.warning[0].value


def test_overview_table_lists_each_district(app):
    table = app("lead").dataframe[0].value
    assert list(table["unit_name"]) == ["甲区", "乙区"]
    assert list(table["coverage_rate"].round(1)) == [66.7, 50.0]
