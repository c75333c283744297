"""A chart on screen with the data it draws offered as CSV and Excel."""

import streamlit as st

from dashboard.downloads import download_buttons
from dashboard.figures import Chart


def show_chart(chart: Chart, *, name: str, key: str | None = None) -> None:
    st.plotly_chart(chart.figure, key=key)
    download_buttons(chart.data, name=f"{name}_chart", label="图表数据", type="tertiary")
