"""Work tracking: tasks' monthly nodes on schedule or late, their warnings, the units'
points and quarterly ranking (Qiuji), the supervision loop (督办) and duty records (履责记实).

Every indicator is read on a day, `as_of`: what was recorded done after it is not done
yet. A node is judged once its due day has passed: it is due so far when due_on < as_of,
on schedule when it was completed on or before its due day, overdue when it is due so
far and not completed by as_of. A node due today is not yet overdue, and can still be
completed on schedule.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, case, func, literal, or_, select

from data_access.indicators.common import add_rates, group_column, with_units
from data_access.period import Period
from data_access.query import fetch
from data_access.schema import duty_record, org_unit, supervision_item, task_node, work_task
from data_access.scope import Scope
from data_access.sql_functions import year_month

# A node's warning on a day, worst first (a task takes its worst node's):
# red: overdue; amber: not done and its reminder has come; green: not done, on track;
# late: done after its due day; done: done on or before it.
WARNINGS = ("red", "amber", "green", "late", "done")


@dataclass(frozen=True)
class WarningRule:
    """When a node not yet done turns amber: `remind_days` before its due day, or, if
    None, as many days as its task's own reminder (remind_days on the task)."""

    remind_days: int | None = None


@dataclass(frozen=True)
class PointsRule:
    """Qiuji's rule: each unit a task is given to can earn the task's points, shared by
    that unit's nodes of it, and earns the share of every node it completed on schedule.
    Ranked by what they earned, the first units gain `top` (first, second, ...) and the
    last lose `bottom` (last, second last, ...)."""

    top: tuple[int, ...] = (10, 6, 4, 3, 2)
    bottom: tuple[int, ...] = (10, 6, 4, 3, 2)


def reading_day(period: Period) -> date:
    """The day a period's work is read on: the day after it ends, so that a node due on
    its last day is judged in it; a period still running is read on its last day known
    (a node due that day can still be done)."""
    return period.end if period.through else period.end + timedelta(days=1)


def _judged(completed, due_on, as_of: date):
    """SQL conditions for a node or item with a due day, read on `as_of`."""
    done = and_(completed.is_not(None), completed <= as_of)
    due = due_on < as_of
    return {
        "due": due,
        "on_time": and_(due, done, completed <= due_on),
        "overdue": and_(due, ~done),
    }


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def nodes(
    conn: Connection,
    *,
    scope: Scope,
    as_of: date,
    rule: WarningRule = WarningRule(),
    public_only: bool = False,
) -> pd.DataFrame:
    """Every node whose responsible unit is in the scope (of the tasks marked public
    only, if `public_only`), with its warning on `as_of`.

    Columns: node_id, task_id, task_code, task_title, month, target, target_value,
    progress_value (as last recorded; None if completed after as_of), unit_id,
    unit_code, unit_name, owner_role, due_on, remind_on, completed_on (None if not done
    by as_of), warning (one of WARNINGS). Ordered by warning, worst first, then due day.
    """
    remind = (
        work_task.c.remind_days if rule.remind_days is None else literal(rule.remind_days)
    ).label("remind_days")
    query = (
        select(
            task_node.c.id.label("node_id"),
            task_node.c.task_id,
            work_task.c.code.label("task_code"),
            work_task.c.title.label("task_title"),
            task_node.c.month,
            task_node.c.target,
            task_node.c.target_value,
            # progress is kept as last recorded: after a completion past as_of it tells
            # nothing of the day read
            case((task_node.c.completed_on > as_of, None), else_=task_node.c.progress_value).label(
                "progress_value"
            ),
            org_unit.c.id.label("unit_id"),
            org_unit.c.code.label("unit_code"),
            org_unit.c.name.label("unit_name"),
            task_node.c.owner_role,
            task_node.c.due_on,
            remind,
            case((task_node.c.completed_on <= as_of, task_node.c.completed_on)).label(
                "completed_on"
            ),
        )
        .join(work_task, work_task.c.id == task_node.c.task_id)
        .join(org_unit, org_unit.c.id == task_node.c.responsible_unit_id)
        .where(scope.covers(org_unit.c.path))
    )
    if public_only:
        query = query.where(work_task.c.public.is_(True))
    rows = fetch(conn, query)
    rows["remind_on"] = [
        due - timedelta(days=int(days))
        for due, days in zip(rows["due_on"], rows["remind_days"], strict=True)
    ]
    rows["warning"] = [
        node_warning(due, remind_on, done, as_of)
        for due, remind_on, done in zip(
            rows["due_on"], rows["remind_on"], rows["completed_on"], strict=True
        )
    ]
    order = rows["warning"].map(WARNINGS.index)
    return (
        rows.assign(order=order)
        .sort_values(["order", "due_on", "task_code", "unit_code"])
        .drop(columns=["order", "remind_days"])
        .reset_index(drop=True)
    )


def node_warning(due_on: date, remind_on: date, completed_on: date | None, as_of: date) -> str:
    """One node's warning on `as_of` (see WARNINGS); `completed_on` as known on as_of."""
    if completed_on is not None and not pd.isna(completed_on):
        return "done" if completed_on <= due_on else "late"
    if as_of > due_on:
        return "red"
    return "amber" if as_of >= remind_on else "green"


def node_progress(warning: str, value: float | None, target: float | None) -> float:
    """How far a node has come, 0-1: a done node is whole; an open one is its progress
    against its target value, NaN where it has none to measure against."""
    if warning in ("done", "late"):
        return 1.0
    if value is None or target is None or pd.isna(value) or pd.isna(target) or not target:
        return float("nan")
    return min(value / target, 1.0)


def task_warnings(node_rows: pd.DataFrame) -> pd.DataFrame:
    """Per task (of `nodes`' rows): its worst node's warning, and how many nodes it has,
    how many are done and how many overdue. Columns: task_id, task_code, task_title,
    nodes, done, overdue, warning."""
    worst = node_rows.assign(order=node_rows["warning"].map(WARNINGS.index))
    grouped = worst.groupby(["task_id", "task_code", "task_title"], as_index=False).agg(
        nodes=("node_id", "count"),
        done=("warning", lambda w: int(w.isin(["done", "late"]).sum())),
        overdue=("warning", lambda w: int((w == "red").sum())),
        order=("order", "min"),
    )
    grouped["warning"] = grouped["order"].map(lambda i: WARNINGS[i])
    return grouped.drop(columns="order").sort_values(["task_code"]).reset_index(drop=True)


def on_schedule(conn: Connection, *, scope: Scope, level: str, as_of: date) -> pd.DataFrame:
    """Nodes by responsible unit grouped at `level` (see indicators.common), on `as_of`.

    Columns: unit_id, unit_code, unit_name, parent_id, nodes_due, on_schedule, overdue,
    on_schedule_rate (= on_schedule / nodes_due, NaN with nothing due).
    """
    units = org_unit
    judged = _judged(task_node.c.completed_on, task_node.c.due_on, as_of)
    counts = (
        select(
            group_column(units, level).label("unit_id"),
            _count(judged["due"]).label("nodes_due"),
            _count(judged["on_time"]).label("on_schedule"),
            _count(judged["overdue"]).label("overdue"),
        )
        .join(units, units.c.id == task_node.c.responsible_unit_id)
        .where(scope.covers(units.c.path))
        .group_by(group_column(units, level))
    )
    frame = with_units(conn, scope=scope, level=level, parts=[counts])
    return add_rates(frame, {"on_schedule_rate": ("on_schedule", "nodes_due")})


def points(
    conn: Connection,
    *,
    scope: Scope,
    level: str,
    period: Period,
    rule: PointsRule = PointsRule(),
) -> pd.DataFrame:
    """The units at `level` ranked by the points they earned for nodes due in `period`
    and completed on schedule (Qiuji). Ties share the better rank; with every unit tied
    there is no order, so no gain, loss or last place.

    Columns: unit_id, unit_code, unit_name, parent_id, earned, rank, adjustment (what
    the rule adds or takes), last (末位: the lowest earned, units not all tied).
    """
    # a unit's nodes of a task share the task's points
    share = (
        select(
            task_node.c.task_id,
            task_node.c.responsible_unit_id,
            func.count().label("task_nodes"),
        )
        .group_by(task_node.c.task_id, task_node.c.responsible_unit_id)
        .subquery()
    )
    units = org_unit
    on_time = and_(
        task_node.c.completed_on.is_not(None),
        task_node.c.completed_on <= task_node.c.due_on,
        task_node.c.completed_on <= period.end,
    )
    earned = (
        select(
            group_column(units, level).label("unit_id"),
            func.sum(work_task.c.points * 1.0 / share.c.task_nodes).label("earned"),
        )
        .join(units, units.c.id == task_node.c.responsible_unit_id)
        .join(work_task, work_task.c.id == task_node.c.task_id)
        .join(
            share,
            and_(
                share.c.task_id == task_node.c.task_id,
                share.c.responsible_unit_id == task_node.c.responsible_unit_id,
            ),
        )
        .where(
            scope.covers(units.c.path),
            task_node.c.due_on.between(period.start, period.end),
            on_time,
        )
        .group_by(group_column(units, level))
    )
    frame = with_units(conn, scope=scope, level=level, parts=[earned])
    frame["earned"] = frame["earned"].astype("float64").round(6)
    return ranked(frame, value="earned", rule=rule)


def ranked(frame: pd.DataFrame, *, value: str, rule: PointsRule) -> pd.DataFrame:
    """`frame` ranked by `value`, higher first (ties share the better rank), with the
    rule's adjustment and 末位."""
    out = frame.copy()
    out["rank"] = out[value].rank(ascending=False, method="min").astype("Int64")
    from_bottom = out[value].rank(ascending=True, method="min").astype("Int64")
    tied = out[value].nunique() <= 1
    out["adjustment"] = [
        0 if tied else _adjustment(top, bottom, rule)
        for top, bottom in zip(out["rank"], from_bottom, strict=True)
    ]
    out["last"] = (from_bottom == 1) & (not tied)
    return out.sort_values(["rank", "unit_code"]).reset_index(drop=True)


def _adjustment(rank: int, from_bottom: int, rule: PointsRule) -> int:
    """What a unit `rank`-th from the top and `from_bottom`-th from the bottom gains (+)
    or loses (-). Where the two groups overlap (few units) a unit belongs to the end it
    is nearer, and one in the very middle to neither."""
    if rank < from_bottom and rank <= len(rule.top):
        return rule.top[rank - 1]
    if from_bottom < rank and from_bottom <= len(rule.bottom):
        return -rule.bottom[from_bottom - 1]
    return 0


def quarterly_ranking(
    conn: Connection, *, scope: Scope, level: str, quarter: Period, rule: PointsRule = PointsRule()
) -> pd.DataFrame:
    """`points` for the quarter, with last_before (末位 in the quarter before) and
    last_twice (末位 two quarters running: Qiuji demotes its secretary)."""
    now = points(conn, scope=scope, level=level, period=quarter, rule=rule)
    before = points(conn, scope=scope, level=level, period=quarter.previous(), rule=rule)
    now = now.merge(
        before[["unit_id", "last"]].rename(columns={"last": "last_before"}), on="unit_id"
    )
    now["last_twice"] = now["last"] & now["last_before"]
    return now


def supervision(conn: Connection, *, scope: Scope, level: str, as_of: date) -> pd.DataFrame:
    """The supervision loop (督办) by assigned unit grouped at `level`, on `as_of`.

    Columns: unit_id, unit_code, unit_name, parent_id,
    raised (raised by as_of), rectifying (raised, not rectified), rectified (rectified,
    not checked), checked (checked, whatever the result), failed (checked, not passed),
    overdue (due so far, not rectified), due (due so far), rectified_on_time
    (due so far, rectified by its due day), rectification_rate (rectified or checked /
    raised), on_time_rate (rectified_on_time / due).
    """
    units = org_unit
    item = supervision_item.c
    raised = item.raised_on <= as_of
    rectified = and_(item.rectified_on.is_not(None), item.rectified_on <= as_of)
    checked = and_(item.checked_on.is_not(None), item.checked_on <= as_of)
    judged = _judged(item.rectified_on, item.due_on, as_of)
    counts = (
        select(
            group_column(units, level).label("unit_id"),
            _count(raised).label("raised"),
            _count(and_(raised, ~rectified)).label("rectifying"),
            _count(and_(rectified, ~checked)).label("rectified"),
            _count(checked).label("checked"),
            _count(and_(checked, item.check_passed.is_(False))).label("failed"),
            _count(and_(raised, judged["overdue"])).label("overdue"),
            _count(and_(raised, judged["due"])).label("due"),
            _count(and_(raised, judged["on_time"])).label("rectified_on_time"),
            _count(and_(raised, or_(rectified, checked))).label("closed"),
        )
        .join(units, units.c.id == item.unit_id)
        .where(scope.covers(units.c.path))
        .group_by(group_column(units, level))
    )
    frame = with_units(conn, scope=scope, level=level, parts=[counts])
    return add_rates(
        frame,
        {
            "rectification_rate": ("closed", "raised"),
            "on_time_rate": ("rectified_on_time", "due"),
        },
    )


SUPERVISION_STATES = ("overdue", "rectifying", "rectified", "passed", "failed")


def supervision_items(conn: Connection, *, scope: Scope, as_of: date) -> pd.DataFrame:
    """Every supervision item raised by `as_of` to a unit in the scope, with its state
    on that day: overdue (due so far, not rectified), rectifying, rectified (not yet
    checked), passed or failed (checked). Columns: item_id, code, raised_at, raised_on,
    issue, unit_id, unit_name, task_code, due_on, rectified_on, checked_on, state.
    Ordered by state (SUPERVISION_STATES), then due day."""
    item = supervision_item.c
    rows = fetch(
        conn,
        select(
            item.id.label("item_id"),
            item.code,
            item.raised_at,
            item.raised_on,
            item.issue,
            org_unit.c.id.label("unit_id"),
            org_unit.c.name.label("unit_name"),
            work_task.c.code.label("task_code"),
            item.due_on,
            case((item.rectified_on <= as_of, item.rectified_on)).label("rectified_on"),
            case((item.checked_on <= as_of, item.checked_on)).label("checked_on"),
            case((item.checked_on <= as_of, item.check_passed)).label("check_passed"),
        )
        .join(org_unit, org_unit.c.id == item.unit_id)
        .outerjoin(work_task, work_task.c.id == item.task_id)
        .where(scope.covers(org_unit.c.path), item.raised_on <= as_of),
    )
    rows["state"] = [
        supervision_state(due, rectified, checked, passed, as_of)
        for due, rectified, checked, passed in zip(
            rows["due_on"],
            rows["rectified_on"],
            rows["checked_on"],
            rows["check_passed"],
            strict=True,
        )
    ]
    order = rows["state"].map(SUPERVISION_STATES.index)
    return (
        rows.assign(order=order)
        .sort_values(["order", "due_on", "code"])
        .drop(columns=["order", "check_passed"])
        .reset_index(drop=True)
    )


def supervision_state(
    due_on: date,
    rectified_on: date | None,
    checked_on: date | None,
    passed: bool | None,
    as_of: date,
) -> str:
    """One item's state on `as_of` (see SUPERVISION_STATES); days as known on as_of."""
    if checked_on is not None and not pd.isna(checked_on):
        return "passed" if passed else "failed"
    if rectified_on is not None and not pd.isna(rectified_on):
        return "rectified"
    return "overdue" if due_on < as_of else "rectifying"


def duty_records_by_month(
    conn: Connection, *, scope: Scope, level: str, period: Period
) -> pd.DataFrame:
    """Duty records (corrections included: each is an act recorded) by unit grouped at
    `level` and month of the day recorded. Columns: unit_id, unit_code, unit_name,
    month ('YYYY-MM'), records; a unit and month with none has no row."""
    units = org_unit
    month = year_month(duty_record.c.day)
    counts = fetch(
        conn,
        select(
            group_column(units, level).label("unit_id"),
            month.label("month"),
            func.count().label("records"),
        )
        .join(units, units.c.id == duty_record.c.unit_id)
        .where(scope.covers(units.c.path), duty_record.c.day.between(period.start, period.end))
        .group_by(group_column(units, level), month),
    )
    names = with_units(conn, scope=scope, level=level, parts=[])
    columns = ["unit_id", "unit_code", "unit_name"]
    return (
        names[columns]
        .merge(counts, on="unit_id")
        .sort_values(["unit_code", "month"])
        .reset_index(drop=True)
    )


def silent_units(
    conn: Connection, *, scope: Scope, level: str, as_of: date, days: int
) -> pd.DataFrame:
    """Units at `level` with no duty record in the `days` days up to and including
    `as_of`. Columns: unit_id, unit_code, unit_name, parent_id, last_day (None: never)."""
    units = org_unit
    last = (
        select(
            group_column(units, level).label("unit_id"),
            func.max(duty_record.c.day).label("last_day"),
        )
        .join(units, units.c.id == duty_record.c.unit_id)
        .where(scope.covers(units.c.path), duty_record.c.day <= as_of)
        .group_by(group_column(units, level))
    )
    seen = fetch(conn, last)
    frame = with_units(conn, scope=scope, level=level, parts=[]).merge(
        seen, on="unit_id", how="left"
    )
    since = as_of - timedelta(days=days - 1)
    quiet = [pd.isna(day) or day < since for day in frame["last_day"]]
    out = frame[quiet].copy()
    out["last_day"] = out["last_day"].astype(object).where(out["last_day"].notna(), None)
    return out.reset_index(drop=True)
