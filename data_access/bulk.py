"""Moving many rows fast: COPY on PostgreSQL, executemany on SQLite.

Used by the sample-data generator and the summary build; column names come from
code, never from user input.
"""

import io
from contextlib import closing

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Integer, Select, Table, func, select, text


def _plain_values(table: Table, frame: pd.DataFrame) -> list[tuple]:
    """Rows as tuples of plain Python values: dates as ISO strings, NaN/NaT as None,
    and integer columns as ints even where pandas made them float to hold NaN."""
    columns = []
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            column = column.dt.strftime("%Y-%m-%d")
        missing = column.isna().tolist()
        values = column.tolist()
        if isinstance(table.c[name].type, Integer) and pd.api.types.is_float_dtype(column):
            values = [None if m else int(v) for v, m in zip(values, missing, strict=True)]
        elif any(missing):
            values = [None if m else v for v, m in zip(values, missing, strict=True)]
        columns.append(values)
    return list(zip(*columns, strict=True))


def insert_frame(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """Insert every row of `frame` (columns named as in `table`) into `table`."""
    if frame.empty:
        return
    unknown = set(frame.columns) - set(table.c.keys())
    if unknown:
        raise ValueError(f"{table.name} has no columns {sorted(unknown)}")
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in frame.columns)
    rows = _plain_values(table, frame)
    dbapi = _driver(conn)
    if conn.dialect.name == "postgresql":
        statement = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
        with dbapi.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        advance_id_sequence(conn, table)
    else:
        marks = ", ".join("?" for _ in frame.columns)
        dbapi.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", rows)


def advance_id_sequence(conn: Connection, table: Table) -> None:
    """After rows with explicit ids went in, move PostgreSQL's id sequence past them
    (SQLite needs nothing: it takes the next id from the table itself)."""
    if conn.dialect.name != "postgresql" or "id" not in table.c or not table.c.id.autoincrement:
        return
    top = conn.execute(select(func.max(table.c.id))).scalar()
    if top is not None:
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :top)"),
            {"t": table.name, "top": top},
        )


def _driver(conn: Connection):
    """The DBAPI connection under `conn`, there while `conn` is open."""
    driver = conn.connection.driver_connection
    assert driver is not None, "the connection is closed"
    return driver


def read_numbers(conn: Connection, query: Select) -> pd.DataFrame:
    """All rows of a query of whole-number columns (NULL as NaN), for millions of rows:
    COPY on PostgreSQL is ten times faster than fetching rows one by one."""
    names = [c.name for c in query.selected_columns]
    sql = query.compile(conn, compile_kwargs={"literal_binds": True})
    if conn.dialect.name != "postgresql":
        # the driver's plain tuples: a frame built from result Rows costs a failed
        # attribute lookup per row (pandas probes each one), minutes for millions
        with closing(_driver(conn).cursor()) as cursor:
            rows = cursor.execute(str(sql)).fetchall()
        values = np.array(rows, dtype="float64").reshape(len(rows), len(names))
        return pd.DataFrame(values, columns=names)
    buffer = io.BytesIO()
    cursor = _driver(conn).cursor()
    with cursor, cursor.copy(f"COPY ({sql}) TO STDOUT") as copy:
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    return pd.read_csv(buffer, sep="\t", header=None, names=names, na_values="\\N", dtype="float64")
