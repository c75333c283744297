"""Names and other user text shown as written, never as markdown.

A unit renamed to NAME must not turn bold, link or fetch an image where Streamlit
renders markdown (captions, alerts, headings, the what-if list): those get the
backslash-escaped ESCAPED, written out here by hand (J is the invisible word joiner
dashboard/formatting.py puts where Streamlit rewrites text after parsing). What shows
text as it is, like a selectbox, gets the name itself.
"""

import pytest
from sqlalchemy import insert, update

from data_access import users
from data_access.schema import app_user, dataset_info, org_unit
from tests.pages.helpers import add_adjustment, open_page

NAME = "**粗体**[链接](http://example.com)![](http://example.com/x.png)"
J = "\u2060"
ESCAPED = (
    r"\*\*粗体\*\*\[链接\]\(http\:" + J + r"\/\/example\.com\)"
    r"\!\[\]\(http\:" + J + r"\/\/example\.com\/x\.png\)"
)


def rename(city, code: str, name: str = NAME) -> None:
    with city.begin() as conn:
        conn.execute(update(org_unit).where(org_unit.c.code == code).values(name=name))


def test_the_scope_line_shows_the_unit_name_as_written(app, city):
    rename(city, "D2")
    at = open_page(app, "lead", "overview.py", unit="D2")
    assert at.main.caption[0].value.startswith(f"范围：{ESCAPED} · 统计期：")
    # the picker shows text as it is: the name itself, unescaped
    assert NAME in at.sidebar.selectbox(key="unit").options


def test_the_report_page_scope_line_too(app, city):
    rename(city, "D2")
    at = open_page(app, "lead", "reporting_status.py", unit="D2")
    assert at.main.caption[0].value.startswith(f"范围：{ESCAPED} · 统计期：")


def test_a_silent_unit_is_named_as_written(app, city):
    rename(city, "D1")  # sends nothing in 2026-04
    at = open_page(app, "lead", "overview.py", grain="month", period="2026-04")
    assert f"本期尚未报送数据的区县：{ESCAPED}" in [w.value for w in at.main.warning]


def test_the_last_placed_unit_is_named_as_written(app, city):
    rename(city, "D2")  # last on coverage
    at = open_page(app, "lead", "comparison.py")
    assert f"网格党组织覆盖率同级末位：{ESCAPED}" in [w.value for w in at.main.warning]


def test_the_what_if_list_shows_the_unit_name_as_written(app, city):
    rename(city, "D2")
    at = add_adjustment(
        open_page(app, "lead", "composite_score.py"), "D2", "coverage_rate", "target"
    )
    listed = [m.value for m in at.main.markdown if m.value.startswith("- ")]
    assert listed == [f"- {ESCAPED}：网格党组织覆盖率达到目标值"]
    assert NAME in at.selectbox(key="adjust_unit").options


def test_an_adjustment_that_cannot_be_made_names_the_unit_as_written(app, city):
    rename(city, "D2")
    at = open_page(app, "lead", "composite_score.py", period="2025-Q4")
    at = add_adjustment(at, "D2", "claim_rate", "points", 10)
    assert any(
        f"未能推演：{ESCAPED}：清单认领率提高 10 个百分点" in w.value for w in at.main.warning
    )


def test_the_ranking_heading_names_the_scope_as_written(app, city):
    rename(city, "D2")
    at = open_page(app, "lead", "composite_score.py", unit="D2")
    headings = [h.value for h in at.main.subheader]
    assert f"综合得分排名（街道/乡镇，在{ESCAPED}内排名）" in headings


def test_a_link_s_unreadable_adjustment_is_quoted_as_written(app):
    at = open_page(app, "lead", "composite_score.py", adjust="[点](http://example.com):x:+5")
    assert (
        r"链接中的推演调整“\[点\]\(http\:"
        + J
        + r"\/\/example\.com\)\:"
        + J
        + r"x\:"
        + J
        + r"\+5”无法识别，已忽略。"
    ) in [w.value for w in at.main.warning]


def test_a_scenario_name_is_shown_as_written(app):
    at = open_page(app, "lead", "composite_score.py")
    at.text_input(key="scenario_name").input("**方案**_1_")
    at.button(key="scenario_save").click().run()
    assert [s.value for s in at.main.success] == [r"已保存方案“\*\*方案\*\*\_1\_”。"]
    assert at.selectbox(key="scenario_pick").options == ["**方案**_1_"]


@pytest.fixture
def known_password(monkeypatch):
    # token_urlsafe passwords hold "_" and "-": as markdown, "_x_" lost its underscores
    monkeypatch.setattr(users, "random_password", lambda: "__Pass_word__1")


def test_a_new_password_is_shown_as_it_is(app, known_password):
    at = app("root")
    at.switch_page("../pages/users_admin.py")
    at.run()
    at.selectbox(key="account_target").select("lead")
    next(b for b in at.button if b.label == "重置密码").click()
    at.run()
    assert [s.value for s in at.success] == [r"新密码（仅显示一次）：\_\_Pass\_word\_\_1"]


def test_the_signed_in_name_and_the_data_label_show_as_written(app, city):
    with city.begin() as conn:
        conn.execute(
            update(app_user).where(app_user.c.username == "lead").values(display_name=NAME)
        )
        conn.execute(insert(dataset_info).values(key="label", value=NAME))
    at = app("lead")
    assert at.sidebar.caption[0].value == f"{ESCAPED} · 领导"
    assert [w.value for w in at.main.warning if "示例数据" in w.value] == [
        f"**示例数据** · {ESCAPED}"
    ]
