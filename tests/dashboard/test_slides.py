"""Slides are HTML: every text put into them is escaped (kpis and bars already were;
the clock and the as-of time now are too)."""

import pandas as pd
import pytest

from dashboard import slides, work


def test_the_top_bar_escapes_every_text():
    html = slides.top_bar(
        "<b>总览</b>",
        scope="甲区<img src=x>",
        period="&",
        clock="<i>9</i>",
        as_of="<u>",
        sample=False,
    )
    assert html == (
        '<div class="topbar"><div class="title">&lt;b&gt;总览&lt;/b&gt;</div>'
        '<div class="meta"><span class="clock">&lt;i&gt;9&lt;/i&gt;</span><br>'
        "甲区&lt;img src=x&gt; · &amp; · 数据截至 &lt;u&gt;</div></div>"
    )


def test_the_last_placed_value_is_flagged_before_being_below_the_whole():
    assert slides.weakness(0.5, True, 0.6) == "末位"
    assert slides.weakness(0.7, False, 0.75) == "低于整体 75.0%"
    assert slides.weakness(0.8, False, 0.75) == ""


def test_values_equal_as_shown_are_not_below_the_whole():
    # 0.59996 shows as 60.0%, like the whole: not below it
    assert slides.weakness(0.59996, False, 0.6) == ""
    assert slides.weakness(0.65, False, 0.65004) == ""
    assert slides.weakness(0.6494, False, 0.65) == "低于整体 65.0%"


def test_nothing_known_is_not_weak():
    assert slides.weakness(float("nan"), True, 0.7) == ""
    assert slides.weakness(0.5, False, float("nan")) == ""


def test_the_ranking_slide_marks_every_last_placed_bar_and_none_when_all_tie():
    rows = pd.DataFrame(
        {
            "unit_name": ["甲", "乙", "丙", "丁"],
            "rate": [0.9, 0.59996, 0.6, 0.3],
            "reported": [True, True, True, False],  # 丁 has not reported: not ranked
        }
    )
    html = slides.bars(rows, value="rate")
    assert html.count('class="bar last"') == 2  # 乙 and 丙 both show 60.0%
    assert '<div class="bar last"><div class="name">2. 丙</div>' in html
    assert '<div class="bar"><div class="name">4. 丁</div>' in html
    tied = rows.assign(rate=[0.6, 0.6, 0.6, 0.6])
    assert 'class="bar last"' not in slides.bars(tied, value="rate")


def test_a_flagged_number_is_orange_and_says_why():
    html = slides.kpis([("覆盖率", "50.0%"), ("配备率", "66.7%")], ["末位", ""])
    assert html == (
        '<div class="kpis"><div class="kpi weak"><div class="label">覆盖率</div>'
        '<div class="value">50.0%</div><div class="flag">▼ 末位</div></div>'
        '<div class="kpi"><div class="label">配备率</div><div class="value">66.7%</div></div></div>'
    )


def test_points_bars_say_last_two_quarters_running():
    ranking = pd.DataFrame(
        {
            "unit_name": ["东区", "西区", "南区"],
            "earned": [8.0, 4.0, 2.0],
            "rank": [1, 2, 3],
            "last": [False, False, True],
            "last_twice": [False, False, True],
        }
    )
    html = slides.points_bars(ranking)
    assert 'style="width:100.0%"' in html and 'style="width:50.0%"' in html
    assert (
        '<div class="bar last"><div class="name">3. 南区</div>'
        '<div class="track"><div class="fill" style="width:25.0%"></div></div>'
        '<div class="value">2.0 末位两季</div></div>'
    ) in html
    assert html.count("末位两季") == 1


@pytest.mark.parametrize(
    ("text", "points"),
    [("10,6,4,3,2", (10, 6, 4, 3, 2)), ("5，3", (5, 3)), ("0", (0,)), ("100", (100,))],
)
def test_points_scales_that_can_be_read(text, points):
    assert work.parse_points(text) == points


@pytest.mark.parametrize("text", ["", "101", "1,,2", "-1", "a", ",".join(["1"] * 11)])
def test_points_scales_that_cannot(text):
    with pytest.raises(ValueError):
        work.parse_points(text)


def test_appraisal_bars_show_score_grade_share_and_the_role_only_where_posts_differ():
    result = pd.DataFrame(
        {
            "unit_name": ["西园社区", "南湾村<b>"],
            "role_title": ["书记", "书记"],
            "composite": [94.5, float("nan")],
            "grade": ["good", "pending"],
            "good_share": [0.8, float("nan")],
            "rank": pd.array([1, pd.NA], dtype="Int64"),
            "last": [False, False],
        }
    )
    grades = {"good": "良好", "pending": "待录入得分"}
    html = slides.appraisal_bars(result, grades, roles=False)
    assert '<div class="name">1. 西园社区</div>' in html
    assert '<div class="value">94.5 · 良好 · 80.0%</div>' not in html  # a whole percent
    assert '<div class="value">94.5 · 良好 · 80%</div>' in html
    assert 'style="width:94.5%"' in html
    assert '<div class="name">南湾村&lt;b&gt;</div>' in html  # pending: no rank, no bar
    assert 'style="width:0.0%"' in html
    assert "1. 西园社区 书记" in slides.appraisal_bars(result, grades, roles=True)
