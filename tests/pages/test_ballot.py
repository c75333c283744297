"""民主测评投票 under AppTest on the small city (tests/appraisal_city.py's appraisal, open
now): a code opens the ballot without signing in, one radio per post and nothing else
of the app; a submit stores one ballot; the code cannot vote again."""

from datetime import UTC, datetime, timedelta

import pytest

from data_access import appraisal
from tests.appraisal_city import create, found, issue


@pytest.fixture
def codes(city) -> tuple[int, list[str]]:
    appraisal_id = create(city, opens_at=datetime.now(UTC) - timedelta(minutes=1))
    return appraisal_id, issue(city, appraisal_id, count=3)


def vote(at, answers: list[int | None]):
    for radio, answer in zip(at.radio, answers, strict=True):
        if answer is not None:
            radio.set_value(answer)
    return at.button[0].click().run()


def test_a_code_opens_the_ballot_and_nothing_else(app, codes):
    _, (code, *_) = codes
    at = app(ballot=appraisal.shown(code))
    assert [t.value for t in at.title] == ["2026 年度村（社区）党组织书记述职评议"]
    assert [r.label for r in at.radio] == [
        "1. 东园社区 社区党委书记",
        "2. 西园社区 社区党委书记",
        "3. 南湾村 村党组织书记",
    ]
    assert at.radio[0].options == ["好", "较好", "一般", "差"]
    assert all(r.value is None for r in at.radio)  # nothing chosen for the voter
    assert at.sidebar.selectbox == [] and at.text_input == []
    assert "user" not in at.session_state


def test_a_submitted_ballot_is_stored_once_and_the_code_is_spent(app, city, codes):
    appraisal_id, (code, *_) = codes
    at = vote(app(ballot=code), [0, 1, 3])
    assert [t.value for t in at.title] == ["投票已提交"]
    with city.connect() as conn:
        counts = appraisal.tally(conn, found(city, appraisal_id))["counts"].tolist()
        assert appraisal.turnout(conn, appraisal_id) == appraisal.Turnout(3, 1, 1)
    assert sorted(counts) == sorted([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
    again = app(ballot=code)  # the same code on another phone
    assert [e.value for e in again.error] == ["这个投票码已经投过票，每个投票码只能用一次。"]
    assert again.radio == []


def test_an_unanswered_post_is_named_and_nothing_is_stored(app, city, codes):
    appraisal_id, (code, *_) = codes
    at = vote(app(ballot=code), [0, None, 2])
    assert [e.value for e in at.error] == ["还有 1 项没有选择：第 2 项（西园社区 社区党委书记）"]
    with city.connect() as conn:
        assert appraisal.turnout(conn, appraisal_id) == appraisal.Turnout(3, 0, 0)
    at = vote(at, [0, 0, 2])  # answered: stored
    assert [t.value for t in at.title] == ["投票已提交"]


@pytest.mark.parametrize(
    "code, message",
    [("WRONGWRONGWRONGW", "投票码无效，请核对后重新输入。"), ("ABC", "投票码应为 16 位")],
)
def test_a_guessed_code_is_refused_and_another_can_be_typed(app, codes, code, message):
    at = app(ballot=code)
    assert at.error[0].value.startswith(message)
    assert at.radio == [] and [t.key for t in at.text_input] == ["typed_code"]
    _, (good, *_) = codes
    at.text_input(key="typed_code").input(appraisal.shown(good).lower())
    at = at.button[0].click().run()
    assert len(at.radio) == 3


def test_a_closed_vote_takes_no_ballot(app, city, codes):
    appraisal_id, (code, *_) = codes
    with city.begin() as conn:
        appraisal.close(conn, appraisal_id=appraisal_id, by="root", at=datetime.now(UTC))
    at = app(ballot=code)
    assert [e.value for e in at.error] == ["投票已经结束。"]


def test_the_ballot_speaks_english_when_asked(app, codes):
    _, (code, *_) = codes
    at = app(ballot=code, lang="en")
    assert at.caption[0].value == (
        "抓基层党建述职评议会 · 3 questions: choose one answer for each, then submit."
    )
    assert [b.label for b in at.button] == ["Submit ballot"]
    at = vote(at, [0, None, None])
    # (brackets escaped for markdown, shown as typed)
    assert at.error[0].value == (
        r"2 not answered yet: question 2 \(西园社区 社区党委书记\)\; "
        r"question 3 \(南湾村 村党组织书记\)"
    )
