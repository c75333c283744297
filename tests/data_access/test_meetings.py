from datetime import date

import pytest

from data_access.indicators import meetings
from data_access.indicators.meetings import (
    cadence_compliance,
    cadence_status,
    meeting_tally,
    units_behind,
)
from data_access.period import Period
from tests.data_access.helpers import CITY, Q1_2026, by_code, run, scope


def test_cadence_status_per_unit(city):
    frame = run(city, cadence_status, scope=scope(city, CITY), period=Q1_2026)
    rows = by_code(frame)
    assert {code: r["status"] for code, r in rows.items()} == {
        "S1": "green",
        "S2": "red",
        "M1": "green",
        "M2": "amber",
        "M3": "red",
        "G1": "green",
        "G2": "red",
        "G5": "amber",
    }
    assert (rows["M2"]["types_due"], rows["M2"]["types_met"]) == (5, 2)
    assert (rows["M2"]["due"], rows["M2"]["held"]) == (9, 6)
    assert (rows["M3"]["due"], rows["M3"]["held"]) == (9, 1)


def test_one_month_expects_only_monthly_meetings(city):
    january = Period.month(date(2026, 1, 1))
    rows = by_code(run(city, cadence_status, scope=scope(city, CITY), period=january))
    assert rows["S1"]["status"] == "not_due"
    assert (rows["M1"]["types_due"], rows["M1"]["due"]) == (2, 2)  # branch committee, themed day
    assert rows["M2"]["status"] == "green"
    assert "G2" not in rows  # its building group was set up in February


def test_cadence_compliance_by_district(city):
    rows = by_code(
        run(city, cadence_compliance, scope=scope(city, CITY), level="district", period=Q1_2026)
    )
    d1, d2 = rows["D1"], rows["D2"]
    assert (d1["units_due"], d1["units_compliant"], d1["units_amber"], d1["units_red"]) == (
        5,
        3,
        1,
        1,
    )
    assert d1["compliance_rate"] == 0.6
    assert (d2["units_due"], d2["units_compliant"], d2["units_amber"], d2["units_red"]) == (
        3,
        0,
        1,
        2,
    )
    assert d2["compliance_rate"] == 0.0


def test_cadence_compliance_by_community(city):
    rows = by_code(
        run(city, cadence_compliance, scope=scope(city, CITY), level="community", period=Q1_2026)
    )
    assert rows["M1"]["compliance_rate"] == pytest.approx(2 / 3)
    assert (rows["M2"]["units_due"], rows["M2"]["compliance_rate"]) == (1, 0.0)
    assert (rows["M3"]["units_due"], rows["M3"]["units_red"]) == (2, 1)


def test_meeting_tally(city):
    frame = run(city, meeting_tally, scope=scope(city, CITY), level="district", period=Q1_2026)
    cell = frame.set_index(["unit_code", "month", "meeting_type"])
    assert cell.loc[("D1", "2026-01", "branch_committee"), "meetings"] == 2
    assert cell.loc[("D1", "2026-01", "party_group"), "meetings"] == 2  # G1 and G3
    joint = cell.loc[("D1", "2026-02", "street_joint")]
    assert (
        joint["meetings"],
        joint["attendance"],
        joint["issues_raised"],
        joint["issues_resolved"],
    ) == (
        1,
        12,
        5,
        3,
    )
    assert ("D2", "2025-12", "branch_committee") not in cell.index
    # S1 1, M1 9, M2 6, M3 1, G1 3, G2 1, G3 1, G5 2
    assert frame["meetings"].sum() == 24


def test_meeting_tally_by_community_leaves_out_street_meetings(city):
    frame = run(
        city,
        meeting_tally,
        scope=scope(city, CITY),
        level="community",
        period=Q1_2026,
        meeting_types=("street_joint", "community_joint"),
    )
    assert sorted(zip(frame["unit_code"], frame["month"], strict=True)) == [
        ("M1", "2026-01"),
        ("M2", "2026-03"),
    ]


def test_units_behind_lists_red_then_amber_fewest_held_first(city):
    frame = run(city, units_behind, scope=scope(city, CITY), period=Q1_2026)
    # tests/small_city.py: S2 held 0 of 1, G2 1 of 3, M3 1 of 9, G5 2 of 3, M2 6 of 9
    assert list(zip(frame["unit_code"], frame["status"], frame["held"], strict=True)) == [
        ("S2", "red", 0),
        ("G2", "red", 1),
        ("M3", "red", 1),
        ("G5", "amber", 2),
        ("M2", "amber", 6),
    ]


def test_units_behind_stops_at_the_worst(city, monkeypatch):
    monkeypatch.setattr(meetings, "LISTED_AT_MOST", 2)
    frame = run(city, units_behind, scope=scope(city, CITY), period=Q1_2026)
    assert list(frame["unit_code"]) == ["S2", "G2"]
