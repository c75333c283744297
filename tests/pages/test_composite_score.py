"""综合评分与推演 on the small city, Q1 2026 (previous: Q4 2025).

Default weights 15/10/15/10/10/10/10/10/10 and targets 100/100/95/70%, 1 h/month,
90/90/90/90%. From tests/small_city.py's district indicators:
- D1 甲区 Q1: 15x2/3 + 10x2/3 + 15x0.5/0.95 + 10x0.5/0.7 + 10x2.5/3 + 10x(2/3)/0.9
  + 10x0.5/0.9 + 10x0.5/0.9 + 10x0.6/0.9 = 65.22
- D2 乙区 Q1: 7.5 + 5 + 15x(2/3)/0.95 + 10 + 10 + 10x0.5/0.9 + 0 + 10 + 0 = 58.58
- Q4 2025: D1 37.16 over 90 weight points (no problems raised) = 41.29; D2 17.76 over
  80 (no list items) = 22.20.
"""

import pytest

from tests.pages.helpers import add_adjustment, metrics, open_page, table

PAGE = "composite_score.py"


def ranking(at):
    return table(at, 0).set_index("unit_name")


def test_default_weights_rank_the_districts(app):
    at = open_page(app, "lead", PAGE)
    rows = ranking(at)
    assert list(rows.index) == ["甲区", "乙区"]
    assert list(rows["score"]) == [65.22, 58.58]
    assert list(rows["rank"]) == [1, 2]
    assert list(rows["rank_vs_default"]) == ["—", "—"]
    assert list(rows["previous_score"]) == [41.29, 22.2]
    assert list(rows["rank_change"]) == ["—", "—"]
    assert list(rows["last"]) == ["否", "是"]


def zero_completion_and_compliance(at):
    at.slider(key="weight_completion_rate").set_value(0)
    at.slider(key="weight_compliance_rate").set_value(0)
    return at.run()


def test_moving_sliders_reranks(app):
    at = zero_completion_and_compliance(open_page(app, "lead", PAGE))
    assert not at.exception
    rows = ranking(at)
    # over 80 weight points: D2 58.58 / 0.8 = 73.23; D1 (65.22 - 5.56 - 6.67) / 0.8 = 66.25
    assert list(rows.index) == ["乙区", "甲区"]
    assert list(rows["score"]) == [73.23, 66.25]
    assert list(rows["rank_vs_default"]) == ["▲1", "▼1"]
    # Q4 2025 under these weights: D1 37.16 / 0.7 = 53.09, D2 17.76 / 0.7 = 25.38
    assert list(rows["previous_score"]) == [25.38, 53.09]
    assert list(rows["rank_change"]) == ["▲1", "▼1"]
    assert at.query_params["weights"] == "15,10,15,10,10,10,0,10,0"


def test_a_shared_link_reproduces_the_weights(app):
    at = open_page(app, "lead", PAGE, weights="15,10,15,10,10,10,0,10,0")
    assert list(ranking(at)["score"]) == [73.23, 66.25]
    assert at.slider(key="weight_compliance_rate").value == 0


def test_a_target_slider_changes_scores(app):
    at = open_page(app, "lead", PAGE)
    at.slider(key="target_hours_per_member").set_value(0.5).run()
    # 1.5 hours a quarter: D1 2.5 h reaches it, +10 x (1 - 2.5/3) = +1.67 -> 66.89
    assert list(ranking(at)["score"]) == [66.89, 58.58]


def test_a_scenario_shows_every_district_against_the_baseline(app):
    at = add_adjustment(open_page(app, "lead", PAGE), "D2", "completion_rate", "target")
    out = table(at, 1).set_index("unit_name")
    # D2 completion 0% -> 90%: +10 points -> 68.58, now ahead of D1
    assert list(out.index) == ["乙区", "甲区"]
    assert list(out["baseline_score"]) == [58.58, 65.22]
    assert list(out["scenario_score"]) == [68.58, 65.22]
    assert list(out["rank_move"]) == ["▲1", "▼1"]
    assert list(out["adjusted"]) == ["是", "否"]
    assert at.query_params["adjust"] == "D2:completion_rate:target"


def test_a_scenario_in_points(app):
    at = add_adjustment(open_page(app, "lead", PAGE), "D2", "completion_rate", "points", 30)
    out = table(at, 1).set_index("unit_name")
    assert out.loc["乙区", "scenario_score"] == 61.92  # 58.58 + 10 x 0.3 / 0.9
    assert out.loc["乙区", "scenario_rank"] == 2


def test_an_adjustment_with_nothing_to_raise_is_named(app):
    # Q4 2025: D2 published no list items, so its claim rate is not expected
    at = open_page(app, "lead", PAGE, period="2025-Q4")
    at = add_adjustment(at, "D2", "claim_rate", "points", 10)
    assert any("未能推演：乙区：清单认领率提高 10 个百分点" in w.value for w in at.main.warning)


def test_too_many_hours_are_refused_with_a_message(app):
    at = add_adjustment(open_page(app, "lead", PAGE), "D1", "hours_per_member", "points", 50)
    assert any("人均服务时长每次最多提高 20" in e.value for e in at.main.error)
    assert "adjust" not in at.query_params


def test_the_quota_rule_is_editable(app):
    at = open_page(app, "lead", PAGE)
    assert metrics(at)["核定员额合计"] == "12 人"  # M1 7 + M2 5
    at.number_input(key="quota_base_workers").set_value(6).run()
    shown = metrics(at)
    assert shown["核定员额合计"] == "14 人"  # M1 8 + M2 6
    assert shown["缺额（需补充）"] == "3 人"  # M1 has 6 of 8, M2 5 of 6
    assert shown["未达员额社区"] == "2 / 2 个"
    assert at.query_params["quota"] == "2000,6,300,3000"
    districts = table(at, 1)
    assert list(districts["shortfall"]) == [3] and list(districts["quota"]) == [14]


def test_an_impossible_quota_rule_is_refused_on_screen(app):
    at = open_page(app, "lead", PAGE)
    at.number_input(key="quota_cap_households").set_value(1000).run()
    assert not at.exception
    assert any("不能低于“基础户数”" in e.value for e in at.main.error)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"weights": "15,10,abc"}, "权重设置无法识别"),
        ({"weights": "99,10,15,10,10,10,10,10,10"}, "权重设置无法识别"),
        ({"targets": "100,100,95,70,1,90,90,90,20"}, "目标值设置无法识别"),
        # quoted as written: escaped for markdown, see tests/pages/test_plain_text.py
        ({"adjust": "D1:no_such:+5"}, "推演调整“D1\\:\u2060no\\_such\\:\u2060\\+5”无法识别"),
        ({"quota": "2000,5,0,3000"}, "员额规则无法识别"),
    ],
)
def test_a_bad_link_falls_back_to_defaults_and_says_so(app, query, message):
    at = open_page(app, "lead", PAGE, **query)
    assert any(message in w.value for w in at.main.warning)
    assert list(ranking(at)["score"]) == [65.22, 58.58]


def test_scenarios_are_saved_reopened_and_reset(app):
    at = zero_completion_and_compliance(open_page(app, "lead", PAGE))
    at = add_adjustment(at, "D1", "coverage_rate", "target")
    at.text_input(key="scenario_name").input("重落实")
    at.button(key="scenario_save").click().run()
    assert any("已保存方案“重落实”" in s.value for s in at.main.success)

    at.button(key="scenario_reset").click().run()
    assert list(ranking(at)["score"]) == [65.22, 58.58]
    assert "weights" not in at.query_params and "adjust" not in at.query_params

    at.selectbox(key="scenario_pick").set_value("重落实").run()
    at.button(key="scenario_open").click().run()
    assert list(ranking(at)["score"]) == [73.23, 66.25]
    assert at.query_params["adjust"] == "D1:coverage_rate:target"
    assert len(at.main.dataframe) >= 3  # the scenario table is back


def test_a_user_sees_only_their_own_saved_scenarios(app):
    at = open_page(app, "lead", PAGE)
    at.text_input(key="scenario_name").input("领导方案")
    at.button(key="scenario_save").click().run()
    other = open_page(app, "d1user", PAGE)
    assert other.selectbox(key="scenario_pick").options == []


def test_a_district_user_scores_only_its_own_streets(app):
    at = open_page(app, "d1user", PAGE)
    rows = table(at, 0)
    assert list(rows["unit_name"]) == ["甲一街道"]
    # the unit picker for scenarios offers only what the user may see
    assert at.selectbox(key="adjust_unit").options == ["甲一街道"]
