"""The lookups and the write of a duty-record (履责记实) file that codes alone do not give.

A record has no code: it is known by its unit, day and action (one act, one record), so a
row names the record it corrects by that record's day and action in its own unit, and
the node it reports on by the task and month of a node its unit is responsible for. The
corrected record may be stored, or a new row of the same file: such rows are written
after the rows they correct.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, select

from data_access import clock
from data_access.duty_records import append_duty_records
from data_access.schema import duty_record, task_node

Identity = tuple[int, date, str]  # unit id, day, action
COLUMNS = (
    "unit_id",
    "day",
    "action",
    "recorded_by",
    "task_id",
    "node_id",
    "supervision_id",
    "corrects_id",
)
NODE, CORRECTED_DAY, CORRECTED = "节点月份", "更正的记录日期", "更正的记录事项"


def identity(row: dict) -> Identity:
    return row["unit_id"], row["day"], row["action"]


def corrected(row: dict) -> Identity | None:
    """The record a row corrects, as the file names it."""
    if row["corrects_id"] is None:
        return None
    return row["unit_id"], row["corrected_day"], row["corrects_id"]


def resolve(conn: Connection, rows: list[tuple[int, dict]]) -> dict[int, tuple[str, str]]:
    """Fill `node_id` (read as a month) and `corrects_id` (read as the corrected
    record's action) with record ids; a corrected record that is a new row of the file
    stays named by its identity until it is written. Returns (reason, header) by row
    number for the rows that do not resolve."""
    problems: dict[int, tuple[str, str]] = {}
    nodes = _nodes(conn, {row["task_id"] for _, row in rows if row["node_id"] is not None})
    stored = _stored(conn, {c for _, row in rows if (c := corrected(row)) is not None})
    new = {identity(row) for _, row in rows} - set(stored)
    targets: dict[Identity, Identity] = {}  # a new row -> the new row it corrects
    for number, row in rows:
        if row["node_id"] is not None:
            node = nodes.get((row["task_id"], row["node_id"], row["unit_id"]))
            if node is None:
                problems[number] = (f"该任务在 {row['node_id']} 没有由本单位负责的节点", NODE)
                continue
            row["node_id"] = node
        if (wanted := corrected(row)) is None:
            continue
        found = stored.get(wanted, [])
        if wanted == identity(row):
            problems[number] = ("一条记录不能更正它自己", CORRECTED)
        elif len(found) == 1:
            row["corrects_id"] = found[0]
        elif len(found) > 1:
            problems[number] = (
                f"本单位 {wanted[1]} 有 {len(found)} 条该事项的记录，无法确定更正哪一条",
                CORRECTED,
            )
        elif wanted in new:
            targets[identity(row)] = row["corrects_id"] = wanted
        else:
            problems[number] = (f"本单位没有 {wanted[1]} 的该事项记录", CORRECTED)
    for number, row in rows:
        if identity(row) in targets and _in_a_loop(identity(row), targets):
            problems[number] = ("本文件中的更正记录互相更正，无法确定先后", CORRECTED)
    return problems


def _in_a_loop(start: Identity, targets: dict[Identity, Identity]) -> bool:
    seen, at = {start}, targets[start]
    while at in targets:
        if at in seen:
            return True
        seen.add(at)
        at = targets[at]
    return False


def _nodes(conn: Connection, task_ids: set[int]) -> dict[tuple[int, str, int], int]:
    """(task id, month, responsible unit id) -> node id, for the nodes of these tasks."""
    node = task_node.c
    found = {}
    for chunk in _chunks(sorted(task_ids)):
        query = select(node.task_id, node.month, node.responsible_unit_id, node.id)
        for task, month, unit, id_ in conn.execute(query.where(node.task_id.in_(chunk))):
            found[task, month, unit] = id_
    return found


def _stored(conn: Connection, wanted: set[Identity]) -> dict[Identity, list[int]]:
    """The ids of the stored records with these identities."""
    record = duty_record.c
    found = defaultdict(list)
    for chunk in _chunks(sorted({unit for unit, _, _ in wanted})):
        query = select(record.unit_id, record.day, record.action, record.id).where(
            record.unit_id.in_(chunk), record.day.in_(sorted({day for _, day, _ in wanted}))
        )
        for unit, day, action, id_ in conn.execute(query.order_by(record.id)):
            if (unit, day, action) in wanted:
                found[unit, day, action].append(id_)
    return dict(found)


def write(conn: Connection, rows: list[dict]) -> None:
    """Append the rows, stamped with the time of the import: first those that correct
    nothing new, then those correcting them, and so on."""
    at = clock.now()
    ids: dict[Identity, int] = {}  # the records written so far
    waiting = rows
    while waiting:
        ready = [r for r in waiting if _target(r) is None or _target(r) in ids]
        if not ready:  # `resolve` refuses corrections that go round in a loop
            raise ValueError("duty records correcting each other in a loop")
        records = []
        for row in ready:
            record = {c: row[c] for c in COLUMNS}
            if (target := _target(row)) is not None:
                record["corrects_id"] = ids[target]
            records.append(record)
        new = append_duty_records(conn, records, at=at)
        ids.update(zip(map(identity, ready), new, strict=True))
        waiting = [r for r in waiting if identity(r) not in ids]


def _target(row: dict) -> Identity | None:
    """The new row a row corrects, named by its identity until that row is written."""
    return row["corrects_id"] if isinstance(row["corrects_id"], tuple) else None


def _chunks(values: list, size: int = 1000):
    for start in range(0, len(values), size):
        yield values[start : start + size]
