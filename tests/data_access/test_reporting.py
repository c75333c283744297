import math

import pytest

from data_access.indicators.reporting import (
    double_reporting,
    reporting_extremes,
    resident_problems,
    three_lists,
)
from tests.data_access.helpers import CITY, Q1_2026, by_code, run, scope


def test_double_reporting_by_district(city):
    rows = by_code(
        run(city, double_reporting, scope=scope(city, CITY), level="district", period=Q1_2026)
    )
    d1, d2 = rows["D1"], rows["D2"]
    assert (d1["in_service_members"], d1["registered_members"], d1["active_members"]) == (4, 2, 1)
    assert (d1["reporting_rate"], d1["active_rate"]) == (0.5, 0.5)
    assert (d1["service_hours"], d1["hours_per_member"]) == (5.0, 2.5)
    assert d1["registered_orgs"] == 1
    assert (d2["in_service_members"], d2["registered_members"], d2["active_members"]) == (3, 2, 2)
    assert d2["reporting_rate"] == pytest.approx(2 / 3)
    assert (d2["active_rate"], d2["service_hours"], d2["hours_per_member"]) == (1.0, 8.0, 4.0)
    assert d2["registered_orgs"] == 1


def test_double_reporting_by_community_counts_zero_not_missing(city):
    rows = by_code(
        run(city, double_reporting, scope=scope(city, CITY), level="community", period=Q1_2026)
    )
    # M2: m04 registered but only served in December, outside the 90 days.
    assert (rows["M2"]["registered_members"], rows["M2"]["active_members"]) == (1, 0)
    assert (rows["M2"]["active_rate"], rows["M2"]["hours_per_member"]) == (0.0, 0.0)
    assert rows["M2"]["registered_orgs"] == 0  # P3 was revoked on 2026-03-01


def test_reporting_extremes_lowest_and_highest_rate(city):
    # at 2026-03-31: M1 1 of 2 (m01), M2 1 of 2 (m04), M3 2 of 3 (m05, m07)
    every = run(city, reporting_extremes, scope=scope(city, CITY), period=Q1_2026)
    assert list(every["unit_code"]) == ["M1", "M2", "M3"]
    assert list(every["reporting_rate"]) == [0.5, 0.5, pytest.approx(2 / 3)]
    # M1 and M2 tie at 50%: the lower id comes first
    one = run(city, reporting_extremes, scope=scope(city, CITY), period=Q1_2026, count=1)
    assert list(one["unit_code"]) == ["M1", "M3"]
    assert list(one["hours_per_member"]) == [5.0, 4.0]  # M1 m01 5 h; M3 8 h / 2


def test_three_lists(city):
    rows = by_code(
        run(city, three_lists, scope=scope(city, CITY), level="district", period=Q1_2026)
    )
    d1, d2 = rows["D1"], rows["D2"]
    assert (d1["published"], d1["claimed"], d1["completed"], d1["overdue"]) == (3, 2, 1, 2)
    assert d1["claim_rate"] == pytest.approx(2 / 3)
    assert d1["completion_rate"] == 0.5
    assert (d2["published"], d2["claimed"], d2["completed"], d2["overdue"]) == (2, 1, 0, 1)
    assert (d2["claim_rate"], d2["completion_rate"]) == (0.5, 0.0)


def test_three_lists_nothing_published_is_not_expected(city):
    rows = by_code(
        run(city, three_lists, scope=scope(city, CITY), level="community", period=Q1_2026)
    )
    assert rows["M2"]["published"] == 0
    assert math.isnan(rows["M2"]["claim_rate"])
    assert rows["M2"]["overdue"] == 1


def test_three_lists_by_type(city):
    rows = by_code(
        run(
            city,
            three_lists,
            scope=scope(city, CITY),
            level="district",
            period=Q1_2026,
            list_types=("need",),
        )
    )
    assert (rows["D1"]["published"], rows["D1"]["completed"], rows["D1"]["overdue"]) == (1, 1, 1)


def test_resident_problems(city):
    rows = by_code(
        run(city, resident_problems, scope=scope(city, CITY), level="district", period=Q1_2026)
    )
    d1, d2 = rows["D1"], rows["D2"]
    assert (d1["raised"], d1["resolved"], d1["resolution_rate"], d1["median_days"]) == (
        4,
        2,
        0.5,
        7.0,
    )
    assert (d2["raised"], d2["resolved"], d2["resolution_rate"], d2["median_days"]) == (
        1,
        1,
        1.0,
        3.0,
    )


def test_resident_problems_by_source(city):
    rows = by_code(
        run(
            city,
            resident_problems,
            scope=scope(city, CITY),
            level="district",
            period=Q1_2026,
            sources=("hotline",),
        )
    )
    assert (rows["D1"]["raised"], rows["D1"]["resolved"], rows["D1"]["median_days"]) == (2, 1, 10.0)
    assert rows["D2"]["raised"] == 0
    assert math.isnan(rows["D2"]["resolution_rate"])
    assert math.isnan(rows["D2"]["median_days"])
