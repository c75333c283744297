"""Creating engines, with the SQLite settings that let a feeder write while the app reads."""

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from data_access.private_files import write_private
from data_access.settings import database_url


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `settings.database_url()`).

    SQLite runs in WAL mode with foreign keys on and a busy timeout, so the
    live feeder and imports can write while pages read.
    """
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A runaway query is cut off rather than left to hold a connection.
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"options": "-c statement_timeout=60000 -c jit=off"},
        )

    if parsed.database and parsed.database != ":memory:":
        # SQLite gives the -wal and -shm files the database file's mode: an empty file
        # made here at 0600 keeps all three private (SQLite's own default is 0644).
        write_private(Path(parsed.database))
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine
