"""Hand-made submissions over tests/small_city.py for 报送情况: audit rows of applied
imports with the units and months they covered, at chosen times (Beijing time).

Due day 10: January is due 2026-02-10, February 2026-03-10, March 2026-04-10.

    audit  at                by         entity      unit  month    rows
    1      2026-02-10 23:59  d1steward  activities  S1    2026-01  3    on the due day: on time
    2      2026-02-11 00:00  d1steward  problems    S1    2026-01  2    the day after: late
    3      2026-03-05 09:00  root       activities  S1    2026-02  1
                                                    S2    2026-02  4
    4      2026-03-20 15:00  s2steward  activities  S2    2026-02  2    D2's first was audit 3
    5      2026-02-01 08:00  root       problems    D2    2026-01  1    a district's own unit
    6      2026-03-10 12:00  root       problems    S1    2026-02  1    on the due day
    7      2026-01-05 10:00  root       activities  S1    2025-12  9    before Q1
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert

from data_access.bulk import advance_id_sequence
from data_access.schema import import_audit, import_audit_unit

S1, S2, D2 = 4, 5, 3
BEIJING = ZoneInfo("Asia/Shanghai")  # the display zone: 00:00 here is 16:00 UTC the day before
AUDITS = [
    (
        1,
        datetime(2026, 2, 10, 23, 59, tzinfo=BEIJING),
        "d1steward",
        "activities",
        [(S1, "2026-01", 3)],
    ),
    (2, datetime(2026, 2, 11, 0, 0, tzinfo=BEIJING), "d1steward", "problems", [(S1, "2026-01", 2)]),
    (
        3,
        datetime(2026, 3, 5, 9, 0, tzinfo=BEIJING),
        "root",
        "activities",
        [(S1, "2026-02", 1), (S2, "2026-02", 4)],
    ),
    (
        4,
        datetime(2026, 3, 20, 15, 0, tzinfo=BEIJING),
        "s2steward",
        "activities",
        [(S2, "2026-02", 2)],
    ),
    (5, datetime(2026, 2, 1, 8, 0, tzinfo=BEIJING), "root", "problems", [(D2, "2026-01", 1)]),
    (6, datetime(2026, 3, 10, 12, 0, tzinfo=BEIJING), "root", "problems", [(S1, "2026-02", 1)]),
    (7, datetime(2026, 1, 5, 10, 0, tzinfo=BEIJING), "root", "activities", [(S1, "2025-12", 9)]),
]


def load(conn: Connection) -> None:
    for audit_id, at, username, entity, covered in AUDITS:
        written = sum(rows for _, _, rows in covered)
        conn.execute(
            insert(import_audit).values(
                id=audit_id,
                at=at,
                username=username,
                entity=entity,
                file_name=f"{entity}.xlsx",
                file_sha256="0" * 64,
                outcome="applied",
                inserted=written,
                updated=0,
                unchanged=0,
                rejected=0,
            )
        )
        conn.execute(
            insert(import_audit_unit),
            [{"audit_id": audit_id, "unit_id": u, "month": m, "rows": r} for u, m, r in covered],
        )
    advance_id_sequence(conn, import_audit)
