"""Ranks among siblings: streets within their district, communities within their street."""

import pandas as pd


def rank_among_siblings(
    current: pd.DataFrame, previous: pd.DataFrame, *, value: str
) -> pd.DataFrame:
    """`current` with its units ranked by `value` among units of the same parent_id.

    Higher is better; ties share the better rank (1, 1, 3); a unit whose value
    is missing (NaN) is not ranked. Added columns:
    - rank, siblings: the rank and how many siblings were ranked;
    - previous_rank: the same ranking on `previous` (same units, earlier period);
    - rank_change: previous_rank - rank (positive = moved up), NaN if either is missing;
    - last: bottom place among at least two ranked siblings that are not all tied (末位).
    """

    def ranks(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("parent_id", dropna=False)[value].rank(ascending=False, method="min")

    out = current.copy()
    out["rank"] = ranks(current)
    out["siblings"] = out.groupby("parent_id", dropna=False)["rank"].transform("count")
    earlier = previous.assign(previous_rank=ranks(previous))[["unit_id", "previous_rank"]]
    out = out.merge(earlier, on="unit_id", how="left")
    out["rank_change"] = out["previous_rank"] - out["rank"]
    worst = out.groupby("parent_id", dropna=False)["rank"].transform("max")
    out["last"] = (out["rank"] == worst) & (worst > 1)
    return out
