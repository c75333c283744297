"""How fresh the data is: a cheap stamp that changes whenever rows are added, and what
was added within a scope since an earlier stamp.

The stamp is the highest id of each table that imports and the live feeder add to;
each is one index lookup, so pages can read it on every refresh. Rows changed in
place by an import are covered by the import clearing the caches.
"""

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.schema import (
    duty_record,
    import_audit,
    list_item,
    meeting,
    org_unit,
    party_member,
    registration,
    resident_problem,
    service_activity,
)
from data_access.scope import Scope

STAMPED = (
    service_activity,
    meeting,
    list_item,
    resident_problem,
    registration,
    party_member,
    org_unit,
    import_audit,
    # work tracking: node progress is written with the duty record that reports it
    duty_record,
)


@dataclass(frozen=True)
class Stamp:
    ids: tuple[int, ...]  # the highest id of each STAMPED table, 0 when empty

    def of(self, table) -> int:
        return self.ids[STAMPED.index(table)]


def data_stamp(conn: Connection) -> Stamp:
    row = conn.execute(
        select(*(select(func.coalesce(func.max(t.c.id), 0)).scalar_subquery() for t in STAMPED))
    ).one()
    return Stamp(tuple(int(v) for v in row))


# what a meeting room is shown as "added since the start": table -> its unit column
ADDED = {
    "activities": (service_activity, "community_id"),
    "meetings": (meeting, "unit_id"),
    "list_items": (list_item, "community_id"),
    "problems": (resident_problem, "community_id"),
}


def added_since(conn: Connection, *, scope: Scope, since: Stamp) -> dict[str, int]:
    """Rows added in the scope after `since`, by kind (ids only grow)."""
    counts: dict[str, int] = {}
    for kind, (table, unit_column) in ADDED.items():
        counts[kind] = conn.execute(
            select(func.count())
            .select_from(table)
            .join(org_unit, org_unit.c.id == table.c[unit_column])
            .where(table.c.id > since.of(table), scope.covers(org_unit.c.path))
        ).scalar_one()
    return counts
