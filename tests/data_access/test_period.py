from datetime import date

import pytest

from data_access.period import Period, complete_periods, parse_period, period_key


@pytest.mark.parametrize(
    ("key", "first", "last"),
    [
        ("2026-09", date(2026, 9, 1), date(2026, 9, 1)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 1)),
        ("2025", date(2025, 1, 1), date(2025, 12, 1)),
        ("2025-11..2026-02", date(2025, 11, 1), date(2026, 2, 1)),
    ],
)
def test_period_keys_round_trip(key, first, last):
    period = parse_period(key)
    assert (period.first, period.last) == (first, last)
    assert period_key(period) == key


def test_period_bounds_and_previous():
    q1 = Period.quarter(date(2026, 2, 14))
    assert (q1.start, q1.end, q1.months) == (date(2026, 1, 1), date(2026, 3, 31), 3)
    assert q1.previous() == Period(date(2025, 10, 1), date(2025, 12, 1))
    with pytest.raises(ValueError, match="whole months"):
        Period(date(2026, 1, 2), date(2026, 2, 1))


def test_complete_periods_end_on_or_before_the_data():
    # data up to 2026-10-31: October is complete, Q4 and 2026 are not
    assert [period_key(p) for p in complete_periods("month", date(2026, 10, 31), 2)] == [
        "2026-10",
        "2026-09",
    ]
    assert [period_key(p) for p in complete_periods("quarter", date(2026, 10, 31), 2)] == [
        "2026-Q3",
        "2026-Q2",
    ]
    assert [period_key(p) for p in complete_periods("year", date(2026, 10, 31), 1)] == ["2025"]
    assert period_key(complete_periods("month", date(2026, 10, 30), 1)[0]) == "2026-09"


def test_a_running_period_is_read_up_to_the_data_s_last_day():
    q2 = Period.quarter(date(2026, 4, 1))
    running = q2.to_date(date(2026, 4, 30))
    assert (running.start, running.end, running.months) == (date(2026, 4, 1), date(2026, 4, 30), 3)
    assert period_key(running) == "2026-Q2"
    assert running.previous() == Period.quarter(date(2026, 1, 1))  # the whole quarter before
    assert q2.to_date(date(2026, 6, 30)) == q2  # a period that has ended stays whole
    assert q2.to_date(date(2026, 9, 1)) == q2
