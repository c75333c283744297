def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_the_city_headline_for_the_last_full_quarter(app):
    at = app()
    # Q1 2026 in the small city: grids 3 of 5 covered; 4 of 7 in-service
    # members registered; 3 of those 4 active; 3 of 8 meeting holders green.
    assert metrics(at) == {
        "网格党组织覆盖率": "60.0%",
        "在职党员报到率": "57.1%",
        "报到党员活跃率(90天)": "75.0%",
        "三会一课按期率": "37.5%",
    }
    assert "2026年01月01日 至 2026年03月31日" in at.caption[0].value
    assert "示例数据" in at.warning[0].value


def test_overview_table_lists_each_district(app):
    table = app().dataframe[0].value
    assert list(table["unit_name"]) == ["甲区", "乙区"]
    assert list(table["coverage_rate"].round(1)) == [66.7, 50.0]
