"""Work tracking on the small city (tests/small_city.py), hand-checked.

Tasks (each unit given a task can earn its points, shared by that unit's nodes of it):
  T1 网格党组织全覆盖, lead D1, 8 points, reminder 5 days: three nodes; M1's two 4 each,
     M2's one 8
     N1 M1 due 2026-01-31 done 01-30 (on schedule)
     N2 M2 due 2026-02-28 done 03-02 (late)
     N3 M1 due 2026-03-31 not done (reminder from 03-26)
  T2 清单认领, lead D2, 3 points, reminder 3 days: two nodes of two units, 3 each
     N4 M3 due 2026-03-20 done 03-20 (on schedule, on its due day)
     N5 S2 due 2026-03-25 not done (reminder from 03-22)
  T3 三会一课规范化, lead D1, 2 points, reminder 3 days: two nodes of two units, 2 each
     N6 M1 due 2025-11-30 done 11-28; N7 M3 due 2025-12-31 done 12-30

Supervision items, read on 2026-03-25:
  SV1 M1 raised 01-10 due 02-10 rectified 02-08 checked 02-20 passed
  SV2 M2 raised 02-01 due 03-01 rectified 03-05 (late), not checked
  SV3 M3 raised 03-01 due 03-15 not rectified (overdue from 03-16)
  SV4 M3 raised 03-20 due 04-20 not rectified (not due)
  SV5 M1 raised 03-26 (after the day read)
  SV6 M2 raised 01-15 due 02-15 rectified 02-10 checked 03-01 failed

Duty records: M1 2026-02-15, 03-01 and 03-10 (correcting 03-01); M2 2026-01-20.
"""

from datetime import UTC, date, datetime

from sqlalchemy import Connection, insert

from data_access.bulk import advance_id_sequence
from data_access.duty_records import record_duty
from data_access.schema import supervision_item, task_node, work_task, work_task_unit

d = date

TASKS = [
    (1, "T1", "网格党组织全覆盖", "annual", 4, 8, 2, 5, d(2026, 1, 5), d(2026, 6, 30), True),
    (2, "T2", "清单认领", "daily", 2, 3, 3, 3, d(2026, 3, 1), d(2026, 3, 25), False),
    (3, "T3", "三会一课规范化", "daily", 1, 2, 2, 3, d(2025, 11, 1), d(2025, 12, 31), True),
]
# node id: task, month, responsible unit, due, completed
NODES = [
    (1, 1, "2026-01", 6, d(2026, 1, 31), d(2026, 1, 30)),
    (2, 1, "2026-02", 7, d(2026, 2, 28), d(2026, 3, 2)),
    (3, 1, "2026-03", 6, d(2026, 3, 31), None),
    (4, 2, "2026-03", 8, d(2026, 3, 20), d(2026, 3, 20)),
    (5, 2, "2026-03", 5, d(2026, 3, 25), None),
    (6, 3, "2025-11", 6, d(2025, 11, 30), d(2025, 11, 28)),
    (7, 3, "2025-12", 8, d(2025, 12, 31), d(2025, 12, 30)),
]
# code, unit, raised, due, rectified, checked, passed
ITEMS = [
    ("SV1", 6, d(2026, 1, 10), d(2026, 2, 10), d(2026, 2, 8), d(2026, 2, 20), True),
    ("SV2", 7, d(2026, 2, 1), d(2026, 3, 1), d(2026, 3, 5), None, None),
    ("SV3", 8, d(2026, 3, 1), d(2026, 3, 15), None, None, None),
    ("SV4", 8, d(2026, 3, 20), d(2026, 4, 20), None, None, None),
    ("SV5", 6, d(2026, 3, 26), d(2026, 4, 26), None, None, None),
    ("SV6", 7, d(2026, 1, 15), d(2026, 2, 15), d(2026, 2, 10), d(2026, 3, 1), False),
]
# unit, day, action, recorded by, the place in this list of the record it corrects
DUTY_RECORDS = [
    (6, d(2026, 2, 15), "走访网格", "m1", None),
    (6, d(2026, 3, 1), "召开联席会", "m1", None),
    (6, d(2026, 3, 10), "更正：联席会改为 3 月 2 日召开", "m1", 1),
    (7, d(2026, 1, 20), "整改销号", "m2", None),
]
AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
LEADER_ROLE, OWNER_ROLE = "街道党工委书记", "社区党组织书记"
# the Chinese these rows hold: data, shown as written in either language
TEXTS = [
    *(task[2] for task in TASKS),
    *(f"节点{node[0]}" for node in NODES),
    *(f"问题{item[0]}" for item in ITEMS),
    LEADER_ROLE,
    OWNER_ROLE,
    *(record[2] for record in DUTY_RECORDS),
]


def load(conn: Connection) -> None:
    conn.execute(
        insert(work_task),
        [
            dict(
                id=id_,
                code=code,
                title=title,
                kind=kind,
                stars=stars,
                points=points,
                source="county",
                leader_role=LEADER_ROLE,
                lead_unit_id=lead,
                published_on=published,
                due_on=due,
                remind_days=remind,
                public=public,
            )
            for id_, code, title, kind, stars, points, lead, remind, published, due, public in TASKS
        ],
    )
    conn.execute(
        insert(work_task_unit),
        [
            {"task_id": task, "unit_id": unit}
            for task, unit in {(node[1], node[3]) for node in NODES}
        ],
    )
    conn.execute(
        insert(task_node),
        [
            dict(
                id=id_,
                task_id=task,
                month=month,
                target=f"节点{id_}",
                lead_unit_id=unit,
                responsible_unit_id=unit,
                owner_role=OWNER_ROLE,
                due_on=due,
                completed_on=done,
            )
            for id_, task, month, unit, due, done in NODES
        ],
    )
    for table in (work_task, task_node):  # ids given above: PostgreSQL's next id follows them
        advance_id_sequence(conn, table)
    conn.execute(
        insert(supervision_item),
        [
            dict(
                code=code,
                raised_at="observation",
                raised_on=raised,
                issue=f"问题{code}",
                unit_id=unit,
                due_on=due,
                rectified_on=rectified,
                checked_on=checked,
                check_passed=passed,
            )
            for code, unit, raised, due, rectified, checked, passed in ITEMS
        ],
    )
    ids: list[int] = []
    for unit, day, action, by, corrects in DUTY_RECORDS:
        corrects_id = None if corrects is None else ids[corrects]
        ids.append(
            record_duty(
                conn,
                unit_id=unit,
                day=day,
                action=action,
                recorded_by=by,
                at=AT,
                corrects_id=corrects_id,
            )
        )
