"""报送情况 on the small city with the hand-made submissions of tests/submissions.py."""

from datetime import date

import pytest

from data_access.reporting_status import reporting_status, unit_summary
from tests import submissions
from tests.data_access.helpers import CITY, D1, D2, Q1_2026, scope

TWO = ("activities", "problems")


@pytest.fixture
def sent(city):
    with city.begin() as conn:
        submissions.load(conn)
    return city


def status(engine, *units, level="district", today=date(2026, 4, 10), due_day=10):
    with engine.connect() as conn:
        return reporting_status(
            conn,
            scope=scope(engine, *units),
            level=level,
            period=Q1_2026,
            due_day=due_day,
            today=today,
            entities=TWO,
        )


def cells(frame) -> dict[tuple[str, str, str], tuple]:
    return {
        (r.month, r.unit_code, r.entity): (r.status, r.rows, r.importers)
        for r in frame.itertuples()
    }


def test_each_month_unit_and_entity_says_what_arrived_and_whether_on_time(sent):
    frame = status(sent, CITY)
    assert cells(frame) == {
        ("2026-01", "D1", "activities"): ("on_time", 3, "d1steward"),  # 02-10 23:59, the due day
        ("2026-01", "D1", "problems"): ("late", 2, "d1steward"),  # 02-11 00:00, the day after
        ("2026-01", "D2", "activities"): ("missing", 0, ""),
        ("2026-01", "D2", "problems"): ("on_time", 1, "root"),  # D2's own unit
        ("2026-02", "D1", "activities"): ("on_time", 1, "root"),
        ("2026-02", "D1", "problems"): ("on_time", 1, "root"),  # 03-10 noon
        ("2026-02", "D2", "activities"): ("on_time", 6, "root, s2steward"),
        ("2026-02", "D2", "problems"): ("missing", 0, ""),
        # March is due 04-10: on that day nothing is overdue yet
        ("2026-03", "D1", "activities"): ("pending", 0, ""),
        ("2026-03", "D1", "problems"): ("pending", 0, ""),
        ("2026-03", "D2", "activities"): ("pending", 0, ""),
        ("2026-03", "D2", "problems"): ("pending", 0, ""),
    }
    feb = frame.set_index(["month", "unit_code", "entity"]).loc[("2026-02", "D2", "activities")]
    assert (str(feb["first_at"]), str(feb["last_at"])) == (
        "2026-03-05 09:00:00+08:00",
        "2026-03-20 15:00:00+08:00",
    )
    assert feb["due_on"] == date(2026, 3, 10)


def test_a_month_becomes_missing_the_day_after_it_is_due(sent):
    march = {k: v[0] for k, v in cells(status(sent, CITY, today=date(2026, 4, 11))).items()}
    assert {v for k, v in march.items() if k[0] == "2026-03"} == {"missing"}


def test_a_later_due_day_makes_a_late_arrival_on_time(sent):
    assert cells(status(sent, CITY, due_day=11))[("2026-01", "D1", "problems")][0] == "on_time"


def test_streets_count_only_their_own_rows_and_the_scope_holds(sent):
    # a district's own unit (audit 5) has no street; D1 cannot see D2 at all
    assert {k: v[:2] for k, v in cells(status(sent, D2, level="street")).items()} == {
        ("2026-01", "S2", "activities"): ("missing", 0),
        ("2026-01", "S2", "problems"): ("missing", 0),
        ("2026-02", "S2", "activities"): ("on_time", 6),
        ("2026-02", "S2", "problems"): ("missing", 0),
        ("2026-03", "S2", "activities"): ("pending", 0),
        ("2026-03", "S2", "problems"): ("pending", 0),
    }
    assert set(status(sent, D1)["unit_code"]) == {"D1"}


def test_units_fold_over_entities_and_months(sent):
    frame = status(sent, CITY)
    by_month = unit_summary(frame)
    assert {(r.unit_code, r.month): r.status for r in by_month.itertuples()} == {
        ("D1", "2026-01"): "late",  # one late
        ("D1", "2026-02"): "on_time",
        ("D1", "2026-03"): "pending",
        ("D2", "2026-01"): "late",  # one missing while the other arrived
        ("D2", "2026-02"): "late",
        ("D2", "2026-03"): "pending",
    }
    street = unit_summary(status(sent, D2, level="street"))
    assert list(street["status"]) == ["missing", "late", "pending"]
    whole = unit_summary(frame, by=("unit_id",)).set_index("unit_code")
    assert whole.loc["D1", ["expected", "on_time", "late", "missing", "pending"]].tolist() == [
        6,
        3,
        1,
        0,
        2,
    ]


def test_a_running_period_expects_its_months_up_to_the_data_end(sent):
    running = Q1_2026.to_date(date(2026, 2, 28))
    with sent.connect() as conn:
        frame = reporting_status(
            conn,
            scope=scope(sent, CITY),
            level="district",
            period=running,
            due_day=10,
            today=date(2026, 4, 10),
            entities=TWO,
        )
    assert sorted(set(frame["month"])) == ["2026-01", "2026-02"]
