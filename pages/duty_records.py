"""履责记实: what each unit recorded doing, as it did it (一事一记、随做随记), searched by
day range and linked task, with the units that have recorded nothing for a while."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import charts, live, queries
from dashboard.charts import show_chart
from dashboard.filters import Filters
from dashboard.formatting import number
from dashboard.i18n import amount, tr
from dashboard.labels import LEVELS
from dashboard.page_header import header
from dashboard.tables import TEXT, show_table
from data_access.indicators.work import reading_day
from data_access.period import Period, month_start

SILENT_DAYS = 30  # the default: a unit with no record for a month is asked why


def show() -> None:
    chosen = header("履责记实")
    period = chosen.period
    picked = st.date_input(
        tr("记录日期"),
        value=(period.start, period.end),
        min_value=date(2000, 1, 1),
        max_value=period.end,
        key="duty_days",
    )
    # while a range is being picked the widget holds its first day only
    start, end = (picked[0], picked[-1]) if picked else (period.start, period.end)
    tasks = _task_choices(chosen)
    task_code = st.selectbox(
        tr("关联任务"),
        [None, *tasks],
        format_func=lambda code: tr("全部") if code is None else f"{code} {tasks[code]}",
        key="duty_task",
    )
    records = queries.duty_records(scope=chosen.scope, start=start, end=end, task_code=task_code)
    cells = st.columns(3)
    cells[0].metric(tr("履责记录"), amount(number(len(records)), "条"))
    cells[1].metric(tr("记录单位"), amount(number(records["unit_name"].nunique()), "个"))
    cells[2].metric(tr("其中更正记录"), amount(number(records["corrects_id"].notna().sum()), "条"))
    _by_month(chosen, start, end)
    st.subheader(tr("履责时间线"))
    if records.empty:
        st.info(tr("所选日期与任务没有履责记录。"))
    else:
        show_table(
            records.assign(
                day=records["day"].map(lambda day: f"{day:%Y-%m-%d}"),
                task=[
                    "" if pd.isna(code) else f"{code} {title}"
                    for code, title in zip(records["task_code"], records["task_title"], strict=True)
                ],
                corrects=records["corrects_id"].map(
                    lambda id_: "" if pd.isna(id_) else tr("更正第 {id} 号").format(id=int(id_))
                ),
                record=records["record_id"].astype(str),
                supervision_code=records["supervision_code"].fillna(""),
            ),
            {
                "day": ("日期", TEXT),
                "unit_name": ("单位", TEXT),
                "action": ("履责事项", TEXT),
                "task": ("关联任务", TEXT),
                "supervision_code": ("督办编号", TEXT),
                "recorded_by": ("记录人", TEXT),
                "record": ("记录号", TEXT),
                "corrects": ("更正", TEXT),
            },
            name="duty_records",
            height=420,
        )
    _silent(chosen)


def _task_choices(chosen: Filters) -> dict[str, str]:
    """The tasks with nodes in the scope, by code."""
    nodes = queries.work_nodes(scope=chosen.scope, as_of=reading_day(chosen.period))
    tasks = nodes.drop_duplicates("task_code").sort_values("task_code")
    return dict(zip(tasks["task_code"], tasks["task_title"], strict=True))


def _by_month(chosen: Filters, start: date, end: date) -> None:
    months = Period(month_start(start), month_start(end))
    counts = queries.duty_records_by_month(scope=chosen.scope, level=chosen.level, period=months)
    if counts.empty:
        return
    show_chart(
        charts.stacked_bars(
            counts,
            x="month",
            color="unit_name",
            y="records",
            title=tr("各月履责记录（按{level}）").format(level=tr(LEVELS[chosen.level])),
            unit=tr("条数"),
            labels={},
        ),
        name="duty_by_month",
    )


def _silent(chosen: Filters) -> None:
    """Streets (communities, below a street) with no record for N days: where the records
    are written, rather than the districts above them."""
    st.subheader(tr("长期无记录的单位"))
    days = st.number_input(
        tr("无记录天数"), min_value=1, max_value=365, value=SILENT_DAYS, step=1, key="silent_days"
    )
    level = "community" if chosen.level in ("street", "community") else "street"
    as_of = chosen.period.end
    silent = queries.silent_units(scope=chosen.scope, level=level, as_of=as_of, days=days)
    st.caption(
        tr("截至 {day}，{n:,} 个{level}连续 {days} 天没有履责记录。").format(
            day=f"{as_of:%Y-%m-%d}", n=len(silent), level=tr(LEVELS[level]), days=days
        )
    )
    if not silent.empty:
        show_table(
            silent.assign(
                last_day=silent["last_day"].map(
                    lambda day: tr("从未记录") if day is None else f"{day:%Y-%m-%d}"
                )
            ),
            {"unit_name": (LEVELS[level], TEXT), "last_day": ("最近一次记录", TEXT)},
            name="silent_units",
        )


live.run_live(show, "履责记实")
