from datetime import date

import pandas as pd
import pytest
from sqlalchemy import update

from data_access.indicators import meetings
from data_access.indicators.meetings import (
    cadence_compliance,
    cadence_status,
    meeting_tally,
    units_behind,
)
from data_access.period import Period
from data_access.schema import dataset_info
from data_access.summary.build import build
from data_access.summary.read import holds, period_summary_key
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


def running_q1(day: date) -> Period:
    return Period(Q1_2026.first, Q1_2026.last, through=day)


def due_so_far(engine, day: date) -> dict[str, tuple]:
    """{unit: (types due, meetings due, held up to due, status)} for Q1 read at `day`."""
    frame = run(engine, cadence_status, scope=scope(engine, CITY), period=running_q1(day))
    return {
        code: (r["types_due"], r["due"], r["held"], r["status"])
        for code, r in by_code(frame).items()
    }


NOTHING_DUE = (0, 0, 0, "not_due")


def test_a_running_quarter_expects_only_the_cycles_already_over(city):
    # 1 January, and 30 January: no month is over yet; nobody can be behind
    for day in (date(2026, 1, 1), date(2026, 1, 30)):
        assert due_so_far(city, day) == dict.fromkeys(
            ["S1", "S2", "M1", "M2", "M3", "G1", "G5"], NOTHING_DUE
        )
    # 31 January: January's branch committee and themed day (communities) and party
    # group meeting (grids with a branch); the quarterly types are not due yet
    january = {
        "S1": NOTHING_DUE,
        "S2": NOTHING_DUE,
        "M1": (2, 2, 2, "green"),
        "M2": (2, 2, 2, "green"),
        "M3": (2, 2, 1, "amber"),  # its themed day, no branch committee
        "G1": (1, 1, 1, "green"),
        "G5": (1, 1, 1, "green"),
    }
    assert due_so_far(city, date(2026, 1, 31)) == january
    # 15 February: still January's only; February's held count up to what is due;
    # G2's building group (set up 10 February) is expected now and has held nothing
    assert due_so_far(city, date(2026, 2, 15)) == {**january, "G2": (1, 1, 0, "red")}
    # 31 March: the whole quarter, as when it is over
    whole = run(city, cadence_status, scope=scope(city, CITY), period=Q1_2026)
    expected = {
        code: (r["types_due"], r["due"], r["held"], r["status"])
        for code, r in by_code(whole).items()
    }
    assert due_so_far(city, date(2026, 3, 31)) == expected
    assert expected["M2"] == (5, 9, 6, "amber")


@pytest.mark.parametrize(
    ("day", "counts", "behind"),
    [
        (date(2026, 1, 1), (0, 0, 0, 0), []),
        (date(2026, 2, 15), (6, 4, 1, 1), [("G2", "red"), ("M3", "amber")]),
        (
            date(2026, 3, 31),
            (8, 3, 2, 3),
            [("S2", "red"), ("G2", "red"), ("M3", "red"), ("G5", "amber"), ("M2", "amber")],
        ),
    ],
)
def test_the_summaries_of_a_running_quarter_count_the_same(summarised_city, day, counts, behind):
    with summarised_city.begin() as conn:  # the data runs up to `day`
        conn.execute(
            update(dataset_info).where(dataset_info.c.key == "data_end").values(value=str(day))
        )
    build(summarised_city)
    period = Q1_2026.to_date(day)
    city_scope = scope(summarised_city, CITY)
    with summarised_city.connect() as conn:
        assert holds(conn, city_scope, [period_summary_key(period)])
        total = cadence_compliance(conn, scope=city_scope, level="total", period=period)
        raw = cadence_compliance(conn, scope=city_scope, level="total", period=period, raw=True)
        listed = units_behind(conn, scope=city_scope, period=period)
    row = total.iloc[0]
    assert (
        row["units_due"],
        row["units_compliant"],
        row["units_amber"],
        row["units_red"],
    ) == counts
    pd.testing.assert_frame_equal(total, raw, check_dtype=False)
    assert list(zip(listed["unit_code"], listed["status"], strict=True)) == behind
