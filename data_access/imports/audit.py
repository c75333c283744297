"""Reading the import audit."""

import pandas as pd
from sqlalchemy import Connection, select

from data_access.query import fetch
from data_access.schema import import_audit


def recent_imports(conn: Connection, *, limit: int = 50) -> pd.DataFrame:
    """The latest imports, newest first. Columns: at, username, entity, file_name,
    file_sha256, outcome (applied / refused), inserted, updated, unchanged, rejected."""
    return fetch(
        conn,
        select(import_audit)
        .order_by(import_audit.c.at.desc(), import_audit.c.id.desc())
        .limit(limit),
    ).drop(columns="id")
