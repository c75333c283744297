import pytest

from data_access.indicators.comparison import INDICATORS, indicator_table
from tests.data_access.helpers import CITY, Q1_2026, by_code, run, scope


def test_indicator_table_by_district(city):
    frame = run(city, indicator_table, scope=scope(city, CITY), level="district", period=Q1_2026)
    assert list(frame.columns) == ["unit_id", "unit_code", "unit_name", "parent_id", *INDICATORS]
    rows = by_code(frame)
    expected = {
        "D1": [2 / 3, 2 / 3, 0.5, 0.5, 2.5, 2 / 3, 0.5, 0.5, 0.6],
        "D2": [0.5, 0.5, 2 / 3, 1.0, 4.0, 0.5, 0.0, 1.0, 0.0],
    }
    for code, values in expected.items():
        assert [rows[code][name] for name in INDICATORS] == pytest.approx(values), code
