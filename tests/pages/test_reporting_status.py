"""报送情况 under AppTest on the small city with tests/submissions.py (every Q1 month is
past due by now): each cell written out, the silent units named."""

import pytest

from tests import submissions
from tests.pages.helpers import open_page, table

PAGE = "reporting_status.py"


@pytest.fixture
def sent(city):
    with city.begin() as conn:
        submissions.load(conn)
    return city


def test_a_leader_reads_each_district_and_month(app, sent):
    at = open_page(app, "lead", PAGE)
    grid = table(at, 0)
    # four kinds expected; the fixture sends activities and problems only
    assert grid.to_dict("index") == {
        "甲区": {
            "2026年1月": "▲ 逾期或不全 2/4",  # problems a day late
            "2026年2月": "▲ 逾期或不全 2/4",
            "2026年3月": "✕ 未报送 0/4",
        },
        "乙区": {
            "2026年1月": "▲ 逾期或不全 1/4",
            "2026年2月": "▲ 逾期或不全 1/4",
            "2026年3月": "✕ 未报送 0/4",
        },
    }
    silent = [w.value for w in at.main.warning if "未报送任何数据" in w.value]
    assert silent == ["2026年3月未报送任何数据的区县：甲区、乙区"]
    details = table(at, 1).set_index(["month", "unit_name", "entity"])
    feb = details.loc[("2026年2月", "乙区", "服务活动")]
    assert (feb["status"], feb["rows"], feb["importers"]) == ("● 按时", 6, "root, s2steward")
    assert (feb["first_at"], feb["last_at"]) == ("2026-03-05 09:00", "2026-03-20 15:00")
    assert details.loc[("2026年1月", "甲区", "居民问题"), "status"] == "▲ 逾期"
    assert details.loc[("2026年1月", "乙区", "服务活动"), "status"] == "✕ 未报送"


def test_the_due_day_setting_moves_on_time(app, sent, monkeypatch):
    monkeypatch.setenv("DASHBOARD_REPORTING_DUE_DAY", "11")
    details = table(open_page(app, "lead", PAGE), 1).set_index(["month", "unit_name", "entity"])
    assert details.loc[("2026年1月", "甲区", "居民问题"), "status"] == "● 按时"


def test_a_steward_sees_its_own_district_by_street(app, sent):
    grid = table(open_page(app, "d1steward", PAGE), 0)
    assert list(grid.index) == ["甲一街道"]


def test_every_view_names_the_units_overdue_in_reporting_status(app, sent):
    def overdue(period):
        at = open_page(app, "lead", "overview.py", grain="month", period=period)
        return [w.value for w in at.main.warning if "未报送" in w.value]

    assert overdue("2026-03") == ["本期逾期未报送的区县（见报送情况）：甲区、乙区"]
    assert overdue("2026-02") == []  # both sent something, 乙区 only activities
