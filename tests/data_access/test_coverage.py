from datetime import date

import pandas as pd
import pytest
from sqlalchemy import literal, select

from data_access.indicators import coverage
from data_access.indicators.coverage import (
    QuotaRule,
    apply_quota,
    communities_below_quota,
    community_workforce,
    coverage_total,
    grid_coverage,
    grid_gaps,
    quota_by_district,
    worker_quota_totals,
)
from tests.data_access.helpers import CITY, D1, by_code, run, scope

END_Q1 = date(2026, 3, 31)


def test_grid_coverage_by_district(city):
    rows = by_code(
        run(city, grid_coverage, scope=scope(city, CITY), level="district", as_of=END_Q1)
    )
    assert list(rows) == ["D1", "D2"]
    d1, d2 = rows["D1"], rows["D2"]
    assert (d1["grids"], d1["grids_with_org"], d1["grids_with_worker"]) == (3, 2, 2)
    assert d1["coverage_rate"] == pytest.approx(2 / 3)
    assert d1["staffing_rate"] == pytest.approx(2 / 3)
    assert (d1["households"], d1["grid_workers"], d1["households_per_worker"]) == (1200, 2, 600)
    assert (d2["grids"], d2["grids_with_org"], d2["grids_with_worker"]) == (2, 1, 1)
    assert d2["coverage_rate"] == 0.5
    assert (d2["households"], d2["grid_workers"], d2["households_per_worker"]) == (650, 2, 325)
    # D1: G2 has no worker, G3 no organisation; D2: G4 no organisation, G5 no worker
    assert (d1["gapped_grids"], d2["gapped_grids"]) == (2, 2)


def test_grid_coverage_reads_the_date(city):
    # On 2026-01-31 G2's building group is not set up yet; W2 is still in post.
    rows = by_code(
        run(city, grid_coverage, scope=scope(city, CITY), level="district", as_of=date(2026, 1, 31))
    )
    assert rows["D1"]["grids_with_org"] == 1
    assert rows["D1"]["grid_workers"] == 3


def test_grid_coverage_by_community_and_city(city):
    rows = by_code(
        run(city, grid_coverage, scope=scope(city, CITY), level="community", as_of=END_Q1)
    )
    assert {code: r["coverage_rate"] for code, r in rows.items()} == {
        "M1": 1.0,
        "M2": 0.0,
        "M3": 0.5,
    }
    # G1 has both and is no gap; M1's G2, M2's G3, M3's G4 and G5 lack one
    assert {code: r["gapped_grids"] for code, r in rows.items()} == {"M1": 1, "M2": 1, "M3": 2}
    whole = by_code(run(city, grid_coverage, scope=scope(city, CITY), level="city", as_of=END_Q1))
    assert whole["C"]["coverage_rate"] == 0.6
    assert whole["C"]["households_per_worker"] == 462.5


@pytest.mark.parametrize(
    ("households", "quota"),
    [(0, 5), (2000, 5), (2299, 5), (2300, 6), (2600, 7), (3000, 8), (3500, 8), (9000, 8)],
)
def test_quota_rule(households, quota):
    assert QuotaRule().quota(households) == quota


def test_quota_rule_parameters_are_editable():
    rule = QuotaRule(base_households=1500, base_workers=4, step_households=250, cap_households=4000)
    assert rule.quota(1500) == 4
    assert rule.quota(2000) == 6
    assert rule.quota(5000) == 14


@pytest.mark.parametrize(
    "rule",
    [QuotaRule(), QuotaRule(base_households=1500, base_workers=4, step_households=250)],
    ids=["zhenjiang", "edited"],
)
def test_the_quota_rule_in_sql_is_the_rule(city, rule):
    households = [0, 1499, 1500, 1749, 1750, 2000, 2299, 2300, 2999, 3000, 3001, 9000]
    with city.connect() as conn:
        in_sql = [conn.execute(select(rule.quota_in_sql(literal(h)))).scalar() for h in households]
    assert in_sql == [rule.quota(h) for h in households]


def test_worker_quota_totals(city):
    # M1 (2,600 households) has 6 of its quota of 7, M2 (1,800) 5 of 5; M3 is rural: no quota
    totals = run(city, worker_quota_totals, scope=scope(city, CITY), as_of=END_Q1)
    assert totals.to_dict("records") == [
        {
            "communities": 2,
            "at_quota": 1,
            "quota": 12,
            "workers": 11,
            "shortfall": 1,
            "attainment_rate": 0.5,
        }
    ]


def test_communities_below_quota(city):
    rows = by_code(run(city, communities_below_quota, scope=scope(city, CITY), as_of=END_Q1))
    assert list(rows) == ["M1"]  # M2 meets its quota
    assert (rows["M1"]["quota"], rows["M1"]["workers"], rows["M1"]["shortfall"]) == (7, 6, 1)
    assert rows["M1"]["attainment"] == pytest.approx(6 / 7)
    assert rows["M1"]["district_id"] == D1


def test_below_quota_lists_the_largest_shortfall_first_and_stops(city, monkeypatch):
    # base 1,500 households -> 6 workers, +1 per 200: M1 2,600 -> 11 (has 6), M2 1,800 -> 7 (5)
    rule = QuotaRule(base_households=1500, base_workers=6, step_households=200, cap_households=3000)
    args = dict(scope=scope(city, CITY), as_of=END_Q1, rule=rule)
    short = run(city, communities_below_quota, **args)
    assert list(zip(short["unit_code"], short["shortfall"], strict=True)) == [("M1", 5), ("M2", 2)]
    totals = run(city, worker_quota_totals, **args).iloc[0]
    assert (totals["at_quota"], totals["quota"], totals["shortfall"]) == (0, 18, 7)
    monkeypatch.setattr(coverage, "LISTED_AT_MOST", 1)
    assert list(run(city, communities_below_quota, **args)["unit_code"]) == ["M1"]


def test_coverage_total_from_the_rows_of_a_level(city):
    by_district = run(city, grid_coverage, scope=scope(city, CITY), level="district", as_of=END_Q1)
    whole = run(city, grid_coverage, scope=scope(city, CITY), level="city", as_of=END_Q1).iloc[0]
    total = coverage_total(by_district)
    assert (total["grids"], total["grids_with_org"], total["grids_with_worker"]) == (5, 3, 3)
    assert (total["coverage_rate"], total["households_per_worker"], total["gapped_grids"]) == (
        0.6,
        462.5,
        4,
    )
    for column in ["grids", "households", "coverage_rate", "staffing_rate", "gapped_grids"]:
        assert total[column] == whole[column]


def test_coverage_total_of_no_grid_is_not_a_number(city):
    none = run(city, grid_coverage, scope=scope(city, CITY), level="district", as_of=END_Q1)
    total = coverage_total(none.iloc[0:0])
    assert total["grids"] == 0 and pd.isna(total["coverage_rate"])


def test_a_tighter_quota_rule_changes_who_falls_short(city):
    workforce = run(city, community_workforce, scope=scope(city, CITY), as_of=END_Q1)
    # base 1,500 households -> 6 workers, +1 per 200: M1 2,600 -> 6 + 5 = 11, M2 1,800 -> 7
    rule = QuotaRule(base_households=1500, base_workers=6, step_households=200, cap_households=3000)
    rows = by_code(apply_quota(workforce, rule))
    assert (rows["M1"]["quota"], rows["M1"]["shortfall"]) == (11, 5)
    assert (rows["M2"]["quota"], rows["M2"]["shortfall"]) == (7, 2)
    districts = quota_by_district(apply_quota(workforce, rule))
    assert districts.to_dict("records") == [
        {
            "district_id": D1,
            "district_name": "甲区",
            "communities": 2,
            "short_communities": 2,
            "households": 4400,
            "quota": 18,
            "workers": 11,
            "shortfall": 7,
        }
    ]


@pytest.mark.parametrize(
    "fields",
    [{"step_households": 0}, {"base_workers": -1}, {"cap_households": 1000}],
)
def test_an_impossible_quota_rule_is_refused(fields):
    with pytest.raises(ValueError):
        QuotaRule(**fields)


def test_grid_gaps_lists_grids_lacking_an_organisation_or_a_worker(city):
    frame = run(city, grid_gaps, scope=scope(city, CITY), as_of=END_Q1)
    # tests/small_city.py: covered G1, G2, G5; workers in G1, G3, G4
    assert list(zip(frame["grid_code"], frame["has_org"], frame["has_worker"], strict=True)) == [
        ("G2", True, False),
        ("G3", False, True),
        ("G4", False, True),
        ("G5", True, False),
    ]
    assert list(frame["community_name"])[:1] == ["东园社区"]


def test_grid_gaps_stop_at_the_first(city, monkeypatch):
    monkeypatch.setattr(coverage, "LISTED_AT_MOST", 2)
    frame = run(city, grid_gaps, scope=scope(city, CITY), as_of=END_Q1)
    assert list(frame["grid_code"]) == ["G2", "G3"]
