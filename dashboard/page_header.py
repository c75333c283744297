"""The top of every view: title, what is shown, and a clear stop when nothing can be."""

import streamlit as st

from dashboard.filters import Filters, current_filters, period_label


def header(title: str) -> Filters:
    """Draw the title and the scope/period line; stop the page if the scope is empty."""
    chosen = current_filters()
    st.title(title)
    period = chosen.period
    st.caption(
        f"范围：{chosen.unit_name} · 统计期：{period_label(period)}"
        f"（{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}）"
    )
    if not chosen.scope.paths:
        st.info("所选范围不在您的可见范围内，没有可显示的数据。")
        st.stop()
    return chosen
