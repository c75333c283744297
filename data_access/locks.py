"""One writer at a time, across processes, for work two of them could otherwise both do."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

# Everything that writes summary rows: building keys, and imports refreshing them.
SUMMARIES = "summaries"


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[Connection]:
    """A transaction that holds the lock `name` from its first statement to its end.
    PostgreSQL: an advisory transaction lock on the name. SQLite has one lock, the
    database's write lock: BEGIN IMMEDIATE takes it at once (a plain BEGIN only at the
    first write, after the reads that decided what to write)."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})
        yield conn
