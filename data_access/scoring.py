"""Composite score (综合得分) from the headline indicators, with the user's weights and
targets, and "what if" scenarios on it.

Pure pandas on an `indicator_table` frame: moving a slider recomputes from values
already fetched, never from the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.indicators.comparison import INDICATORS

# Service hours per member add up over the period, so their target is set per month.
PER_MONTH = frozenset({"hours_per_member"})

DEFAULT_WEIGHTS = {
    "coverage_rate": 15.0,
    "staffing_rate": 10.0,
    "reporting_rate": 15.0,
    "active_rate": 10.0,
    "hours_per_member": 10.0,
    "claim_rate": 10.0,
    "completion_rate": 10.0,
    "resolution_rate": 10.0,
    "compliance_rate": 10.0,
}
DEFAULT_TARGETS = {
    "coverage_rate": 1.0,  # every grid should have an organisation (应建尽建)
    "staffing_rate": 1.0,
    "reporting_rate": 0.95,
    "active_rate": 0.7,
    "hours_per_member": 1.0,  # hours per member per month
    "claim_rate": 0.9,
    "completion_rate": 0.9,
    "resolution_rate": 0.9,
    "compliance_rate": 0.9,
}


@dataclass(frozen=True)
class ScoreModel:
    """How indicators make a score out of 100.

    An indicator earns its weight in full at or above its target and in
    proportion below it: score = 100 * sum(w * min(value / target, 1)) / sum(w),
    both sums over the indicators the unit has a value for. A missing value
    (NaN: nothing to count, e.g. no in-service members) earns nothing and costs
    nothing. A unit with no weighted value, or that reported nothing for the
    period, has no score and is not ranked.
    """

    weights: dict[str, float]
    targets: dict[str, float]

    def __post_init__(self) -> None:
        for name in INDICATORS:
            if not self.weights[name] >= 0:
                raise ValueError(f"weight of {name} must be 0 or more, got {self.weights[name]}")
            if not self.targets[name] > 0:
                raise ValueError(f"target of {name} must be above 0, got {self.targets[name]}")

    def target(self, name: str, *, months: int) -> float:
        """The target over a period of `months` months."""
        return self.targets[name] * (months if name in PER_MONTH else 1)


DEFAULT_MODEL = ScoreModel(weights=DEFAULT_WEIGHTS, targets=DEFAULT_TARGETS)


def scores(table: pd.DataFrame, model: ScoreModel, *, months: int) -> pd.Series:
    """Each row's composite score (0..100, two decimals; NaN = not scored)."""
    # numpy rather than DataFrame arithmetic: this runs on every slider move
    names = list(INDICATORS)
    targets = np.array([model.target(n, months=months) for n in names])
    weights = np.array([float(model.weights[n]) for n in names])
    earned = np.clip(table[names].to_numpy(dtype="float64", na_value=np.nan) / targets, 0, 1)
    counted = ~np.isnan(earned) @ weights
    points = np.nan_to_num(earned) @ weights
    score = np.full(len(table), np.nan)
    np.divide(100 * points, counted, out=score, where=counted > 0)
    score[~table["reported"].to_numpy(dtype=bool)] = np.nan
    return pd.Series(np.round(score, 2), index=table.index)


def ranks(score: pd.Series) -> pd.Series:
    """1 = best; equal scores share the better rank (1, 1, 3); NaN is not ranked.

    Scores are rounded as shown, so units that look equal rank equal.
    """
    return score.rank(ascending=False, method="min")


def score_ranking(
    current: pd.DataFrame, previous: pd.DataFrame, model: ScoreModel, *, months: int
) -> pd.DataFrame:
    """Units of `current` scored and ranked under `model`, against the default model and
    against the previous period (`previous`: the same units' indicator table).

    Added columns: score, rank, default_score, default_rank, rank_vs_default
    (default_rank - rank, positive = the chosen weights move the unit up),
    previous_score, previous_rank, rank_change (previous_rank - rank), ranked
    (how many units have a rank), last (bottom place among at least two not all tied).
    """
    out = current.copy()
    out["score"] = scores(current, model, months=months)
    out["rank"] = ranks(out["score"])
    out["default_score"] = scores(current, DEFAULT_MODEL, months=months)
    out["default_rank"] = ranks(out["default_score"])
    out["rank_vs_default"] = out["default_rank"] - out["rank"]
    earlier = previous[["unit_id"]].assign(previous_score=scores(previous, model, months=months))
    earlier["previous_rank"] = ranks(earlier["previous_score"])
    out = out.merge(earlier, on="unit_id", how="left")
    out["rank_change"] = out["previous_rank"] - out["rank"]
    out["ranked"] = int(out["rank"].notna().sum())
    # none is last when every ranked score is tied
    out["last"] = (out["rank"] == out["rank"].max()) & (out["rank"].max() > 1)
    return out


@dataclass(frozen=True)
class Adjustment:
    """One "what if": unit `unit_code` raises `indicator` by `points` (percentage
    points for a rate, hours per member per month for service hours), or up to
    its target when `to_target` is set. Values are capped at 100% for rates."""

    unit_code: str
    indicator: str
    points: float = 0.0
    to_target: bool = False

    def __post_init__(self) -> None:
        if self.indicator not in INDICATORS:
            raise ValueError(f"unknown indicator {self.indicator!r}")
        if not self.to_target and not self.points > 0:
            raise ValueError("an adjustment raises by more than 0 points, or to the target")


def adjusted(
    table: pd.DataFrame, adjustments: Iterable[Adjustment], model: ScoreModel, *, months: int
) -> tuple[pd.DataFrame, list[Adjustment]]:
    """`table` with the adjustments applied, and the adjustments that could not be:
    the unit is not in the table, did not report, or has nothing to count for
    that indicator (a NaN stays NaN: there is nothing to raise)."""
    out = table.copy()
    skipped = []
    for change in adjustments:
        row = out.index[out["unit_code"] == change.unit_code]
        name = change.indicator
        if row.empty or not out.loc[row[0], "reported"] or pd.isna(out.loc[row[0], name]):
            skipped.append(change)
            continue
        value = out.loc[row[0], name]
        if change.to_target:
            value = max(value, model.target(name, months=months))
        else:
            value += change.points * (months if name in PER_MONTH else 0.01)
        out.loc[row[0], name] = value if name in PER_MONTH else min(value, 1.0)
    return out, skipped


def scenario_comparison(
    table: pd.DataFrame, adjustments: Iterable[Adjustment], model: ScoreModel, *, months: int
) -> tuple[pd.DataFrame, list[Adjustment]]:
    """Every unit's baseline and scenario score and rank side by side, and the
    adjustments that could not be applied (see `adjusted`).

    Columns: unit_id, unit_code, unit_name, baseline_score, baseline_rank,
    scenario_score, scenario_rank, rank_move (baseline_rank - scenario_rank,
    positive = up), adjusted (the unit itself was changed).
    """
    adjustments = list(adjustments)
    scenario, skipped = adjusted(table, adjustments, model, months=months)
    out = table[["unit_id", "unit_code", "unit_name"]].copy()
    out["baseline_score"] = scores(table, model, months=months)
    out["baseline_rank"] = ranks(out["baseline_score"])
    out["scenario_score"] = scores(scenario, model, months=months)
    out["scenario_rank"] = ranks(out["scenario_score"])
    out["rank_move"] = out["baseline_rank"] - out["scenario_rank"]
    applied = {a.unit_code for a in adjustments if a not in skipped}
    out["adjusted"] = out["unit_code"].isin(applied)
    return out, skipped
