"""履责记实: duty records are appended, never changed (一事一记、随做随记、留痕管理).
A mistake is put right by a new record that names the one it corrects, so what was
first written stays on file."""

from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, func, insert, select

from data_access.query import fetch
from data_access.schema import duty_record, org_unit, supervision_item, task_node, work_task
from data_access.scope import Scope

MAX_ACTION = 400


class DutyRecordError(ValueError):
    pass


def record_duty(
    conn: Connection,
    *,
    unit_id: int,
    day: date,
    action: str,
    recorded_by: str,
    at: datetime,
    task_id: int | None = None,
    node_id: int | None = None,
    supervision_id: int | None = None,
    corrects_id: int | None = None,
) -> int:
    """Append one record of what `unit_id` did on `day`; returns its id. A correction
    (`corrects_id`) must correct a record of the same unit."""
    action = _checked_action(action)
    if corrects_id is not None:
        corrected = conn.execute(
            select(duty_record.c.unit_id).where(duty_record.c.id == corrects_id)
        ).scalar()
        if corrected != unit_id:
            raise DutyRecordError(f"要更正的记录 {corrects_id} 不存在或不属于该单位。")
    return conn.execute(
        insert(duty_record)
        .values(
            unit_id=unit_id,
            day=day,
            action=action,
            recorded_by=recorded_by,
            recorded_at=at,
            task_id=task_id,
            node_id=node_id,
            supervision_id=supervision_id,
            corrects_id=corrects_id,
        )
        .returning(duty_record.c.id)
    ).scalar_one()


def duty_records(
    conn: Connection, *, scope: Scope, start: date, end: date, task_code: str | None = None
) -> pd.DataFrame:
    """The records of units in the scope made on days `start` .. `end`, and, given
    `task_code`, only those linked to that task (directly or through its node), newest
    first. Columns: record_id, day, unit_name, action, task_code, task_title, node_month,
    supervision_code, recorded_by, corrects_id."""
    task = work_task.alias("task")
    node_task = work_task.alias("node_task")
    query = (
        select(
            duty_record.c.id.label("record_id"),
            duty_record.c.day,
            org_unit.c.name.label("unit_name"),
            duty_record.c.action,
            func.coalesce(task.c.code, node_task.c.code).label("task_code"),
            func.coalesce(task.c.title, node_task.c.title).label("task_title"),
            task_node.c.month.label("node_month"),
            supervision_item.c.code.label("supervision_code"),
            duty_record.c.recorded_by,
            duty_record.c.corrects_id,
        )
        .join(org_unit, org_unit.c.id == duty_record.c.unit_id)
        .outerjoin(task, task.c.id == duty_record.c.task_id)
        .outerjoin(task_node, task_node.c.id == duty_record.c.node_id)
        .outerjoin(node_task, node_task.c.id == task_node.c.task_id)
        .outerjoin(supervision_item, supervision_item.c.id == duty_record.c.supervision_id)
        .where(scope.covers(org_unit.c.path), duty_record.c.day.between(start, end))
        .order_by(duty_record.c.day.desc(), duty_record.c.id.desc())
    )
    if task_code is not None:
        query = query.where(func.coalesce(task.c.code, node_task.c.code) == task_code)
    return fetch(conn, query)


def append_duty_records(conn: Connection, records: list[dict], *, at: datetime) -> list[int]:
    """Append records, each a dict of the arguments of `record_duty` but `at` (all of
    them stamped `at`), in one statement; returns their ids in the order given. The
    caller has checked each correction as `record_duty` does (the import checks every
    row before it writes any)."""
    if not records:
        return []
    rows = [{**r, "action": _checked_action(r["action"]), "recorded_at": at} for r in records]
    statement = insert(duty_record).returning(duty_record.c.id, sort_by_parameter_order=True)
    return list(conn.execute(statement, rows).scalars())


def _checked_action(action: str) -> str:
    action = action.strip()
    if not action:
        raise DutyRecordError("履责事项不能为空。")
    if len(action) > MAX_ACTION:
        raise DutyRecordError(f"履责事项不能超过 {MAX_ACTION} 字。")
    return action
