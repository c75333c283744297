"""履责记实: duty records are appended, never changed (一事一记、随做随记、留痕管理).
A mistake is put right by a new record that names the one it corrects, so what was
first written stays on file."""

from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from data_access.schema import duty_record

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
    action = action.strip()
    if not action:
        raise DutyRecordError("履责事项不能为空。")
    if len(action) > MAX_ACTION:
        raise DutyRecordError(f"履责事项不能超过 {MAX_ACTION} 字。")
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
