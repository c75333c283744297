"""述职评议 on the small city with tests/appraisal_city.py's appraisal, both backends:
hand-computed tallies, grades on both sides of the 85% and score boundaries, composite
scores, ranks, one-time codes and anonymity.
"""

import threading
from datetime import timedelta

import pandas as pd
import pytest
from sqlalchemy import inspect, select

from data_access import appraisal
from data_access.appraisal import AppraisalError, BallotRefused, Rules, Subject
from data_access.schema import auth_event, ballot_code
from data_access.scope import scope_of_units
from tests.appraisal_city import (
    CLOSES,
    DURING,
    OPENS,
    SUBJECTS,
    create,
    found,
    issue,
    subject_ids,
    vote_all,
)


@pytest.fixture
def voted(city):
    appraisal_id = create(city)
    vote_all(city, appraisal_id, issue(city, appraisal_id))
    return city, appraisal_id


def test_the_tally_shares_scores_grades_and_ranks_are_the_hand_computed_ones(voted):
    engine, appraisal_id = voted
    with engine.connect() as conn:
        result = appraisal.tally(conn, found(engine, appraisal_id))
    assert result["unit_name"].tolist() == ["西园社区", "东园社区", "南湾村"]
    assert result["counts"].tolist() == [[16, 4, 0, 0], [17, 3, 0, 0], [5, 5, 6, 4]]
    assert result["ballots"].tolist() == [20, 20, 20]
    assert result["good_share"].tolist() == [0.80, 0.85, 0.25]
    assert result["vote_score"].tolist() == [96.0, 97.0, 63.0]
    assert result["composite"].tolist() == [94.5, 92.5, 64.5]
    assert result["grade"].tolist() == ["good", "excellent", "fair"]
    assert result["rank"].tolist() == [1, 2, 3]
    assert result["last"].tolist() == [False, False, True]


def test_turnout_counts_codes_issued_ballots_returned_and_codes_burnt(voted):
    engine, appraisal_id = voted
    issue(engine, appraisal_id, count=5)  # five more handed out, not used
    with engine.connect() as conn:
        assert appraisal.turnout(conn, appraisal_id) == appraisal.Turnout(25, 20, 20)


def test_codes_are_16_symbols_of_80_bits_and_only_their_hashes_are_kept(city):
    appraisal_id = create(city)
    codes = issue(city, appraisal_id, count=50)
    assert len(set(codes)) == 50
    assert all(len(c) == 16 and set(c) <= set(appraisal.CODE_SYMBOLS) for c in codes)
    assert len(appraisal.CODE_SYMBOLS) == 32  # 16 * 5 = 80 bits
    with city.connect() as conn:
        stored = str(conn.execute(select(ballot_code)).all())
    assert not any(c in stored for c in codes)


def test_nothing_links_a_ballot_to_its_code(city):
    columns = {
        t: {c["name"] for c in inspect(city).get_columns(t)} for t in ("ballot", "ballot_code")
    }
    assert columns == {
        "ballot": {"id", "appraisal_id"},
        "ballot_code": {"id", "appraisal_id", "code_hash", "used"},
    }


def test_a_code_votes_once_and_a_second_submit_is_refused(city):
    appraisal_id = create(city)
    (code,) = issue(city, appraisal_id, count=1)
    vote_all(city, appraisal_id, [code], choices=[[0], [0], [0]])
    with pytest.raises(BallotRefused, match="已经投过票"):
        vote_all(city, appraisal_id, [code], choices=[[3], [3], [3]])
    with city.connect() as conn:
        result = appraisal.tally(conn, found(city, appraisal_id))
        assert appraisal.turnout(conn, appraisal_id) == appraisal.Turnout(1, 1, 1)
    assert result["counts"].tolist() == [[1, 0, 0, 0]] * 3


def test_typed_codes_may_have_dashes_spaces_and_small_letters(city):
    appraisal_id = create(city)
    (code,) = issue(city, appraisal_id, count=1)
    typed = " " + appraisal.shown(code).lower() + " "
    with city.connect() as conn:
        opened = appraisal.ballot_for(conn, typed, DURING)
    assert opened.subjects["unit_name"].tolist() == ["东园社区", "西园社区", "南湾村"]


@pytest.mark.parametrize(
    "code, message",
    [("", "16 位"), ("ABCD-EFGH", "16 位"), ("A" * 16, "无效"), ("A" * 300, "16 位")],
)
def test_a_guessed_or_malformed_code_is_refused(city, code, message):
    issue(city, create(city), count=3)
    with city.connect() as conn, pytest.raises(BallotRefused, match=message):
        appraisal.ballot_for(conn, code, DURING)


@pytest.mark.parametrize(
    "now, message",
    [
        (OPENS - timedelta(seconds=1), "尚未开始"),
        (CLOSES, "已经结束"),  # closes_at itself is closed
    ],
)
def test_a_code_before_the_opening_or_at_the_closing_time_is_refused(city, now, message):
    appraisal_id = create(city)
    (code,) = issue(city, appraisal_id, count=1)
    with city.connect() as conn:
        assert (
            appraisal.ballot_for(conn, code, OPENS).appraisal.id == appraisal_id
        )  # opens_at is open
        assert appraisal.ballot_for(conn, code, CLOSES - timedelta(seconds=1))
        with pytest.raises(BallotRefused, match=message):
            appraisal.ballot_for(conn, code, now)


def test_closing_by_hand_refuses_the_codes_left(city):
    appraisal_id = create(city)
    (code,) = issue(city, appraisal_id, count=1)
    with city.begin() as conn:
        appraisal.close(conn, appraisal_id=appraisal_id, by="root", at=DURING)
    with city.connect() as conn, pytest.raises(BallotRefused, match="已经结束"):
        appraisal.ballot_for(conn, code, DURING + timedelta(seconds=1))


def test_opening_early_starts_the_vote_now(city):
    appraisal_id = create(city)
    early = OPENS - timedelta(minutes=10)
    with city.begin() as conn:
        appraisal.open_now(conn, appraisal_id=appraisal_id, by="root", at=early)
    assert found(city, appraisal_id).state(early) == "open"


def test_a_ballot_missing_a_post_is_refused_and_burns_nothing(city):
    appraisal_id = create(city)
    (code,) = issue(city, appraisal_id, count=1)
    first, second, _ = subject_ids(city, appraisal_id)
    with city.begin() as conn, pytest.raises(BallotRefused, match="南湾村 村党组织书记"):
        appraisal.cast(conn, code=code, choices={first: 0, second: 1}, now=DURING)
    with city.begin() as conn, pytest.raises(BallotRefused, match="南湾村"):
        appraisal.cast(conn, code=code, choices={first: 0, second: 1, _: 4}, now=DURING)
    with city.connect() as conn:
        assert appraisal.turnout(conn, appraisal_id) == appraisal.Turnout(1, 0, 0)


def test_two_submits_of_one_code_at_once_store_one_ballot(city):
    appraisal_id = create(city)
    (code,) = issue(city, appraisal_id, count=1)
    ids = subject_ids(city, appraisal_id)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def submit() -> None:
        start.wait()
        try:
            with city.begin() as conn:
                appraisal.cast(conn, code=code, choices=dict.fromkeys(ids, 0), now=DURING)
            outcomes.append("stored")
        except BallotRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "stored"]
    with city.connect() as conn:
        assert appraisal.turnout(conn, appraisal_id) == appraisal.Turnout(1, 1, 1)


def test_freezing_waits_for_the_close_then_keeps_the_result_as_computed(voted):
    engine, appraisal_id = voted
    with engine.begin() as conn, pytest.raises(AppraisalError, match="投票结束后"):
        appraisal.freeze(conn, found=found(engine, appraisal_id), by="root", at=DURING)
    with engine.begin() as conn:
        appraisal.close(conn, appraisal_id=appraisal_id, by="root", at=DURING)
    with engine.begin() as conn:
        appraisal.freeze(conn, found=found(engine, appraisal_id), by="root", at=DURING)
    frozen = found(engine, appraisal_id)
    assert frozen.state(DURING) == "frozen"
    with engine.connect() as conn:
        kept = appraisal.result(conn, frozen)
        again = appraisal.tally(conn, frozen)  # reproducible from the stored ballots
    columns = ["subject_id", "counts", "good_share", "vote_score", "composite", "grade", "rank"]
    pd.testing.assert_frame_equal(kept[columns], again[columns], check_dtype=False)
    assert kept["last"].tolist() == again["last"].tolist() == [False, False, True]


def test_a_round_is_compared_with_the_one_before(voted):
    engine, first = voted
    second = create(engine, previous_id=first)
    later = [[0] * 20, [1] * 20, [0] * 19 + [1]]  # votes: 东园 100, 西园 80, 南湾 99
    vote_all(engine, second, issue(engine, second), choices=later)
    with engine.connect() as conn:
        result = appraisal.result(conn, found(engine, second))
    # 东园 0.5*100 + 27 + 17 = 94; 西园 0.5*80 + 28.5 + 18 = 86.5; 南湾 0.5*99 + 21 + 12 = 82.5
    assert result["unit_name"].tolist() == ["东园社区", "西园社区", "南湾村"]
    assert result["composite"].tolist() == [94.0, 86.5, 82.5]
    assert result["previous_rank"].tolist() == [2, 1, 3]
    assert result["previous_composite"].tolist() == [92.5, 94.5, 64.5]


def test_a_district_sees_only_its_own_appraisals(city):
    city_wide = create(city, unit_id=1)
    own = create(city, unit_id=3, subjects=[Subject(8, "村党组织书记")])
    with city.connect() as conn:
        district = scope_of_units(conn, [3])
        listed = appraisal.appraisals(conn, scope=district)["appraisal_id"].tolist()
        assert appraisal.appraisal_in(conn, appraisal_id=city_wide, scope=district) is None
        assert appraisal.appraisal_in(conn, appraisal_id=own, scope=district) is not None
    assert listed == [own]


def test_every_step_is_audited_and_no_voter_is_named(voted):
    engine, appraisal_id = voted
    with engine.begin() as conn:
        appraisal.close(conn, appraisal_id=appraisal_id, by="root", at=DURING)
    with engine.begin() as conn:
        appraisal.freeze(conn, found=found(engine, appraisal_id), by="root", at=DURING)
    with engine.connect() as conn:
        events = conn.execute(
            select(auth_event.c.username, auth_event.c.event, auth_event.c.detail).order_by(
                auth_event.c.id
            )
        ).all()
    tag = f"#{appraisal_id}"
    assert [tuple(e) for e in events] == [
        ("root", "appraisal_created", tag),
        ("root", "ballot_codes_issued", f"{tag} ×20"),
        *[("ballot", "ballot_cast", tag)] * 20,
        ("root", "appraisal_closed", tag),
        ("root", "appraisal_frozen", tag),
    ]


def test_a_post_without_its_verification_score_is_pending(city):
    appraisal_id = create(city, subjects=[Subject(6, "书记", survey_score=80), SUBJECTS[1]])
    vote_all(city, appraisal_id, issue(city, appraisal_id, count=1), choices=[[0], [0]])
    with city.connect() as conn:
        result = appraisal.tally(conn, found(city, appraisal_id))
    # 西园: 0.5*100 + 28.5 + 18 = 96.5 with 100% "好"; 东园 has no verification score
    assert result["unit_name"].tolist() == ["西园社区", "东园社区"]
    assert result["grade"].tolist() == ["excellent", "pending"]
    assert result["composite"].iloc[0] == 96.5 and pd.isna(result["composite"].iloc[1])
    assert result["rank"].iloc[0] == 1 and pd.isna(result["rank"].iloc[1])


def post(counts, verification=None, survey=None) -> dict:
    return {
        "subject_id": 0,
        "unit_code": "M",
        "counts": counts,
        "verification_score": verification,
        "survey_score": survey,
    }


VOTE_ONLY = Rules(vote_weight=1.0, verification_weight=0.0, survey_weight=0.0)


@pytest.mark.parametrize(
    "counts, grade",
    [
        ([17, 0, 0, 3], "good"),  # 85% "好" but a score of 85: 优秀 needs 90 too
        ([17, 3, 0, 0], "excellent"),  # 97, 85% exactly
        ([34, 1, 2, 3], "excellent"),  # 90 exactly, 85% exactly
        ([34, 0, 3, 3], "good"),  # 89.5, 85%
        ([169, 31, 0, 0], "good"),  # 96.9, 84.5%: under the share
        ([2, 0, 0, 0], "excellent"),
        ([1, 1, 0, 0], "good"),  # 90, 50%
        ([0, 1, 0, 0], "good"),  # 80 exactly
        ([0, 19, 1, 0], "fair"),  # 79
        ([0, 0, 1, 0], "fair"),  # 60 exactly
        ([0, 0, 59, 1], "poor"),  # 59
        ([0, 0, 0, 0], "pending"),  # no ballot
    ],
)
def test_grades_on_both_sides_of_each_boundary(counts, grade):
    scored = appraisal.scored(pd.DataFrame([post(counts)]), VOTE_ONLY)
    assert scored["grade"].tolist() == [grade]


def test_the_share_rule_is_the_appraisals_own():
    strict = Rules(excellent_share=0.9, vote_weight=1.0, verification_weight=0, survey_weight=0)
    scored = appraisal.scored(pd.DataFrame([post([17, 3, 0, 0])]), strict)
    assert scored["grade"].tolist() == ["good"]


def test_ties_share_the_better_rank_and_all_tied_has_no_last():
    tied = pd.DataFrame([post([1, 0, 0, 0]), post([1, 0, 0, 0]), post([0, 1, 0, 0])])
    scored = appraisal.scored(tied, VOTE_ONLY)
    assert scored["rank"].tolist() == [1, 1, 3]
    assert scored["last"].tolist() == [False, False, True]
    level = appraisal.scored(tied.iloc[:2], VOTE_ONLY)
    assert level["rank"].tolist() == [1, 1] and level["last"].tolist() == [False, False]


@pytest.mark.parametrize(
    "rules, message",
    [
        (Rules(options=("好",), scores=(100,)), "2 到 6"),
        (Rules(options=("好", "好"), scores=(100, 0)), "不能重复"),
        (Rules(options=("好", "差"), scores=(100,)), "分值"),
        (Rules(scores=(100, 80, 60, 101)), "分值"),
        (Rules(excellent_share=0), "优秀"),
        (Rules(excellent_share=1.01), "优秀"),
        (Rules(vote_weight=0), "权重"),
        (Rules(survey_weight=-0.1), "权重"),
    ],
)
def test_rules_that_make_no_sense_are_refused(rules, message):
    with pytest.raises(AppraisalError, match=message):
        appraisal.checked_rules(rules)


def test_scores_are_entered_until_the_result_is_frozen(voted):
    engine, appraisal_id = voted
    east, *_ = subject_ids(engine, appraisal_id)
    with engine.begin() as conn, pytest.raises(AppraisalError, match="0 到 100"):
        appraisal.set_scores(
            conn, found=found(engine, appraisal_id), scores={east: (101, 80)}, by="root", at=DURING
        )
    with engine.begin() as conn:
        appraisal.set_scores(
            conn, found=found(engine, appraisal_id), scores={east: (100, 100)}, by="root", at=DURING
        )
    with engine.connect() as conn:
        result = appraisal.tally(conn, found(engine, appraisal_id)).set_index("unit_name")
    assert result.loc["东园社区", "composite"] == 98.5  # 0.5*97 + 30 + 20
    with engine.begin() as conn:
        appraisal.close(conn, appraisal_id=appraisal_id, by="root", at=DURING)
    with engine.begin() as conn:
        appraisal.freeze(conn, found=found(engine, appraisal_id), by="root", at=DURING)
    with engine.begin() as conn, pytest.raises(AppraisalError, match="已经固定"):
        appraisal.set_scores(
            conn, found=found(engine, appraisal_id), scores={east: (0, 0)}, by="root", at=DURING
        )
