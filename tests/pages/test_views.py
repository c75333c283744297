"""The four views on the small city, Q1 2026, numbers worked out from tests/small_city.py."""

import json

import pytest

from data_access.indicators import meetings
from tests.pages.helpers import metrics, open_page, table


def test_grid_coverage(app):
    at = open_page(app, "lead", "grid_coverage.py")
    assert metrics(at) == {
        "网格党组织覆盖率": "60.0%",
        "网格员配备率": "60.0%",
        "每名网格员服务户数": "463",  # 1,850 households / 4 workers = 462.5, half up
        "社区工作者员额达标率": "50.0%",  # M2 meets its quota of 5, M1 has 6 of 7
    }
    by_district = table(at, 0)
    assert list(by_district["grids_with_org"]) == [2, 1]
    gaps = table(at, 1)  # grids lacking an organisation or a worker
    assert list(gaps["grid_name"]) == ["东园医院网格", "西园一网格", "南湾一网格", "南湾二网格"]
    assert "共 4 个网格缺少党组织或网格员（全部 5 个）。" in [c.value for c in at.caption]
    quota = table(at, 2)
    assert list(quota["unit_name"]) == ["东园社区"] and list(quota["shortfall"]) == [1]


REPORTING_HEADLINE = {
    "报到在职党员": "4 人",
    "报到率": "57.1%",
    "活跃率（90 天）": "75.0%",
    "人均服务时长": "3.3 小时",  # 13 hours / 4 members = 3.25, half up
    "报到单位党组织": "2 个",
}


def test_double_reporting(app):
    at = open_page(app, "lead", "double_reporting.py")
    assert metrics(at) == REPORTING_HEADLINE
    lists = table(at, 1)
    assert list(lists["published"]) == [3, 2] and list(lists["raised"]) == [4, 1]
    # reporting rates: 南湾村 2 of 3, 西园社区 1 of 2, 东园社区 1 of 2 (the lower id)
    assert list(table(at, 2)["unit_name"]) == ["南湾村", "西园社区", "东园社区"]
    assert list(table(at, 3)["unit_name"]) == ["东园社区", "西园社区", "南湾村"]


def test_double_reporting_type_filters_come_from_the_url(app):
    at = open_page(app, "lead", "double_reporting.py", list_types="need", sources="hotline")
    lists = table(at, 1)
    assert list(lists["published"]) == [1, 1]  # D1 L1; D2 L6
    assert list(lists["raised"]) == [2, 0]  # D1 R1, R4


def test_meetings(app):
    at = open_page(app, "lead", "meetings.py")
    assert metrics(at) == {
        "召开会议": "24 次",
        "三会一课按期率": "37.5%",
        "联席会议议题": "11 个",  # street 5 + M1 4 + M2 2
        "联席会议议题解决率": "63.6%",  # 7 of 11
    }
    assert list(table(at, 0)["units_red"]) == [1, 2]
    behind = table(at, 1)  # red, then amber, fewest held first (S2 0, G2 1, M3 1, G5 2, M2 6)
    assert list(behind["unit_name"]) == [
        "乙一街道",
        "东园医院网格",
        "南湾村",
        "南湾二网格",
        "西园社区",
    ]
    assert "共 5 个单位逾期或部分完成（逾期 3 个）。" in [c.value for c in at.caption]


def test_a_long_list_of_units_behind_shows_the_worst(app, monkeypatch):
    monkeypatch.setattr(meetings, "LISTED_AT_MOST", 2)
    at = open_page(app, "lead", "meetings.py")
    assert list(table(at, 1)["unit_name"]) == ["乙一街道", "东园医院网格"]
    shown = (
        "共 5 个单位逾期或部分完成（逾期 3 个）；"
        "表中列出最落后的 2 个，选择市、区县或街道可看其全部。"
    )
    assert shown in [c.value for c in at.caption]


def test_meetings_filtered_by_type(app):
    at = open_page(app, "lead", "meetings.py", meeting_types="street_joint,community_joint")
    assert metrics(at)["召开会议"] == "3 次"


def test_comparison_ranks_districts_and_their_change(app):
    at = open_page(app, "lead", "comparison.py")
    ranking = table(at, 0).set_index("unit_name")
    # Q1: D1 66.7% > D2 50%; Q4 2025: D1 1 of 3 (33.3%) < D2 1 of 2 (50%)
    assert list(ranking["rank"]) == [1, 2]
    assert list(ranking["rank_change"]) == ["▲1", "▼1"]
    assert list(ranking["last"]) == ["否", "是"]
    assert any("同级末位：乙区" in w.value for w in at.main.warning)


@pytest.mark.parametrize(
    "page",
    ["grid_coverage.py", "double_reporting.py", "meetings.py", "comparison.py", "overview.py"],
)
def test_a_district_user_sees_only_its_district_on_every_view(app, page):
    at = open_page(app, "d1user", page, unit="D2")
    for frame in at.main.dataframe:
        for column in ("unit_name", "district_name"):
            if column in frame.value:
                assert not set(frame.value[column]) & {"乙区", "乙一街道", "南湾村"}


def test_a_copied_link_reproduces_the_view_in_a_fresh_session(app):
    at = open_page(app, "lead", "overview.py")
    at.sidebar.radio(key="grain").set_value("month").run()
    at.sidebar.selectbox(key="period").set_value("2026-02").run()
    at.sidebar.selectbox(key="unit").set_value("D1").run()
    shown, link = metrics(at), dict(at.query_params)
    assert link == {"grain": ["month"], "period": ["2026-02"], "unit": ["D1"]} or link == {
        "grain": "month",
        "period": "2026-02",
        "unit": "D1",
    }
    fresh = open_page(
        app,
        "lead",
        "overview.py",
        **{k: v[0] if isinstance(v, list) else v for k, v in link.items()},
    )
    assert metrics(fresh) == shown
    assert "范围：甲区 · 统计期：2026年2月" in fresh.main.caption[0].value
    assert metrics(fresh)["网格党组织覆盖率"] == "66.7%"  # D1 at 2026-02-28: G1 and G2


@pytest.mark.parametrize(
    "page",
    ["overview.py", "grid_coverage.py", "double_reporting.py", "meetings.py", "comparison.py"],
)
def test_every_view_names_the_units_that_have_not_reported(app, page):
    at = open_page(app, "lead", page, grain="month", period="2026-04")
    assert any("本期尚未报送数据的区县：甲区" in w.value for w in at.main.warning)


@pytest.mark.parametrize(
    "page",
    ["overview.py", "grid_coverage.py", "double_reporting.py", "meetings.py", "comparison.py"],
)
def test_a_period_with_no_data_says_so_instead_of_failing(app, page):
    at = open_page(app, "lead", page, grain="month", period="2025-08")
    assert at.main.info[0].value == "2025年8月所选范围内还没有任何报送数据。"
    assert not at.main.metric and not at.main.dataframe


@pytest.mark.parametrize(
    ("page", "charts", "files"),
    [
        # the twelve-month trend: six small charts, one file with all six; the ranking
        ("overview.py", 7, 2),
        ("grid_coverage.py", 2, 2),
        ("double_reporting.py", 4, 4),
        ("meetings.py", 3, 3),
        ("comparison.py", 10, 2),  # the district map; nine small charts, one file
        ("composite_score.py", 1, 1),  # the scenario chart appears once a unit is adjusted
    ],
)
def test_every_chart_offers_its_data_as_csv_and_excel(app, page, charts, files):
    at = open_page(app, "lead", page)
    assert len(at.get("plotly_chart")) == charts
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels.count("图表数据 CSV") == labels.count("图表数据 Excel") == files


def test_the_scope_picker_lists_the_units_in_scope_streets_indented(app):
    at = open_page(app, "lead", "overview.py")
    picker = at.sidebar.selectbox(key="unit")
    # in code order (real codes are hierarchical, so streets follow their district)
    assert picker.options == ["全部可见范围", "测试市", "甲区", "乙区", "　甲一街道", "　乙一街道"]


@pytest.mark.parametrize("page", ["overview.py", "comparison.py", "grid_coverage.py"])
def test_the_unit_column_stays_in_view_while_a_table_scrolls(app, page):
    at = open_page(app, "lead", page)
    for frame in at.main.dataframe:
        config = json.loads(frame.proto.columns)
        pinned = [column for column, settings in config.items() if settings.get("pinned")]
        assert pinned == [next(iter(config))], config
