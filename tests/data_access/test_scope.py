"""A scoped query never returns rows outside the scope, whatever filter is asked for."""

import pandas as pd
import pytest
from sqlalchemy import func, insert, select

from data_access.indicators.comparison import indicator_table
from data_access.indicators.coverage import (
    communities_below_quota,
    grid_coverage,
    worker_quota_totals,
)
from data_access.indicators.meetings import cadence_compliance, cadence_status, meeting_tally
from data_access.indicators.reporting import double_reporting, resident_problems, three_lists
from data_access.org_tree import move_unit
from data_access.schema import org_unit
from data_access.scope import EVERYTHING, Scope, narrow
from tests.data_access.helpers import CITY, D1, D2, M2, Q1_2026, S1, S2, by_code, run, scope

GROUPED = [
    double_reporting,
    three_lists,
    resident_problems,
    cadence_compliance,
    meeting_tally,
    indicator_table,
]

D2_CODES = {"D2", "S2", "M3", "G4", "G5"}


def period_args(query):
    if query is grid_coverage:
        return {"as_of": Q1_2026.end}
    return {"period": Q1_2026}


@pytest.mark.parametrize("query", [grid_coverage, *GROUPED], ids=lambda q: q.__name__)
@pytest.mark.parametrize("level", ["district", "street", "community"])
def test_district_scope_returns_no_row_of_another_district(city, query, level):
    frame = run(city, query, scope=scope(city, D1), level=level, **period_args(query))
    assert not frame.empty
    assert not set(frame["unit_code"]) & D2_CODES


def test_unit_level_queries_stay_in_scope(city):
    status = run(city, cadence_status, scope=scope(city, D1), period=Q1_2026)
    assert set(status["unit_code"]) == {"S1", "M1", "M2", "G1", "G2"}
    # D2 has only a rural village: no urban community, no quota
    assert run(city, communities_below_quota, scope=scope(city, D2), as_of=Q1_2026.end).empty
    totals = run(city, worker_quota_totals, scope=scope(city, D2), as_of=Q1_2026.end).iloc[0]
    assert (totals["communities"], totals["quota"]) == (0, 0) and pd.isna(totals["attainment_rate"])


def test_scoped_values_equal_the_unscoped_row(city):
    everything = by_code(
        run(city, indicator_table, scope=scope(city, CITY), level="district", period=Q1_2026)
    )
    d1_only = by_code(
        run(city, indicator_table, scope=scope(city, D1), level="district", period=Q1_2026)
    )
    assert list(d1_only) == ["D1"]
    assert d1_only["D1"] == pytest.approx(everything["D1"], nan_ok=True)


def test_narrowing_to_a_unit_outside_the_scope_sees_nothing(city):
    with city.connect() as conn:
        outside = narrow(conn, scope(city, D1), D2)
        assert outside == Scope(())
        inside = narrow(conn, scope(city, D1), S1)
        assert inside == scope(city, S1)
        # a city filter for a district user stays the district
        assert narrow(conn, scope(city, D1), CITY) == scope(city, D1)
    frame = run(city, double_reporting, scope=outside, level="district", period=Q1_2026)
    assert frame.empty


def test_street_scope_grouped_by_district_holds_only_the_street(city):
    rows = by_code(
        run(city, resident_problems, scope=scope(city, S2), level="district", period=Q1_2026)
    )
    assert list(rows) == ["D2"]
    assert rows["D2"]["raised"] == 1


def test_scope_of_several_units_is_their_union(city):
    rows = by_code(
        run(city, grid_coverage, scope=scope(city, S1, M2, S2), level="street", as_of=Q1_2026.end)
    )
    assert list(rows) == ["S1", "S2"]
    assert rows["S1"]["grids"] + rows["S2"]["grids"] == 5


def test_scope_follows_a_moved_unit(city):
    with city.begin() as conn:
        move_unit(conn, unit_id=M2, new_parent_id=S2)
    rows = by_code(
        run(city, grid_coverage, scope=scope(city, D2), level="community", as_of=Q1_2026.end)
    )
    assert list(rows) == ["M2", "M3"]
    d1 = by_code(
        run(city, grid_coverage, scope=scope(city, D1), level="district", as_of=Q1_2026.end)
    )
    assert d1["D1"]["grids"] == 2


def test_a_subtree_holds_its_own_paths_only(empty_engine):
    """Unit 2's subtree is "/1/2/..." and never unit 20's "/1/20/" (SQLite compares a
    range of paths, PostgreSQL a prefix pattern: both must agree)."""
    paths = ["/1/", "/1/2/", "/1/2/5/", "/1/20/", "/1/20/2/", "/1/3/", "/1/2"]
    rows = [
        {"id": n, "code": f"U{n}", "name": p, "level": "street", "path": p}
        for n, p in enumerate(paths, start=1)
    ]
    with empty_engine.begin() as conn:
        conn.execute(insert(org_unit), rows)
        covered = conn.execute(
            select(org_unit.c.path).where(Scope(("/1/2/",)).covers(org_unit.c.path))
        ).scalars()
        assert sorted(covered) == ["/1/2/", "/1/2/5/"]
        everything = conn.execute(
            select(func.count()).select_from(org_unit).where(EVERYTHING.covers(org_unit.c.path))
        )
        assert everything.scalar() == len(paths)
