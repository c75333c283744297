"""The top of every view: title, what is shown, and a clear stop when nothing can be."""

import pandas as pd
import streamlit as st

from dashboard import live, queries
from dashboard.filters import Filters, current_filters, period_label
from dashboard.formatting import name_list, plain
from dashboard.i18n import tr
from dashboard.labels import LEVELS
from dashboard.queries import receives_imports
from dashboard.settings import reporting_due_day
from data_access import clock
from data_access.reporting_status import LEVELS as SUBMISSION_LEVELS
from data_access.reporting_status import MISSING, unit_summary


def header(title: str) -> Filters:
    """Draw the title and the scope/period line; stop the page if the scope is empty."""
    chosen = current_filters()
    st.title(tr(title))
    period = chosen.period
    st.caption(
        tr("范围：{unit} · 统计期：{period}（{start} 至 {end}）").format(
            unit=plain(chosen.unit_name),
            period=period_label(period),
            start=f"{period.start:%Y-%m-%d}",
            end=f"{period.end:%Y-%m-%d}",
        )
    )
    live.status_line()
    if not chosen.scope.paths:
        st.info(tr("所选范围不在您的可见范围内，没有可显示的数据。"))
        st.stop()
    records = queries.records_in_period(scope=chosen.scope, level=chosen.level, period=period)
    if records.empty:
        st.info(tr("所选范围内没有单位。"))
        st.stop()
    if (records["records"] == 0).all():
        st.info(tr("{period}所选范围内还没有任何报送数据。").format(period=period_label(period)))
        st.stop()
    if chosen.level in SUBMISSION_LEVELS and receives_imports():
        overdue = _overdue(chosen)
        if overdue:
            st.warning(
                tr("本期逾期未报送的{level}（见报送情况）：{units}").format(
                    level=tr(LEVELS[chosen.level]), units=name_list(overdue)
                ),
                icon=":material/schedule:",
            )
        return chosen
    silent = records.loc[records["records"] == 0, "unit_name"].tolist()
    if silent:
        st.warning(
            tr("本期尚未报送数据的{level}：{units}").format(
                level=tr(LEVELS[chosen.level]), units=name_list(silent)
            ),
            icon=":material/schedule:",
        )
    return chosen


def _overdue(chosen: Filters) -> list[str]:
    """The units that 报送情况 shows as sending nothing for the period though it is due."""
    folded = submissions_by_unit(chosen)
    return folded.loc[folded["status"] == MISSING, "unit_name"].tolist()


def submissions_by_unit(chosen: Filters) -> pd.DataFrame:
    """报送情况 over the period's months, one row per unit at the chosen (district or
    street) level: `unit_summary`'s columns, status among them."""
    status = queries.reporting_status(
        scope=chosen.scope,
        level=chosen.level,
        period=chosen.period,
        due_day=reporting_due_day(),
        today=clock.today(),
    )
    return unit_summary(status, by=("unit_id",))
