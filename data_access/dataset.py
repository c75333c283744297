"""Facts about the loaded data set: whether it is sample data, and up to when it runs."""

from datetime import date

from sqlalchemy import Connection, func, insert, select, update

from data_access import clock
from data_access.schema import dataset_info, import_audit_unit, org_unit


def dataset_facts(conn: Connection) -> dict[str, str]:
    """Every key/value of `dataset_info` ("sample", "label", "preset", "data_end", ...)."""
    return dict(conn.execute(select(dataset_info.c.key, dataset_info.c.value)).all())


def is_empty(conn: Connection) -> bool:
    return not conn.execute(select(func.count()).select_from(org_unit)).scalar()


def data_end(conn: Connection) -> date:
    """The last day the data covers: `data_end` when recorded, else today."""
    recorded = dataset_facts(conn).get("data_end")
    return date.fromisoformat(recorded) if recorded else clock.today()


def advance_data_end(conn: Connection, day: date) -> None:
    """Facts that happened on `day` arrived: the data now runs at least up to it (never
    past today), so the default period is the one they fall in. Never moves it back."""
    day = min(day, clock.today())
    recorded = dataset_facts(conn).get("data_end")
    if recorded is None:
        conn.execute(insert(dataset_info).values(key="data_end", value=day.isoformat()))
    elif date.fromisoformat(recorded) < day:
        conn.execute(
            update(dataset_info)
            .where(dataset_info.c.key == "data_end")
            .values(value=day.isoformat())
        )


def root_unit_ids(conn: Connection) -> list[int]:
    """Units without a parent: the tops of the hierarchy."""
    return list(conn.execute(select(org_unit.c.id).where(org_unit.c.parent_id.is_(None))).scalars())


def receives_imports(conn: Connection) -> bool:
    """Whether data arrives by imports (some applied import covered a unit and month), so
    that 报送情况 says who has not sent theirs; a database fed otherwise has no record of it."""
    return conn.execute(select(import_audit_unit.c.audit_id).limit(1)).first() is not None
