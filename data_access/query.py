"""The one place where indicator SQL is executed."""

import logging
import time
from decimal import Decimal

import pandas as pd
from sqlalchemy import Connection, Executable

log = logging.getLogger(__name__)

# Indicator queries return aggregates; more rows than this means a bug or a
# missing GROUP BY, and must not reach a browser.
MAX_ROWS = 200_000
# A list of units on screen (behind on meetings, grids with gaps) stops at the first
# this many: more is not read on a screen, and a narrower scope lists all of its own.
# A province's running quarter has 98,000 units behind.
LISTED_AT_MOST = 2000


class TooManyRows(RuntimeError):
    pass


def fetch(
    conn: Connection, statement: Executable, *, max_rows: int | None = MAX_ROWS
) -> pd.DataFrame:
    """Run `statement` and return its rows as a DataFrame, logging the time taken.
    Only building summaries, which never reach a browser, lifts the limit (None)."""
    started = time.perf_counter()
    result = conn.execute(statement)
    rows = result.fetchmany(max_rows + 1) if max_rows else result.fetchall()
    if max_rows and len(rows) > max_rows:
        raise TooManyRows(f"query returned more than {max_rows} rows")
    # plain tuples: pandas probes each Row object attribute by attribute, slowly
    frame = _plain_numbers(pd.DataFrame([tuple(r) for r in rows], columns=list(result.keys())))
    log.debug("%d rows in %.1f ms", len(frame), (time.perf_counter() - started) * 1000)
    return frame


def _plain_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """PostgreSQL returns SUM over bigint as numeric, which arrives as Decimal objects;
    make such columns ordinary numbers, as SQLite gives them."""
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object and any(isinstance(v, Decimal) for v in column.head(50)):
            frame[name] = pd.to_numeric(column)
    return frame
