"""Sample submissions, so that 报送情况 shows a working city rather than an all-red one.

Populating writes facts directly, not through imports, so nothing would say that any
district sent them. Here each district's sample steward "imports" each month's four
expected kinds once, covering the rows the facts hold per street: most arrive by the
due day, some late, a few never (no row), and in the last month a third of the
districts have not sent yet. Every row is marked sample in its user and file name.
"""

import hashlib
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, func, insert, select

from data_access import clock
from data_access.bulk import advance_id_sequence
from data_access.imports.submitted import month_of
from data_access.period import add_months
from data_access.query import fetch
from data_access.reporting_status import EXPECTED
from data_access.schema import (
    import_audit,
    import_audit_unit,
    list_item,
    meeting,
    org_unit,
    resident_problem,
    service_activity,
)

MONTHS = 12  # up to the data's last month
DUE_DAY = 10  # the setting's default
FACTS = {
    "activities": (service_activity.c.held_on, service_activity.c.community_id),
    "list_items": (list_item.c.published_on, list_item.c.community_id),
    "problems": (resident_problem.c.raised_on, resident_problem.c.community_id),
    "meetings": (meeting.c.held_on, meeting.c.unit_id),
}
LABELS = {
    "activities": "服务活动",
    "list_items": "清单事项",
    "problems": "居民问题",
    "meetings": "会议",
}


def add_submissions(conn: Connection, rng: np.random.Generator, *, data_end) -> None:
    """Write the sample import audit for the `MONTHS` months up to `data_end`."""
    last = data_end.replace(day=1)
    audits: list[dict[str, object]] = []
    covered: list[dict[str, object]] = []
    districts = org_unit.c.level == "district"
    codes = dict(conn.execute(select(org_unit.c.id, org_unit.c.code).where(districts)).all())
    for back in range(MONTHS - 1, -1, -1):
        first = add_months(last, -back)
        counts = _rows_by_street(conn, first, add_months(first, 1) - timedelta(days=1))
        # in the last month a third of the districts have sent nothing yet
        silent = {d for d in sorted(codes) if back == 0 and rng.random() < 1 / 3}
        for (district, entity), streets in counts.groupby(["district_id", "entity"]):
            arrival = _arrival(rng, first)
            if arrival is None or district in silent:
                continue
            audit_id = len(audits) + 1
            name = f"示例数据-{month_of(first)}-{LABELS[entity]}.xlsx"
            audits.append(
                {
                    "id": audit_id,
                    "at": arrival,
                    "username": f"示例报送员{codes[district]}",
                    "entity": entity,
                    "file_name": name,
                    "file_sha256": hashlib.sha256(f"{codes[district]}{name}".encode()).hexdigest(),
                    "outcome": "applied",
                    "inserted": int(streets["rows"].sum()),
                    "updated": 0,
                    "unchanged": 0,
                    "rejected": 0,
                }
            )
            covered += [
                {"audit_id": audit_id, "unit_id": int(s), "month": month_of(first), "rows": int(n)}
                for s, n in zip(streets["street_id"], streets["rows"], strict=True)
            ]
    if audits:
        conn.execute(insert(import_audit), audits)
        conn.execute(insert(import_audit_unit), covered)
        advance_id_sequence(conn, import_audit)


def _rows_by_street(conn: Connection, first, last) -> pd.DataFrame:
    """Columns: district_id, entity, street_id, rows (facts dated in first..last)."""
    place = org_unit.alias("place")
    frames = []
    for entity in EXPECTED:
        day, unit = FACTS[entity]
        frame = fetch(
            conn,
            select(place.c.district_id, place.c.street_id, func.count().label("rows"))
            .select_from(day.table.join(place, place.c.id == unit))
            .where(day.between(first, last), place.c.street_id.is_not(None))
            .group_by(place.c.district_id, place.c.street_id)
            .order_by(place.c.district_id, place.c.street_id),
        )
        frames.append(frame.assign(entity=entity))
    return pd.concat(frames, ignore_index=True)


def _arrival(rng: np.random.Generator, month) -> datetime | None:
    """When a district's file for `month` arrived (office hours in the display zone):
    None for never."""
    draw = rng.random()
    if draw < 0.04:
        return None
    due = add_months(month, 1).replace(day=DUE_DAY)
    days = int(rng.integers(-8, 1)) if draw < 0.85 else int(rng.integers(1, 15))
    day = datetime.combine(due + timedelta(days=days), datetime.min.time(), clock.zone())
    return day + timedelta(hours=int(rng.integers(9, 18)), minutes=int(rng.integers(0, 60)))
