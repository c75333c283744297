"""The top of every view: title, what is shown, and a clear stop when nothing can be."""

import streamlit as st

from dashboard import live
from dashboard.filters import Filters, current_filters, period_label
from dashboard.labels import LEVELS
from dashboard.queries import query


def header(title: str) -> Filters:
    """Draw the title and the scope/period line; stop the page if the scope is empty."""
    chosen = current_filters()
    st.title(title)
    period = chosen.period
    st.caption(
        f"范围：{chosen.unit_name} · 统计期：{period_label(period)}"
        f"（{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}）"
    )
    live.status_line()
    if not chosen.scope.paths:
        st.info("所选范围不在您的可见范围内，没有可显示的数据。")
        st.stop()
    records = query("records_in_period", chosen.scope, level=chosen.level, period=period)
    if records.empty:
        st.info("所选范围内没有单位。")
        st.stop()
    silent = records.loc[records["records"] == 0, "unit_name"].tolist()
    if len(silent) == len(records):
        st.info(f"{period_label(period)}所选范围内还没有任何报送数据。")
        st.stop()
    if silent:
        st.warning(
            f"本期尚未报送数据的{LEVELS[chosen.level]}：{'、'.join(silent)}",
            icon=":material/schedule:",
        )
    return chosen
