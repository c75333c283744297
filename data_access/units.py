"""Looking up org units for pickers."""

import pandas as pd
from sqlalchemy import Connection, select

from data_access.query import fetch
from data_access.schema import org_unit
from data_access.scope import Scope


def unit_options(conn: Connection, *, scope: Scope, levels: tuple[str, ...]) -> pd.DataFrame:
    """Units at `levels` inside the scope, in code order. Columns: unit_id, code, name, level."""
    return fetch(
        conn,
        select(org_unit.c.id.label("unit_id"), org_unit.c.code, org_unit.c.name, org_unit.c.level)
        .where(org_unit.c.level.in_(levels), scope.covers(org_unit.c.path))
        .order_by(org_unit.c.code),
    )
