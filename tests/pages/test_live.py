"""Live views under AppTest on the small city: each run reads the data stamp, so rows
the feeder adds show at once, and the line under the title says what is new."""

from sample_data.feed import feed
from tests.pages.helpers import open_page, table

NOTHING_NEW = "本场以来新增：服务活动 0 场 · 会议 0 次 · 清单事项 0 项 · 群众问题 0 件"


def status(at) -> str:
    return next(c.value for c in at.main.caption if c.value.startswith("数据更新于"))


def test_a_live_view_reads_new_rows_and_says_what_is_new(app, city):
    at = open_page(app, "lead", "double_reporting.py", grain="month", period="2026-04")
    assert status(at).endswith(NOTHING_NEW)
    assert "每 30 秒自动刷新" in status(at)
    raised = table(at, 1)["raised"].sum()
    written = feed(city, count=12, seed=5)  # on 2026-04-30, the data's last day
    at.run()
    assert (
        f"服务活动 {written['activity']} 场 · 会议 {written['meeting']} 次 · "
        f"清单事项 {written['list_item']} 项 · 群众问题 {written['problem']} 件" in status(at)
    )
    assert table(at, 1)["raised"].sum() == raised + written["problem"]
    # the month filter survived the refresh
    assert at.sidebar.selectbox(key="period").value == "2026-04"

    at.button(key="restart_count").click().run()
    assert status(at).endswith(NOTHING_NEW)


def test_the_refresh_interval_comes_from_the_link(app):
    at = open_page(app, "lead", "overview.py", refresh="5")
    assert "每 5 秒自动刷新" in status(at)


def test_pages_that_are_not_views_do_not_refresh(app):
    at = open_page(app, "root", "data_import.py")
    assert not [c for c in at.main.caption if c.value.startswith("数据更新于")]


def test_the_running_period_is_offered_and_shows_live_rows(app, city):
    at = open_page(app, "lead", "double_reporting.py")
    period = at.sidebar.selectbox(key="period")
    assert period.value == "2026-Q1"  # the default stays the latest complete quarter
    assert period.options[:2] == ["2026年第2季度（截至4月30日）", "2026年第1季度"]
    at = open_page(app, "lead", "double_reporting.py", period="2026-Q2")
    assert (
        "统计期：2026年第2季度（截至4月30日）（2026-04-01 至 2026-04-30）"
        in at.main.caption[0].value
    )
    raised = table(at, 1)["raised"].sum()
    written = feed(city, count=12, seed=5)
    at.run()
    assert table(at, 1)["raised"].sum() == raised + written["problem"]
