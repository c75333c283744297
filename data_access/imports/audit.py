"""Reading the import audit."""

import pandas as pd
from sqlalchemy import Connection, exists, or_, select

from data_access.query import fetch
from data_access.schema import import_audit, import_audit_unit, org_unit
from data_access.scope import Scope


def recent_imports(
    conn: Connection, *, scope: Scope, username: str, everyone: bool = False, limit: int = 50
) -> pd.DataFrame:
    """The latest imports, newest first: all of them if `everyone` (an admin), else the
    user's own and those that wrote rows for units inside `scope`.

    Columns: at, username, entity, file_name, file_sha256, outcome (applied / refused),
    inserted, updated, unchanged, rejected, units (what it covered inside the scope:
    "甲一街道 2026-02：1 行；..." in name and month order, "" for none).
    """
    place = org_unit.alias("place")
    covered = (
        select(import_audit_unit.c.audit_id, place.c.name, import_audit_unit.c.month)
        .add_columns(import_audit_unit.c.rows)
        .join(place, place.c.id == import_audit_unit.c.unit_id)
        .where(scope.covers(place.c.path))
    )
    query = select(import_audit).order_by(import_audit.c.at.desc(), import_audit.c.id.desc())
    if not everyone:
        seen = exists(covered.where(import_audit_unit.c.audit_id == import_audit.c.id))
        query = query.where(or_(import_audit.c.username == username, seen))
    history = fetch(conn, query.limit(limit))
    units = fetch(
        conn,
        covered.where(import_audit_unit.c.audit_id.in_(history["id"].tolist())).order_by(
            import_audit_unit.c.audit_id, place.c.code, import_audit_unit.c.month
        ),
    )
    text = (
        units.assign(
            text=units["name"] + " " + units["month"] + "：" + units["rows"].map(str) + " 行"
        )
        .groupby("audit_id")["text"]
        .agg("；".join)
    )
    history["units"] = [text.get(audit_id, "") for audit_id in history["id"]]
    return history.drop(columns="id")
