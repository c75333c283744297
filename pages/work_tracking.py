"""任务督办: tasks and their monthly nodes with early warnings, this month's nodes, the
supervision loop (督办) and the units' points ranking (Qiuji), read on the period's day."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import charts, live, queries, work
from dashboard.charts import show_chart
from dashboard.filters import Filters
from dashboard.formatting import number, percent
from dashboard.i18n import amount, day_label, month_label, tr
from dashboard.labels import LEVELS, SUPERVISION_LABELS, WARNING_LABELS
from dashboard.page_header import header
from dashboard.tables import DECIMAL, FLAG, NUMBER, PERCENT, TEXT, show_table
from data_access.indicators.work import (
    WARNINGS,
    PointsRule,
    node_progress,
    reading_day,
    task_warnings,
)
from data_access.vocabulary import RAISED_AT

TIMELINE_TASKS = 25  # roadmaps drawn at most, the worst first


def show() -> None:
    chosen = header("任务督办")
    as_of = reading_day(chosen.period)
    st.caption(
        tr("任务进度读至 {day}：到期日早于该日的节点计入应完成。").format(day=day_label(as_of))
    )
    work.rule_controls()
    warning_rule, points_rule, _ = work.rules()
    nodes = queries.work_nodes(scope=chosen.scope, as_of=as_of, rule=warning_rule)
    if nodes.empty:
        st.info(tr("所选范围内还没有任务节点。任务与节点可在数据导入中导入。"))
        return
    tasks = task_summary(nodes)
    loop = queries.supervision(scope=chosen.scope, level="total", as_of=as_of).iloc[0]
    _headline(chosen, as_of, tasks, loop)
    _tasks(tasks)
    _timeline(nodes, tasks, year=chosen.period.end.year)
    _month_nodes(nodes, chosen)
    _supervision(chosen, as_of, loop)
    _ranking(chosen, points_rule)


def task_summary(nodes: pd.DataFrame) -> pd.DataFrame:
    """A row per task with its worst node's warning, worst first."""
    tasks = task_warnings(nodes)
    order = tasks["warning"].map(WARNINGS.index)
    return tasks.assign(order=order).sort_values(["order", "task_code"]).drop(columns="order")


def _headline(chosen: Filters, as_of: date, tasks: pd.DataFrame, loop: pd.Series) -> None:
    schedule = queries.on_schedule(scope=chosen.scope, level="total", as_of=as_of).iloc[0]
    cells = st.columns(5)
    cells[0].metric(
        tr("任务"),
        amount(number(len(tasks)), "项"),
        help=tr("红色预警 {red:,} 项，黄色预警 {amber:,} 项（任务取其最差节点的预警）").format(
            red=int((tasks["warning"] == "red").sum()),
            amber=int((tasks["warning"] == "amber").sum()),
        ),
    )
    cells[1].metric(
        tr("节点按期完成率"),
        percent(schedule["on_schedule_rate"]),
        help=tr("按期完成 {n:,.0f} / 应完成 {of:,.0f} 个节点").format(
            n=schedule["on_schedule"], of=schedule["nodes_due"]
        ),
    )
    cells[2].metric(tr("逾期未完成节点"), amount(number(schedule["overdue"]), "个"))
    cells[3].metric(
        tr("督办整改率"),
        percent(loop["rectification_rate"]),
        help=tr("已整改 {n:,.0f} / 交办 {of:,.0f} 项").format(n=loop["closed"], of=loop["raised"]),
    )
    cells[4].metric(
        tr("按时整改率"),
        percent(loop["on_time_rate"]),
        help=tr("按时整改 {n:,.0f} / 已到期 {of:,.0f} 项").format(
            n=loop["rectified_on_time"], of=loop["due"]
        ),
    )


def _tasks(tasks: pd.DataFrame) -> None:
    st.subheader(tr("任务预警"))
    counts = tasks["warning"].value_counts()
    st.caption(
        " · ".join(
            f"{tr(label)} {int(counts.get(warning, 0)):,}"
            for warning, label in WARNING_LABELS.items()
        )
    )
    show_table(
        tasks.assign(warning=tasks["warning"].map(WARNING_LABELS).map(tr)),
        {
            "task_code": ("任务编号", TEXT),
            "task_title": ("任务", TEXT),
            "warning": ("预警", TEXT),
            "nodes": ("节点", NUMBER),
            "done": ("已完成", NUMBER),
            "overdue": ("逾期未完成", NUMBER),
        },
        name="tasks",
    )


def _timeline(nodes: pd.DataFrame, tasks: pd.DataFrame, *, year: int) -> None:
    """The roadmaps of the year the period ends in, month by month."""
    in_year = nodes[nodes["month"].str.startswith(f"{year}-")]
    planned = tasks[tasks["task_code"].isin(in_year["task_code"])]
    shown = planned["task_code"].head(TIMELINE_TASKS)
    if shown.empty:
        return
    labels = {warning: tr(label) for warning, label in WARNING_LABELS.items()}
    show_chart(
        charts.node_timeline(
            in_year[in_year["task_code"].isin(shown)],
            title=tr("{year} 年任务路线图（按月，节点已完成/全部，颜色为最差节点的预警）").format(
                year=year
            ),
            labels=labels,
        ),
        name="task_timeline",
    )
    if len(planned) > len(shown):
        st.caption(
            tr("图中列出预警最重的 {shown:,} 项任务，全部 {n:,} 项见上表。").format(
                shown=len(shown), n=len(planned)
            )
        )


def _month_nodes(nodes: pd.DataFrame, chosen: Filters) -> None:
    month = f"{chosen.period.end:%Y-%m}"
    st.subheader(tr("{month}节点").format(month=month_label(month)))
    due = nodes[nodes["month"] == month]
    if due.empty:
        st.info(tr("这个月没有节点。"))
        return
    show_table(
        due.assign(
            warning=due["warning"].map(WARNING_LABELS).map(tr),
            due_on=due["due_on"].map(_day),
            progress=[
                node_progress(warning, value, target)
                for warning, value, target in zip(
                    due["warning"], due["progress_value"], due["target_value"], strict=True
                )
            ],
        ),
        {
            "unit_name": ("责任单位", TEXT),
            "task_title": ("任务", TEXT),
            "target": ("节点目标", TEXT),
            "owner_role": ("责任人", TEXT),
            "due_on": ("到期日", TEXT),
            "progress": ("最新进度", PERCENT),
            "warning": ("预警", TEXT),
        },
        name="month_nodes",
    )


def _day(day: date | None) -> str:
    return "—" if day is None or pd.isna(day) else f"{day:%Y-%m-%d}"


def _supervision(chosen: Filters, as_of: date, loop: pd.Series) -> None:
    st.subheader(tr("督办闭环"))
    steps = [
        ("交办", loop["raised"]),
        ("整改中", loop["rectifying"]),
        ("已整改待验收", loop["rectified"]),
        ("已验收", loop["checked"]),
        ("验收未通过", loop["failed"]),
        ("逾期未整改", loop["overdue"]),
    ]
    cells = st.columns(len(steps))
    for cell, (label, value) in zip(cells, steps, strict=True):
        cell.metric(tr(label), amount(number(value), "项"))
    items = queries.supervision_items(scope=chosen.scope, as_of=as_of)
    open_items = items[items["state"].isin(["overdue", "rectifying", "failed"])]
    st.caption(
        tr("未销号 {n:,} 项（逾期未整改 {late:,} 项，验收未通过 {failed:,} 项）").format(
            n=len(open_items),
            late=int((open_items["state"] == "overdue").sum()),
            failed=int((open_items["state"] == "failed").sum()),
        )
    )
    if not open_items.empty:
        show_table(
            open_items.assign(
                state=open_items["state"].map(SUPERVISION_LABELS).map(tr),
                raised_at=open_items["raised_at"].map(RAISED_AT).map(tr),
                raised_on=open_items["raised_on"].map(_day),
                due_on=open_items["due_on"].map(_day),
            ),
            {
                "unit_name": ("责任单位", TEXT),
                "code": ("督办编号", TEXT),
                "issue": ("问题", TEXT),
                "raised_at": ("来源", TEXT),
                "raised_on": ("交办日", TEXT),
                "due_on": ("整改时限", TEXT),
                "state": ("状态", TEXT),
            },
            name="supervision_open",
        )
    by_unit = queries.supervision(scope=chosen.scope, level=chosen.level, as_of=as_of)
    show_table(
        by_unit,
        {
            "unit_name": (LEVELS[chosen.level], TEXT),
            "raised": ("交办", NUMBER),
            "rectifying": ("整改中", NUMBER),
            "overdue": ("逾期未整改", NUMBER),
            "checked": ("已验收", NUMBER),
            "failed": ("验收未通过", NUMBER),
            "rectification_rate": ("整改率", PERCENT),
            "on_time_rate": ("按时整改率", PERCENT),
        },
        name="supervision_by_unit",
    )


def _ranking(chosen: Filters, rule: PointsRule) -> None:
    level = chosen.level
    st.subheader(tr("{level}积分排名").format(level=tr(LEVELS[level])))
    ranking = work.points_ranking(chosen, rule)
    st.caption(
        tr(
            "本期到期并按期完成的节点得分（每个单位的任务分值由其节点均分）；前 {n_top} 名加 "
            "{top} 分，后 {n_bottom} 名减 {bottom} 分；末位两季：连续两个季度末位。"
        ).format(
            n_top=len(rule.top),
            top="/".join(map(str, rule.top)),
            n_bottom=len(rule.bottom),
            bottom="/".join(map(str, rule.bottom)),
        )
    )
    show_chart(
        charts.ranked_bars(
            ranking,
            value="earned",
            title=tr("各{level}积分（末位为橙色）").format(level=tr(LEVELS[level])),
            unit=tr("积分"),
            percent=False,
            decimals=2,
        ),
        name="points",
    )
    columns = {
        "unit_name": (LEVELS[level], TEXT),
        "rank": ("名次", NUMBER),
        "earned": ("积分", DECIMAL),
        "adjustment": ("加减分", NUMBER),
        "last": ("末位", FLAG),
    }
    if work.is_quarter(chosen):
        columns["last_twice"] = ("末位两季", FLAG)
    show_table(ranking, columns, name="points_ranking")


live.run_live(show, "任务督办")
