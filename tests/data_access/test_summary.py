"""Summary tables answer every indicator exactly as the raw facts do: after they are
built, after imports and after live feeding, on SQLite and PostgreSQL."""

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import delete, select

from data_access.dataset import data_end
from data_access.indicators import meetings
from data_access.indicators.comparison import indicator_table, records_in_period
from data_access.indicators.coverage import (
    communities_below_quota,
    community_workforce,
    grid_coverage,
    grid_gaps,
    worker_quota_totals,
)
from data_access.indicators.meetings import cadence_compliance, meeting_tally, units_behind
from data_access.indicators.reporting import (
    double_reporting,
    reporting_extremes,
    resident_problems,
    three_lists,
)
from data_access.indicators.trends import daily_meetings, monthly_problems, monthly_service
from data_access.period import Period
from data_access.schema import meeting, org_unit, resident_problem, summary_built
from data_access.scope import scope_of_units
from data_access.summary.build import catalogue
from data_access.summary.read import holds, period_summary_key
from sample_data.feed import feed
from tests.data_access.helpers import CITY, D1, Q1_2026, S2
from tests.data_access.test_import_links import (
    ACTIVITY_CSV,
    PARTICIPANTS_HEADER,
    REGISTRATIONS_CSV,
    UNITS_CSV,
)
from tests.data_access.test_import_tree import GRID_ORGS_HEADER, LIST_HEADER, WORKERS_HEADER
from tests.data_access.test_imports import HEADER, PROBLEMS, do_import

LEVELS = ("total", "district", "street", "community")
APRIL = Period.month(date(2026, 4, 1))
# whole and running periods around the small city's data end (2026-04-30)
PERIODS = (
    Q1_2026,
    Period.month(date(2026, 3, 1)),
    APRIL,
    Period.quarter(date(2026, 4, 1)).to_date(date(2026, 4, 30)),
    Period.year(2026).to_date(date(2026, 4, 30)),
    Period.year(2025),
)


def by_level(period: Period):
    """Every count-and-rate query of the views, at every level, for one period."""
    for level in LEVELS:
        yield grid_coverage, dict(level=level, as_of=period.end)
        yield double_reporting, dict(level=level, period=period)
        yield three_lists, dict(level=level, period=period)
        yield three_lists, dict(level=level, period=period, list_types=("need", "service"))
        yield resident_problems, dict(level=level, period=period)
        yield resident_problems, dict(level=level, period=period, sources=("hotline",))
        yield cadence_compliance, dict(level=level, period=period)
        yield meeting_tally, dict(level=level, period=period)
        yield meeting_tally, dict(level=level, period=period, meeting_types=("party_group",))
        yield records_in_period, dict(level=level, period=period)
        yield indicator_table, dict(level=level, period=period)
    yield community_workforce, dict(as_of=period.end)
    yield worker_quota_totals, dict(as_of=period.end)
    yield communities_below_quota, dict(as_of=period.end)
    yield monthly_service, dict(period=period)
    yield units_behind, dict(period=period)
    yield daily_meetings, dict(period=period)
    yield monthly_problems, dict(period=period)
    yield grid_gaps, dict(as_of=period.end)
    yield reporting_extremes, dict(period=period)
    yield reporting_extremes, dict(period=period, count=1)


def assert_summaries_match_the_facts(engine) -> int:
    """Compare every query from the summaries with its raw computation; returns how many."""
    compared = 0
    with engine.connect() as conn:
        scopes = [scope_of_units(conn, [unit]) for unit in (CITY, D1, S2)]
        for period in PERIODS:
            for scope in scopes:
                assert holds(conn, scope, [period_summary_key(period)])
                for query, filters in by_level(period):
                    summarised = query(conn, scope=scope, **filters)
                    raw = query(conn, scope=scope, raw=True, **filters)
                    pd.testing.assert_frame_equal(
                        summarised, raw, check_dtype=False, obj=f"{query.__name__} {filters}"
                    )
                    compared += 1
    return compared


@pytest.fixture
def summarised(summarised_city):
    return summarised_city


def test_the_catalogue_holds_every_period_the_views_offer(summarised):
    with summarised.connect() as conn:
        wanted = catalogue(data_end(conn))
        built = set(conn.execute(select(summary_built.c.key)).scalars())
    assert built == set(wanted)
    # 36 months, 12 quarters, 4 years and the running ones, each with the one before
    assert {"period:2026-04", "period:2023-04", "period:2026-Q2@2026-04-30"} <= built
    assert {"period:2026@2026-04-30", "period:2021", "day:2026-04-30", "month:2026-04"} <= built


def test_summaries_match_the_facts_once_built(summarised):
    assert assert_summaries_match_the_facts(summarised) == 6 * 3 * (11 * 4 + 10)


def test_views_read_the_summaries_not_the_facts(summarised):
    """A fact deleted behind the summaries' back shows only in the raw computation."""
    with summarised.begin() as conn:
        conn.execute(
            delete(resident_problem).where(resident_problem.c.raised_on >= date(2026, 1, 1))
        )
        conn.execute(delete(meeting).where(meeting.c.held_on >= date(2026, 1, 1)))
    with summarised.connect() as conn:
        scope = scope_of_units(conn, [CITY])
        for query, column, filters in (
            (resident_problems, "raised", dict(level="total")),
            (meeting_tally, "meetings", dict(level="total")),
            (daily_meetings, "meetings", {}),
            (monthly_problems, "raised", {}),
        ):
            kept = query(conn, scope=scope, period=Q1_2026, **filters)
            raw = query(conn, scope=scope, period=Q1_2026, raw=True, **filters)
            assert kept[column].sum() > 0 and raw[column].sum() == 0, query.__name__


def test_a_scope_below_the_community_reads_the_facts(summarised):
    with summarised.connect() as conn:
        grid = conn.execute(select(org_unit.c.id).where(org_unit.c.level == "grid")).scalar()
        assert not holds(conn, scope_of_units(conn, [grid]), [period_summary_key(Q1_2026)])
        assert holds(conn, scope_of_units(conn, [D1]), [period_summary_key(Q1_2026)])


def test_summaries_follow_imports(summarised):
    assert do_import(summarised, "problems", PROBLEMS.encode("gbk"), "问题.csv").ok
    assert do_import(summarised, "org_units", UNITS_CSV.encode("gbk"), "单位.csv").ok
    assert do_import(summarised, "registrations", REGISTRATIONS_CSV.encode("gbk"), "报到.csv").ok
    assert do_import(summarised, "activities", ACTIVITY_CSV.encode(), "活动.csv").ok
    participants = f"{PARTICIPANTS_HEADER}\nHD001,m04,2\nHD001,m03,2\n"
    assert do_import(summarised, "participants", participants.encode(), "参与.csv").ok
    # a member moves home from 甲区 to 乙区: both districts' counts change
    members = "党员编号,所在党组织编码,是否在职,居住社区编码\nm01,P1,是,M3\n"
    assert do_import(summarised, "members", members.encode(), "党员.csv").ok
    assert behind_in_q1(summarised)["M3"] == "red"
    # M3 catches up on its monthly meetings: held 1 of 9 due, then 7 of 9
    meetings = MEETINGS_HEADER + "".join(
        f"HY1{m}{t},M3,{name},2026-0{m}-15,12,0,0\n"
        for m in (1, 2, 3)
        for t, name in enumerate(("支委会", "主题党日"))
    )
    assert do_import(summarised, "meetings", meetings.encode(), "会议.csv").ok
    assert behind_in_q1(summarised)["M3"] == "amber"
    grid_orgs = (
        f"{GRID_ORGS_HEADER}\nWG1,G3,网格党支部,2026-03-31,是\nWG2,G4,楼栋党小组,2026-04-01,是\n"
    )
    assert do_import(summarised, "grid_party_orgs", grid_orgs.encode(), "网格党组织.csv").ok
    workers = f"{WORKERS_HEADER}\nW9,网格员,G2,2026-03-31,\nCW20,专职社区工作者,M1,2026-03-01,\n"
    assert do_import(summarised, "workers", workers.encode(), "人员.csv").ok
    assert_summaries_match_the_facts(summarised)


def test_summaries_follow_corrections(summarised):
    """Updates take away what a row added as it was and add it as it is now."""
    items = (
        f"{LIST_HEADER}\nQD1,M1,需求清单,代购药品,P1,2026-01-05,2026-02-27,P2,,2026-01-06,\n"
        "QD2,M3,服务清单,义诊,,2026-03-02,2026-03-10,,m05,2026-03-03,2026-03-31\n"
    )
    assert do_import(summarised, "list_items", items.encode(), "清单.csv").ok
    assert do_import(summarised, "problems", PROBLEMS.encode("gbk"), "问题.csv").ok
    assert do_import(summarised, "activities", ACTIVITY_CSV.encode(), "活动.csv").ok
    participants = f"{PARTICIPANTS_HEADER}\nHD001,m04,2\nHD001,m03,2\n"
    assert do_import(summarised, "participants", participants.encode(), "参与.csv").ok
    assert do_import(summarised, "meetings", ONE_MEETING.format(12).encode(), "会议.csv").ok
    assert_summaries_match_the_facts(summarised)
    # QD1 is due on 2026-03-31 (not overdue at Q1's end) and completed in April, QD2 moves
    # to April
    items = (
        f"{LIST_HEADER}\nQD1,M1,需求清单,代购药品,P1,2026-01-05,2026-03-31,P2,,2026-01-06,"
        "2026-04-10\nQD2,M3,服务清单,义诊,,2026-04-02,,,m05,2026-04-03,\n"
    )
    assert do_import(summarised, "list_items", items.encode(), "清单.csv").ok
    # WT002 is resolved on its month's last day, WT003 was raised a month earlier
    problems = f"{HEADER}\nWT002,M2,,网格走访,2026-03-01,2026-03-31\nWT003,M3,G4,会议,20260220,\n"
    assert do_import(summarised, "problems", problems.encode(), "问题.csv").ok
    # m04 served 5 hours, not 2; then the activity moves from March to January
    participants = f"{PARTICIPANTS_HEADER}\nHD001,m04,5\n"
    assert do_import(summarised, "participants", participants.encode(), "参与.csv").ok
    moved = ACTIVITY_CSV.replace("2026-03-05", "2026-01-20")
    assert do_import(summarised, "activities", moved.encode(), "活动.csv").ok
    assert do_import(summarised, "meetings", ONE_MEETING.format(30).encode(), "会议.csv").ok
    assert_summaries_match_the_facts(summarised)


ONE_MEETING = (
    "会议编号,召开单位编码,会议类型,召开日期,参会人数,提出议题数,解决议题数\n"
    "HY9,G1,党小组会,2026-03-12,{},2,1\n"
)


MEETINGS_HEADER = "会议编号,召开单位编码,会议类型,召开日期,参会人数,提出议题数,解决议题数\n"


def behind_in_q1(engine) -> dict[str, str]:
    """unit code -> status of the units behind in the city over 2026-Q1, from summaries."""
    with engine.connect() as conn:
        frame = units_behind(conn, scope=scope_of_units(conn, [CITY]), period=Q1_2026)
    return dict(zip(frame["unit_code"], frame["status"], strict=True))


def test_summaries_follow_the_live_feed(summarised):
    written = feed(summarised, count=30, seed=11)
    assert sum(written.values()) == 30
    assert_summaries_match_the_facts(summarised)


def test_the_summary_list_of_units_behind_stops_at_the_same_worst(summarised, monkeypatch):
    monkeypatch.setattr(meetings, "LISTED_AT_MOST", 2)
    with summarised.connect() as conn:
        scope = scope_of_units(conn, [CITY])
        kept = units_behind(conn, scope=scope, period=Q1_2026)
        raw = units_behind(conn, scope=scope, period=Q1_2026, raw=True)
    assert list(kept["unit_code"]) == ["S2", "G2"]
    pd.testing.assert_frame_equal(kept, raw, check_dtype=False)
