import pytest

from data_access.indicators.comparison import INDICATORS, indicator_table
from tests.data_access.helpers import CITY, D1, Q1_2026, S2, by_code, run, scope


def test_indicator_table_by_district(city):
    frame = run(city, indicator_table, scope=scope(city, CITY), level="district", period=Q1_2026)
    assert list(frame.columns) == [
        "unit_id",
        "unit_code",
        "unit_name",
        "parent_id",
        *INDICATORS,
        "reported",
    ]
    rows = by_code(frame)
    expected = {
        "D1": [2 / 3, 2 / 3, 0.5, 0.5, 2.5, 2 / 3, 0.5, 0.5, 0.6],
        "D2": [0.5, 0.5, 2 / 3, 1.0, 4.0, 0.5, 0.0, 1.0, 0.0],
    }
    for code, values in expected.items():
        assert [rows[code][name] for name in INDICATORS] == pytest.approx(values), code


def test_total_is_one_row_for_any_scope(city):
    # D1 and S2 together: coverage 2 of 3 plus 1 of 2 grids = 3 of 5
    frame = run(city, indicator_table, scope=scope(city, D1, S2), level="total", period=Q1_2026)
    assert len(frame) == 1 and frame["unit_name"].iloc[0] == "合计"
    row = frame.iloc[0]
    assert (row["coverage_rate"], row["compliance_rate"]) == (0.6, 0.375)
    assert row["reporting_rate"] == pytest.approx(4 / 7)


def test_a_unit_that_sent_nothing_is_marked_unreported(city):
    from datetime import date

    from data_access.indicators.comparison import records_in_period
    from data_access.period import Period

    # April 2026: D1 has a list-item completion but no new records; D2 held activity A5
    april = Period.month(date(2026, 4, 1))
    counts = by_code(
        run(city, records_in_period, scope=scope(city, CITY), level="district", period=april)
    )
    assert {code: row["records"] for code, row in counts.items()} == {"D1": 0, "D2": 1}
    table = by_code(
        run(city, indicator_table, scope=scope(city, CITY), level="district", period=april)
    )
    assert (table["D1"]["reported"], table["D2"]["reported"]) == (False, True)
    q1 = by_code(
        run(city, records_in_period, scope=scope(city, CITY), level="community", period=Q1_2026)
    )
    # M1: 2 activities, 3 problems, 3 list items, 9 meetings + G1's 3 and G2's 1
    assert q1["M1"]["records"] == 2 + 3 + 3 + 9 + 4
