"""Composite scores, ranks and scenarios on small hand-made indicator tables."""

import math

import pandas as pd
import pytest

from data_access.indicators.comparison import INDICATORS
from data_access.scoring import (
    DEFAULT_MODEL,
    Adjustment,
    ScoreModel,
    scenario_comparison,
    score_ranking,
    scores,
)

NAN = float("nan")


def model(**weights: float) -> ScoreModel:
    """Only the named indicators weigh; targets: coverage 100%, reporting 80%, hours 2/month."""
    targets = {**DEFAULT_MODEL.targets, "coverage_rate": 1.0, "reporting_rate": 0.8}
    return ScoreModel(
        weights={n: float(weights.get(n, 0)) for n in INDICATORS},
        targets={**targets, "hours_per_member": 2.0},
    )


TWO = model(coverage_rate=60, reporting_rate=40)


def table(*rows: tuple) -> pd.DataFrame:
    """rows: (code, coverage_rate, reporting_rate[, reported]); other indicators missing."""
    frame = pd.DataFrame(
        [
            {
                "unit_id": i + 1,
                "unit_code": code,
                "unit_name": f"{code}区",
                "parent_id": 1,
                **dict.fromkeys(INDICATORS, NAN),
                "coverage_rate": coverage,
                "reporting_rate": reporting,
                "reported": reported[0] if reported else True,
            }
            for i, (code, coverage, reporting, *reported) in enumerate(rows)
        ]
    )
    return frame


def listed(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


def test_scores_weigh_each_indicator_up_to_its_target():
    frame = table(("A", 0.9, 0.8), ("B", 1.0, 0.6))
    # A: 60 x 0.9 + 40 x (0.8 / 0.8) = 94; B: 60 x 1 + 40 x (0.6 / 0.8) = 90
    assert listed(scores(frame, TWO, months=3)) == [94.0, 90.0]


def test_above_target_earns_no_more_than_the_weight():
    frame = table(("A", 1.0, 0.95))
    assert listed(scores(frame, TWO, months=3)) == [100.0]


def test_a_missing_value_neither_earns_nor_costs():
    frame = table(("C", 0.5, NAN))
    # only coverage counts: 60 x 0.5 / 60
    assert listed(scores(frame, TWO, months=3)) == [50.0]


def test_a_unit_that_did_not_report_has_no_score():
    frame = table(("A", 0.9, 0.8), ("D", 0.0, 0.0, False))
    assert listed(scores(frame, TWO, months=3)) == [94.0, None]


def test_zero_weights_leave_an_indicator_out():
    frame = table(("A", 0.9, 0.8), ("B", 1.0, 0.6), ("C", 0.5, NAN))
    only_reporting = model(reporting_rate=40)
    # C has no value with weight: not scored
    assert listed(scores(frame, only_reporting, months=3)) == [100.0, 75.0, None]
    assert listed(scores(frame, model(), months=3)) == [None, None, None]


def test_hours_target_is_per_month():
    frame = table(("A", NAN, NAN)).assign(hours_per_member=3.0)
    # a quarter's target is 2 x 3 = 6 hours: 3 / 6 = 50%
    assert listed(scores(frame, model(hours_per_member=10), months=3)) == [50.0]
    assert listed(scores(frame, model(hours_per_member=10), months=1)) == [100.0]


def test_scores_are_rounded_to_two_decimals():
    frame = table(("A", 2 / 3, NAN))
    assert listed(scores(frame, TWO, months=3)) == [66.67]


def test_an_impossible_model_is_refused():
    with pytest.raises(ValueError):
        ScoreModel(weights={**DEFAULT_MODEL.weights, "claim_rate": -1}, targets=TWO.targets)
    with pytest.raises(ValueError):
        ScoreModel(weights=TWO.weights, targets={**TWO.targets, "claim_rate": 0})


def test_ties_share_the_better_rank():
    current = table(("A", 0.9, 0.8), ("B", 1.0, 0.6), ("E", 1.0, 0.6), ("C", 0.5, NAN))
    ranked = score_ranking(current, current, TWO, months=3)
    assert listed(ranked["score"]) == [94.0, 90.0, 90.0, 50.0]
    assert listed(ranked["rank"]) == [1, 2, 2, 4]
    assert listed(ranked["last"]) == [False, False, False, True]
    assert set(ranked["ranked"]) == {4}


def test_units_all_tied_have_no_last_place():
    current = table(("B", 1.0, 0.6), ("E", 1.0, 0.6))
    ranked = score_ranking(current, current, TWO, months=3)
    assert listed(ranked["rank"]) == [1, 1]
    assert listed(ranked["last"]) == [False, False]


def test_units_without_a_score_are_not_ranked():
    current = table(("A", 0.9, 0.8), ("D", 0.1, 0.1, False))
    ranked = score_ranking(current, current, TWO, months=3)
    assert listed(ranked["rank"]) == [1, None]
    # one ranked unit is not "last"
    assert listed(ranked["last"]) == [False, False]


def test_one_district_only():
    current = table(("A", 0.5, 0.4))
    ranked = score_ranking(current, current, TWO, months=3)
    assert listed(ranked["score"]) == [50.0]  # 60 x 0.5 + 40 x (0.4 / 0.8)
    assert listed(ranked["rank"]) == [1] and listed(ranked["last"]) == [False]


def test_rank_changes_against_default_weights_and_previous_period():
    current = table(("A", 0.9, 0.8), ("B", 1.0, 0.6))
    previous = table(("A", 0.5, 0.8), ("B", 1.0, 0.6))
    only_coverage = model(coverage_rate=1)
    ranked = score_ranking(current, previous, only_coverage, months=3)
    assert listed(ranked["score"]) == [90.0, 100.0]
    assert listed(ranked["rank"]) == [2, 1]
    # default weights: A and B differ only in coverage (15) and reporting (15):
    # A 15 x 0.9 + 15 x (0.8 / 0.95) = 26.13 over 30; B 15 + 15 x (0.6 / 0.95) = 24.47
    assert listed(ranked["default_rank"]) == [1, 2]
    assert listed(ranked["rank_vs_default"]) == [-1, 1]
    # previous period under the chosen weights: A 50, B 100 -> same order
    assert listed(ranked["previous_score"]) == [50.0, 100.0]
    assert listed(ranked["rank_change"]) == [0, 0]


def test_a_unit_new_in_this_period_has_no_rank_change():
    current = table(("A", 0.9, 0.8), ("B", 1.0, 0.6))
    previous = table(("A", 0.5, 0.8), ("B", 1.0, 0.6, False))
    ranked = score_ranking(current, previous, TWO, months=3)
    assert listed(ranked["previous_rank"]) == [1, None]
    assert listed(ranked["rank_change"]) == [0, None]


def test_a_scenario_raises_one_unit_and_reranks_all():
    current = table(("A", 0.9, 0.8), ("B", 1.0, 0.6), ("C", 0.5, NAN))
    raise_c = Adjustment("C", "coverage_rate", points=45)
    out, skipped = scenario_comparison(current, [raise_c], TWO, months=3)
    assert skipped == []
    assert listed(out["baseline_score"]) == [94.0, 90.0, 50.0]
    # C: coverage 0.5 + 0.45 = 0.95 -> 95 points, now first
    assert listed(out["scenario_score"]) == [94.0, 90.0, 95.0]
    assert listed(out["scenario_rank"]) == [2, 3, 1]
    assert listed(out["rank_move"]) == [-1, -1, 2]
    assert listed(out["adjusted"]) == [False, False, True]


def test_a_scenario_reaching_the_target():
    current = table(("A", 0.9, 0.8), ("B", 1.0, 0.6))
    out, _ = scenario_comparison(
        current, [Adjustment("B", "reporting_rate", to_target=True)], TWO, months=3
    )
    assert listed(out["scenario_score"]) == [94.0, 100.0]
    # already above target: nothing to gain, nothing lost
    out, _ = scenario_comparison(
        current, [Adjustment("A", "reporting_rate", to_target=True)], TWO, months=3
    )
    assert listed(out["scenario_score"]) == [94.0, 90.0]


def test_a_rate_is_capped_at_100_percent_and_hours_are_per_month():
    current = table(("A", 0.9, 0.8)).assign(hours_per_member=3.0)
    out, _ = scenario_comparison(
        current, [Adjustment("A", "coverage_rate", points=50)], TWO, months=3
    )
    assert listed(out["scenario_score"]) == [100.0]
    hours = model(hours_per_member=10)  # target 2 x 3 = 6 hours a quarter
    out, _ = scenario_comparison(
        current, [Adjustment("A", "hours_per_member", points=0.5)], hours, months=3
    )
    assert listed(out["scenario_score"]) == [75.0]  # (3 + 0.5 x 3) / 6


def test_what_cannot_be_adjusted_is_returned_and_changes_nothing():
    current = table(("A", 0.9, 0.8), ("C", 0.5, NAN), ("D", 0.1, 0.1, False))
    changes = [
        Adjustment("C", "reporting_rate", points=10),  # nothing to count
        Adjustment("D", "coverage_rate", points=10),  # did not report
        Adjustment("Z", "coverage_rate", points=10),  # not in the table
    ]
    out, skipped = scenario_comparison(current, changes, TWO, months=3)
    assert skipped == changes
    assert listed(out["scenario_score"]) == listed(out["baseline_score"])
    assert not out["adjusted"].any()


@pytest.mark.parametrize(
    "fields",
    [{"indicator": "no_such_rate", "points": 5}, {"indicator": "claim_rate", "points": 0}],
)
def test_an_impossible_adjustment_is_refused(fields):
    with pytest.raises(ValueError):
        Adjustment("A", **fields)


def test_every_score_lies_between_0_and_100():
    frame = table(("A", 0.0, 0.0), ("B", 1.0, 1.0), ("C", 0.3, 2.0))
    assert all(0 <= s <= 100 and not math.isnan(s) for s in scores(frame, TWO, months=1))
