"""One writer at a time, across processes, for work two of them could otherwise both do."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

# Everything that decides what to write from what it read, and writes summary rows:
# building summary keys, and imports (planned against the rows already there).
SUMMARIES = "summaries"


def hold(conn: Connection, name: str) -> None:
    """Take the lock `name` until the transaction ends; the transaction's first statement.
    PostgreSQL: an advisory transaction lock on the name. SQLite has one lock, the
    database's write lock: BEGIN IMMEDIATE takes it at once (a plain BEGIN takes it at
    the first write, after the reads that decided what to write)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[Connection]:
    """A transaction holding the lock `name` from its start to its end."""
    with engine.begin() as conn:
        hold(conn, name)
        yield conn
