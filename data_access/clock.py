"""One clock for the whole product.

Moments are timezone-aware UTC, in code and in storage (`UtcDateTime`: PostgreSQL
`timestamptz`; SQLite, which has no zones, keeps UTC text). Days and every time shown
are in the display zone, DASHBOARD_TIMEZONE (default Asia/Shanghai): a server whose
own clock runs on UTC still calls 00:30 in Beijing the new day.
"""

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

DEFAULT_ZONE = "Asia/Shanghai"


def now() -> datetime:
    return datetime.now(UTC)


def zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("DASHBOARD_TIMEZONE", DEFAULT_ZONE))


def local(moment: datetime) -> datetime:
    """`moment` on the display zone's wall clock."""
    return moment.astimezone(zone())


def today() -> date:
    """The date in the display zone, whatever zone the server runs in."""
    return local(now()).date()


class UtcDateTime(TypeDecorator):
    """Takes aware datetimes only (a naive one would be a guess) and gives back aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def coerce_compared_value(self, op, value):
        # `at - timedelta(...)` in SQL: the interval is no moment, let DateTime type it
        return self.impl.coerce_compared_value(op, value)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored: {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
