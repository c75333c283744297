"""one clock: every stored moment is UTC, timezone-aware on PostgreSQL

auth_event, app_user and auth_session held naive UTC already. import_audit,
saved_scenario and summary_built held the app server's own wall clock: they are moved to
UTC by the offset of the zone this migration runs in, the app server's.

Revision ID: 0011
Revises: 0010
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

UTC_COLUMNS = [
    ("app_user", "sessions_valid_after"),
    ("app_user", "created_at"),
    ("auth_event", "at"),
    ("auth_session", "issued_at"),
    ("auth_session", "ended_at"),
]
LOCAL_COLUMNS = [
    ("import_audit", "at"),
    ("saved_scenario", "saved_at"),
    ("summary_built", "built_at"),
]


def _offset_seconds() -> int:
    offset = datetime.now().astimezone().utcoffset()
    return int(offset.total_seconds()) if offset else 0


def _move(seconds: int, *, aware: bool) -> None:
    """Local columns by `seconds`; on PostgreSQL every column to (aware) or from timestamptz."""
    if op.get_bind().dialect.name != "postgresql":
        for table, column in LOCAL_COLUMNS:
            # keeps the fraction of a second that SQLite's datetime functions drop
            op.execute(
                f"UPDATE {table} SET {column} = strftime('%Y-%m-%d %H:%M:%S', {column}, "
                f"'{seconds:+d} seconds') || substr({column}, 20)"
            )
        return
    for table, column in UTC_COLUMNS + LOCAL_COLUMNS:
        shifted = (
            f"{column} + interval '{seconds} seconds'"
            if (table, column) in LOCAL_COLUMNS
            else column
        )
        op.alter_column(
            table,
            column,
            type_=sa.DateTime(timezone=aware),
            postgresql_using=f"({shifted}) AT TIME ZONE 'UTC'",
        )


def upgrade() -> None:
    _move(-_offset_seconds(), aware=True)


def downgrade() -> None:
    _move(_offset_seconds(), aware=False)
