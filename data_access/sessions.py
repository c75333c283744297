"""Sign-in sessions kept in the database, so that the server can end them.

The login cookie carries a random session id and the table keeps its SHA-256. A
session stands while its row is not ended, it is younger than the session hours, and
its user still exists, is enabled and was not logged out by force (nor changed the
password) after the session began. Logout ends the row, so a cookie copied before it
no longer signs in.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select, update

from data_access import clock
from data_access.schema import app_user, auth_session


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start(conn: Connection, *, username: str, hours: float, now: datetime | None = None) -> str:
    """A new session for `username`; returns the id for the cookie. Drops the rows of
    sessions too old to stand, so the table holds only live ones."""
    now = now or clock.now()
    conn.execute(
        delete(auth_session).where(auth_session.c.issued_at < now - timedelta(hours=hours))
    )
    session_id = secrets.token_urlsafe(32)
    conn.execute(
        insert(auth_session).values(id=_digest(session_id), username=username, issued_at=now)
    )
    return session_id


def stands(
    conn: Connection,
    session_id: str | None,
    *,
    username: str,
    hours: float,
    now: datetime | None = None,
) -> bool:
    """Whether the session still stands for `username`: one lookup by primary key."""
    if not session_id:
        return False
    now = now or clock.now()
    found = conn.execute(
        select(auth_session.c.id)
        .join(app_user, app_user.c.username == auth_session.c.username)
        .where(
            auth_session.c.id == _digest(session_id),
            auth_session.c.username == username,
            auth_session.c.ended_at.is_(None),
            auth_session.c.issued_at > now - timedelta(hours=hours),
            auth_session.c.issued_at >= app_user.c.sessions_valid_after,
            app_user.c.enabled.is_(True),
        )
    ).first()
    return found is not None


def end(conn: Connection, session_id: str, *, now: datetime | None = None) -> None:
    """Logout: the session, and every copy of its cookie, stops at once."""
    conn.execute(
        update(auth_session)
        .where(auth_session.c.id == _digest(session_id), auth_session.c.ended_at.is_(None))
        .values(ended_at=now or clock.now())
    )
