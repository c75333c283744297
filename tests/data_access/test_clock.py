"""One clock: moments are stored as UTC and come back aware; "today" is the display
zone's (Beijing by default), whatever zone the server runs in."""

import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import StatementError

from data_access import clock
from data_access.imports.cells import CellError, day
from data_access.migrate import upgrade_to
from data_access.schema import auth_event, import_audit

BEIJING = ZoneInfo("Asia/Shanghai")
# 00:30 on 5 March in Beijing, while it is still 4 March in UTC
JUST_AFTER_MIDNIGHT = datetime(2026, 3, 4, 16, 30, tzinfo=UTC)


@pytest.fixture
def beijing_half_past_midnight(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: JUST_AFTER_MIDNIGHT)
    monkeypatch.delenv("DASHBOARD_TIMEZONE", raising=False)


def test_today_is_the_display_zones_day(beijing_half_past_midnight, monkeypatch):
    assert clock.today() == date(2026, 3, 5)
    monkeypatch.setenv("DASHBOARD_TIMEZONE", "UTC")
    assert clock.today() == date(2026, 3, 4)


def test_a_beijing_today_is_accepted_while_utc_is_the_day_before(beijing_half_past_midnight):
    assert day("2026-03-05") == date(2026, 3, 5)
    with pytest.raises(CellError, match="至今天之间"):
        day("2026-03-06")


def test_moments_are_stored_as_utc_and_come_back_aware(city):
    with city.begin() as conn:
        conn.execute(
            insert(auth_event).values(
                at=datetime(2026, 3, 5, 0, 30, tzinfo=BEIJING), username="wang", event="login"
            )
        )
        at = conn.execute(select(auth_event.c.at).where(auth_event.c.username == "wang")).scalar()
        assert at == JUST_AFTER_MIDNIGHT and at.tzinfo == UTC
        if city.dialect.name == "postgresql":
            columns = {c["name"]: c["type"] for c in inspect(conn).get_columns("auth_event")}
            assert columns["at"].timezone
    with pytest.raises(StatementError, match="naive"), city.begin() as conn:
        conn.execute(
            insert(auth_event).values(at=datetime(2026, 3, 5), username="wang", event="login")
        )


@pytest.fixture
def server_in_beijing(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_migration_moves_local_wall_clock_times_to_utc(unmigrated, server_in_beijing):
    upgrade_to(unmigrated, "0010")
    with unmigrated.begin() as conn:  # as the code before it wrote them
        conn.execute(
            text(
                "INSERT INTO import_audit (id, at, username, entity, file_name, file_sha256,"
                " outcome, inserted, updated, unchanged, rejected) VALUES (1,"
                " '2026-03-10 18:00:00.250000', 'root', 'problems', 'x.csv', 'h', 'applied',"
                " 0, 0, 0, 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO auth_event (id, at, username, event)"
                " VALUES (1, '2026-03-10 10:00:00', 'root', 'login')"
            )
        )
    upgrade_to(unmigrated, "head")
    with unmigrated.connect() as conn:
        audited = conn.execute(select(import_audit.c.at)).scalar_one()
        logged = conn.execute(select(auth_event.c.at)).scalar_one()
    # 18:00 in Beijing is 10:00 UTC; the auth times were UTC already
    assert audited == datetime(2026, 3, 10, 10, 0, 0, 250000, tzinfo=UTC)
    assert logged == datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
