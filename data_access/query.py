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


class TooManyRows(RuntimeError):
    pass


def fetch(conn: Connection, statement: Executable) -> pd.DataFrame:
    """Run `statement` and return its rows as a DataFrame, logging the time taken."""
    started = time.perf_counter()
    result = conn.execute(statement)
    rows = result.fetchmany(MAX_ROWS + 1)
    if len(rows) > MAX_ROWS:
        raise TooManyRows(f"query returned more than {MAX_ROWS} rows")
    frame = _plain_numbers(pd.DataFrame(rows, columns=list(result.keys())))
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
