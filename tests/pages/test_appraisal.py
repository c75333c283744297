"""述职评议 under AppTest on the small city: tests/appraisal_city.py's appraisal, voted with
its 20 hand-counted ballots, then closed on the page and published with the hand-computed
result; a new appraisal set up on the page; a district user sees only its own."""

from datetime import UTC, datetime, timedelta

import pytest

from data_access import appraisal
from data_access.scope import EVERYTHING
from tests.appraisal_city import create, found, issue, vote_all
from tests.pages.helpers import metrics, open_page, table
from tests.pages.test_presentation import present, slide_html
from tests.pages.test_work_slides import bars, kpi


@pytest.fixture
def voting(city) -> int:
    now = datetime.now(UTC)
    appraisal_id = create(city, opens_at=now - timedelta(minutes=1))
    vote_all(city, appraisal_id, issue(city, appraisal_id), now=now)
    issue(city, appraisal_id, count=4)  # 24 handed out, 20 returned
    return appraisal_id


def test_while_the_vote_is_open_only_the_turnout_shows(app, voting):
    at = open_page(app, "root", "appraisal.py")
    assert metrics(at)["已收回选票"] == "20 / 24"
    assert metrics(at)["收回率"] == "83.3%"
    assert metrics(at)["状态"] == "投票中"
    assert [i.value for i in at.info] == ["投票结束后当场公布结果。"]


def test_closing_publishes_the_hand_computed_result_and_freezing_keeps_it(app, city, voting):
    at = open_page(app, "root", "appraisal.py")
    at = next(b for b in at.button if b.label == "结束投票并公布结果").click().run()
    assert metrics(at)["状态"] == "投票已结束"
    shown = table(at, 0)  # the result, above the scores editor
    assert shown["post"].tolist() == [
        "西园社区 社区党委书记",
        "东园社区 社区党委书记",
        "南湾村 村党组织书记",
    ]
    assert shown["rank_text"].tolist() == ["1", "2", "3"]
    assert shown["votes_好"].tolist() == ["16", "17", "5"]
    assert shown["good_share"].tolist() == [80.0, 85.0, 25.0]
    assert shown["composite"].tolist() == [94.5, 92.5, 64.5]
    assert shown["grade_text"].tolist() == ["良好", "优秀", "一般"]
    assert shown["last"].tolist() == ["否", "否", "是"]
    at = next(b for b in at.button if b.label == "固定结果").click().run()
    assert metrics(at)["状态"] == "结果已固定"
    assert table(at, 0)["composite"].tolist() == [94.5, 92.5, 64.5]
    assert found(city, voting).frozen_at is not None


def test_an_appraisal_is_set_up_on_the_page_with_its_codes(app, city):
    at = open_page(app, "root", "appraisal.py")
    at.text_input(key="new_title").input("第二季度村书记述职评议")
    at.multiselect(key="new_posts").set_value([7, 8])
    at = _submit(at, "new_appraisal")
    assert [s.value for s in at.success][0].startswith("已发放 50 个投票码")
    assert metrics(at)["已收回选票"] == "0 / 50"
    with city.connect() as conn:
        listed = appraisal.appraisals(conn, scope=EVERYTHING)
        (appraisal_id,) = listed["appraisal_id"]
        posts = appraisal.subjects(conn, int(appraisal_id))
    assert listed["title"].tolist() == ["第二季度村书记述职评议"]
    assert posts["unit_name"].tolist() == ["西园社区", "南湾村"]
    assert posts["role_title"].tolist() == ["党组织书记", "党组织书记"]


def test_a_set_up_without_posts_is_refused_and_stores_nothing(app, city):
    at = open_page(app, "root", "appraisal.py")
    at.text_input(key="new_title").input("空测评")
    at = _submit(at, "new_appraisal")
    assert [e.value for e in at.error] == ["请至少选择一个被测评对象。"]
    with city.connect() as conn:
        assert appraisal.appraisals(conn, scope=EVERYTHING).empty


def test_a_district_user_sees_only_its_districts_appraisals(app, city, voting):
    own = create(city, unit_id=2, subjects=[appraisal.Subject(6, "社区党委书记")])
    at = open_page(app, "d1user", "appraisal.py")
    assert at.selectbox(key="appraisal_chosen").options == [
        f"#{own} 2026 年度村（社区）党组织书记述职评议"
    ]
    at = open_page(app, "d1user", "appraisal.py", appraisal=str(voting))  # another's, by link
    assert at.selectbox(key="appraisal_chosen").value == own


def _submit(at, form: str):
    button = next(b for b in at.button if b.proto.form_id == form)
    return button.click().run()


def test_the_slide_counts_ballots_live_then_publishes_the_result(app, city, voting):
    html = slide_html(present(app, play="appraisal:20", appraisal=str(voting)))
    assert '<div class="title">述职评议 · 现场测评</div>' in html
    assert "2026 年度村（社区）党组织书记述职评议 · 抓基层党建述职评议会" in html
    assert kpi(html, "已收回选票") == "20 / 24" and kpi(html, "收回率") == "83.3%"
    assert "综合得分" not in html  # nothing of the result while the vote is open
    with city.begin() as conn:
        appraisal.close(conn, appraisal_id=voting, by="root", at=datetime.now(UTC))
    html = slide_html(present(app, play="appraisal:20"))  # the newest, unnamed
    assert '<div class="title">述职评议 · 测评结果</div>' in html
    assert bars(html) == [
        ("", "1. 西园社区 社区党委书记", "94.5 · 良好 · 80%"),
        ("", "2. 东园社区 社区党委书记", "92.5 · 优秀 · 85%"),
        ("last", "3. 南湾村 村党组织书记", "64.5 · 一般 · 25%"),
    ]
