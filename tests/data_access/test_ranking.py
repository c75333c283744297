import math

import pandas as pd

from data_access.indicators.ranking import rank_among_siblings


def frame(rows):
    return pd.DataFrame(rows, columns=["unit_id", "parent_id", "score"])


def test_ranks_within_each_parent_with_ties_and_missing_values():
    now = frame(
        [(1, 10, 0.9), (2, 10, 0.5), (3, 10, 0.9), (4, 10, math.nan), (5, 20, 0.3), (6, 20, 0.7)]
    )
    before = frame(
        [(1, 10, 0.4), (2, 10, 0.8), (3, 10, 0.6), (4, 10, 0.1), (5, 20, 0.9), (6, 20, 0.2)]
    )
    out = rank_among_siblings(now, before, value="score").set_index("unit_id")
    assert out["rank"].tolist()[:3] == [1, 3, 1]
    assert math.isnan(out.loc[4, "rank"])
    assert out["siblings"].tolist() == [3, 3, 3, 3, 2, 2]
    assert out.loc[1, "previous_rank"] == 3 and out.loc[1, "rank_change"] == 2
    assert out.loc[2, "rank_change"] == -2
    assert math.isnan(out.loc[4, "rank_change"])
    assert (out.loc[5, "rank"], out.loc[5, "rank_change"]) == (2, -1)
    assert out["last"].tolist() == [False, True, False, False, True, False]


def test_an_only_child_is_never_last():
    out = rank_among_siblings(frame([(1, 10, 0.2)]), frame([(1, 10, 0.1)]), value="score")
    assert (out["rank"].iloc[0], out["last"].iloc[0]) == (1, False)


def test_a_unit_new_this_period_has_no_rank_change():
    out = rank_among_siblings(
        frame([(1, 10, 0.2), (2, 10, 0.4)]), frame([(1, 10, 0.1)]), value="score"
    )
    assert math.isnan(out.set_index("unit_id").loc[2, "rank_change"])


def test_siblings_all_tied_have_no_last_place():
    now = frame([(1, 10, 0.6), (2, 10, 0.6), (3, 20, 0.6), (4, 20, 0.5)])
    out = rank_among_siblings(now, now, value="score")
    assert out["rank"].tolist() == [1, 1, 1, 2]
    assert out["last"].tolist() == [False, False, False, True]
