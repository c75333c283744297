"""What units and months an import covered, written with its audit row.

Each entity names the column of the unit a row belongs to and the column of its date
(participants take both from their activity). A row counts for the street of its
unit, or the district where the unit has no street, and for the month of its date,
or the month of the import for rows that carry no date (units, organisations,
members). These rows are the submissions that 报送情况 reads.
"""

from collections import Counter
from datetime import date

from sqlalchemy import Connection, func, insert, select

from data_access.schema import import_audit, import_audit_unit, org_unit, service_activity

# entity key -> (unit column, date column or None)
PLACES: dict[str, tuple[str, str | None]] = {
    "org_units": ("parent_id", None),  # a new unit is not stored yet; its parent is
    "party_orgs": ("community_id", None),
    "members": ("residence_community_id", None),
    "registrations": ("community_id", "registered_on"),
    "list_items": ("community_id", "published_on"),
    "activities": ("community_id", "held_on"),
    "problems": ("community_id", "raised_on"),
    "meetings": ("unit_id", "held_on"),
    "grid_party_orgs": ("grid_id", "set_up_on"),
    "workers": ("unit_id", "started_on"),
    "tasks": ("lead_unit_id", "published_on"),
    "nodes": ("responsible_unit_id", "due_on"),
    "supervision": ("unit_id", "raised_on"),
    "duty_records": ("unit_id", "day"),
}
PARTICIPANTS = "participants"  # unit and date of the activity each row names


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def record_coverage(conn: Connection, *, audit_id: int, entity: str, rows: list[dict]) -> None:
    """Write, for the applied import `audit_id`, how many of the written `rows` (values
    as stored: unit ids, dates) fall in each district or street and month."""
    imported_on = conn.execute(
        select(import_audit.c.at).where(import_audit.c.id == audit_id)
    ).scalar_one()
    places = _places(conn, entity, rows)
    # a top unit has no parent, and counts for no district
    breakdown = _breakdown_units(conn, {unit for unit, _ in places if unit is not None})
    counted = Counter(
        (breakdown[unit_id], month_of(day or imported_on))
        for unit_id, day in places
        if breakdown.get(unit_id) is not None
    )
    if counted:
        conn.execute(
            insert(import_audit_unit),
            [
                {"audit_id": audit_id, "unit_id": unit_id, "month": month, "rows": n}
                for (unit_id, month), n in sorted(counted.items())
            ],
        )


def _places(conn: Connection, entity: str, rows: list[dict]) -> list[tuple[int, date | None]]:
    """(unit id, date) of each row."""
    if entity == PARTICIPANTS:
        ids = sorted({row["activity_id"] for row in rows})
        found: dict[int, tuple[int, date | None]] = {}
        for start in range(0, len(ids), 1000):
            query = select(
                service_activity.c.id, service_activity.c.community_id, service_activity.c.held_on
            ).where(service_activity.c.id.in_(ids[start : start + 1000]))
            found |= {a.id: (a.community_id, a.held_on) for a in conn.execute(query)}
        return [found[row["activity_id"]] for row in rows]
    unit, day = PLACES[entity]
    return [(row[unit], row[day] if day else None) for row in rows]


def _breakdown_units(conn: Connection, unit_ids: set[int]) -> dict[int, int | None]:
    """unit id -> its street, or its district where it has no street (None above that)."""
    ids = sorted(unit_ids)
    found: dict[int, int | None] = {}
    for start in range(0, len(ids), 1000):
        query = select(
            org_unit.c.id, func.coalesce(org_unit.c.street_id, org_unit.c.district_id)
        ).where(org_unit.c.id.in_(ids[start : start + 1000]))
        found |= dict(conn.execute(query).all())
    return found
