"""观摩模式 under AppTest on the small city (Q1 2026): the slides carry the same numbers
as the views, the playlist comes from the link, and a bad playlist is named."""

import pytest

from dashboard import playlist
from tests.pages.helpers import open_page


def slide_html(at) -> str:
    return next(e.proto.body for e in at.get("html") if 'class="slide"' in e.proto.body)


def present(app, username="viewer", **query):
    at = app(username, present="1", **query)
    assert not at.exception, at.exception
    return at


def test_the_overview_slide_shows_the_views_numbers(app):
    html = slide_html(present(app, play="overview:20"))
    assert '<div class="title">总览</div>' in html
    # 60.0% coverage and 57.1% reporting, as on 网格覆盖 and 双报到 (tests/pages/test_views.py)
    assert '网格党组织覆盖率</div><div class="value">60.0%' in html
    assert '在职党员报到率</div><div class="value">57.1%' in html
    assert '<span class="sample">示例数据</span>' in html  # sample data stays labelled
    assert "全部可见范围 · 2026年第1季度" in html


def test_the_link_chooses_the_slides_and_the_tour_names_each_district(app):
    at = present(app, play="tour:5")
    html = slide_html(at)
    assert '<div class="unit">甲区</div>' in html
    assert "区县巡览 1 / 2" in html
    assert any("第 1 / 2 页 · 每页 5 秒" in c.value for c in at.main.caption)
    # 甲区's coverage 2 of 3 grids, 乙区's 1 of 2: 乙区 is last (tests/small_city.py)
    assert (
        '<div class="kpi"><div class="label">网格党组织覆盖率</div><div class="value">66.7%</div>'
        "</div>"
    ) in html
    at.button(key="present_next").click().run()  # 下一页
    html = slide_html(at)
    assert '<div class="unit">乙区</div>' in html
    assert (
        '<div class="kpi weak"><div class="label">网格党组织覆盖率</div>'
        '<div class="value">50.0%</div><div class="flag">▼ 末位</div></div>'
    ) in html


def test_the_tour_counts_its_units_not_the_playlist_s_pages(app):
    at = present(app, play="overview:5,tour:5")
    at.button(key="present_next").click().run()
    assert "区县巡览 1 / 2" in slide_html(at)
    assert any("第 2 / 3 页" in c.value for c in at.main.caption)


def test_a_bad_playlist_falls_back_to_the_default_and_says_why(app):
    at = present(app, play="overview:1")
    assert '<div class="title">党建引领基层治理 · 大屏</div>' in slide_html(at)  # the default
    assert any("播放列表有误" in c.value and "3 至 600 秒" in c.value for c in at.main.caption)


def test_leaving_returns_to_the_views(app):
    at = present(app, username="lead")
    at.button(key="present_leave").click().run()  # 退出观摩
    at.run()
    assert not at.get("html") or all('class="slide"' not in e.proto.body for e in at.get("html"))
    assert "present" not in at.query_params


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("overview:20,nothing:5", "未知的页面"),
        ("coverage", "停留时间应为 3 至 600 秒"),
        ("tour:601", "停留时间应为 3 至 600 秒"),
    ],
)
def test_playlists_that_cannot_be_read(text, reason):
    with pytest.raises(playlist.PlaylistError, match=reason):
        playlist.parse(text)


def test_the_tour_spreads_over_the_units_in_order():
    entries = playlist.parse("overview:20,tour:8,meetings:10")
    assert playlist.slides(entries, ["D1", "D2"]) == [
        playlist.Slide("overview", 20),
        playlist.Slide("tour", 8, "D1"),
        playlist.Slide("tour", 8, "D2"),
        playlist.Slide("meetings", 10),
    ]


def test_the_sidebar_button_enters_presentation_mode(app):
    at = open_page(app, "lead", "overview.py")
    at.sidebar.button[1].click().run()
    assert at.query_params.get("present") in ("1", ["1"])
    assert '<div class="title">党建引领基层治理 · 大屏</div>' in slide_html(at)


def style_html(at) -> str:
    return next(e.proto.body for e in at.get("html") if ":root {" in e.proto.body)


def test_the_party_red_theme_is_chosen_in_the_link_and_by_its_button(app):
    at = present(app)
    assert "--ground: #0b1020;" in style_html(at)  # dark unless asked
    at.button(key="present_theme").click().run()  # 党建红主题
    assert at.query_params["theme"] == "red"
    assert "--ground: linear-gradient(160deg, #a3171b 0%, #6e0c0f 100%);" in style_html(at)
    assert "--value: #ffd54f;" in style_html(at)
    assert at.button(key="present_theme").label == "深色主题"
    at = present(app, theme="purple")  # a theme that does not exist is the dark one
    assert "--ground: #0b1020;" in style_html(at)
