"""Monthly and daily series, on both backends."""

from data_access.indicators.trends import daily_meetings, monthly_problems, monthly_service
from tests.data_access.helpers import CITY, Q1_2026, run, scope


def test_monthly_service_counts_activities_people_and_hours(city):
    frame = run(city, monthly_service, scope=scope(city, CITY), period=Q1_2026)
    # Jan: A1 with m01 m06 m02 (3 h each); Feb: A4 with m05 m07 (4 h); Mar: A2 with m01 (2 h)
    assert frame.to_dict("list") == {
        "month": ["2026-01", "2026-02", "2026-03"],
        "activities": [1, 1, 1],
        "participations": [3, 2, 1],
        "hours": [9.0, 8.0, 2.0],
    }
    # plain numbers on both backends, never Decimal objects
    assert all(isinstance(v, (int, float)) for v in frame["participations"].tolist())


def test_monthly_problems(city):
    frame = run(city, monthly_problems, scope=scope(city, CITY), period=Q1_2026)
    # Jan R1, R5 (both resolved); Feb R2 (resolved); Mar R3 (open), R4 (resolved in April)
    assert frame.to_dict("list") == {
        "month": ["2026-01", "2026-02", "2026-03"],
        "raised": [2, 1, 2],
        "resolved": [2, 1, 0],
    }


def test_daily_meetings(city):
    frame = run(city, daily_meetings, scope=scope(city, CITY), period=Q1_2026)
    assert int(frame["meetings"].sum()) == 24
    assert frame.loc[frame["day"] == "2026-01-05", "meetings"].tolist() == [1]
