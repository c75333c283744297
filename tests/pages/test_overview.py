import json
from datetime import datetime

import pytest
from sqlalchemy import insert

from dashboard import figures
from data_access.schema import import_audit, import_audit_unit
from tests import submissions
from tests.pages.helpers import deltas, metrics, table

# Q1 2026 in the small city, against Q4 2025 (see tests/small_city.py):
# grids covered 3 of 5 (was G1, G5: 2 of 5); with a worker 3 of 5 (was 2);
# in-service members registered 4 of 7 (was m01 m03 m04 m05: 4 of 7);
# active 3 of 4 (was m04 only: 1 of 4); problems resolved 3 of 5 (was 0 of 1);
# meeting holders green 3 of 8 (was 0 of 7).
CITY_HEADLINE = {
    "网格党组织覆盖率": "60.0%",
    "网格员配备率": "60.0%",
    "在职党员报到率": "57.1%",
    "报到党员活跃率(90天)": "75.0%",
    "问题解决率": "60.0%",
    "三会一课按期率": "37.5%",
}
CITY_DELTAS = {
    "网格党组织覆盖率": "+20.0 个百分点",
    "网格员配备率": "+20.0 个百分点",
    "在职党员报到率": "+0.0 个百分点",
    "报到党员活跃率(90天)": "+50.0 个百分点",
    "问题解决率": "+60.0 个百分点",
    "三会一课按期率": "+37.5 个百分点",
}
CITY_ATTENTION = {
    "未建党组织的网格": "2 个",  # G3, G4
    "无网格员的网格": "2 个",  # G2, G5
    "三会一课逾期单位（红色）": "3 个",  # S2, M3, G2
    "报到后 90 天未参加服务的党员": "1 人",  # m04
    "逾期未完成的清单事项": "3 项",  # L2, L5, L6
}


@pytest.mark.parametrize("username", ["root", "lead", "viewer"])
def test_overview_for_the_whole_city(app, username):
    at = app(username)
    assert metrics(at) == CITY_HEADLINE | CITY_ATTENTION
    assert deltas(at) == CITY_DELTAS
    assert "统计期：2026年第1季度（2026-01-01 至 2026-03-31）" in at.main.caption[0].value
    assert "示例数据" in at.warning[0].value
    assert not [w for w in at.main.warning if "尚未报送" in w.value]


def test_overview_table_lists_each_district_with_its_report_status(app):
    rows = table(app("lead"))
    assert list(rows["unit_name"]) == ["甲区", "乙区"]
    # no import has covered Q1 (the fixture's facts were loaded directly), long past due
    assert list(rows["status"]) == ["✕ 未报送", "✕ 未报送"]
    assert list(rows["coverage_rate"].round(1)) == [66.7, 50.0]


def test_the_status_is_what_reporting_status_says_for_the_period(app, city):
    with city.begin() as conn:
        submissions.load(conn)
        # 甲区 completes February on the due day: lists and meetings for 甲一街道
        conn.execute(
            insert(import_audit),
            [
                dict(
                    id=i,
                    at=datetime(2026, 3, 10, 18, tzinfo=submissions.BEIJING),
                    username="d1steward",
                    entity=e,
                    file_name="x.xlsx",
                    file_sha256="0" * 64,
                    outcome="applied",
                    inserted=1,
                    updated=0,
                    unchanged=0,
                    rejected=0,
                )
                for i, e in ((8, "list_items"), (9, "meetings"))
            ],
        )
        conn.execute(
            insert(import_audit_unit),
            [dict(audit_id=i, unit_id=4, month="2026-02", rows=1) for i in (8, 9)],
        )
    # February: 甲区 sent all four on time; 乙区 only activities (tests/submissions.py)
    assert list(table(app("lead", grain="month", period="2026-02"))["status"]) == [
        "● 按时",
        "▲ 逾期或不全",
    ]
    assert list(table(app("lead", grain="month", period="2026-04"))["status"]) == [
        "✕ 未报送",
        "✕ 未报送",
    ]


def test_a_month_without_reports_says_which_units_have_not_reported(app):
    at = app("lead", grain="month", period="2026-04")
    # April 2026: only D2 has a record (activity A5); D1 sent nothing
    assert any("尚未报送数据的区县：甲区" in w.value for w in at.main.warning)
    assert list(table(at)["status"]) == ["✕ 未报送", "✕ 未报送"]


def test_the_ranking_puts_the_last_placed_district_in_orange(app):
    at = app("lead")
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    bars = spec["data"][0]
    assert spec["layout"]["title"]["text"].startswith("各区县网格党组织覆盖率")
    # 甲区 covers 2 of 3 grids, 乙区 1 of 2: 乙区 last, drawn at the bottom in orange
    assert list(zip(bars["y"], bars["text"], bars["marker"]["color"], strict=True)) == [
        ("乙区", "50.0%", figures.LAST),
        ("甲区", "66.7%", figures.PALETTE[0]),
    ]
    at.selectbox(key="overview_ranking").select("reporting_rate").run()
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("各区县在职党员报到率")
