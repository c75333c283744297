"""Charts on screen, each with the data it draws offered as CSV and Excel.

The figure builders are pure (dashboard/figures.py); here each is wrapped so that a chart
is built once per data and options in a process and then shared by every session that
shows it: plotly checks every property as a figure is built (20 ms for a bar chart of 144
districts), and building a view's charts took a third of its server time on every run.
A shared Chart is never changed after it is built.
"""

from collections.abc import Callable
from typing import ParamSpec

import pandas as pd
import streamlit as st

from dashboard import figures
from dashboard.downloads import download_buttons
from dashboard.figures import Chart
from dashboard.i18n import english
from dashboard.queries import TTL_SECONDS

P = ParamSpec("P")
BUILDERS: dict[str, Callable[..., Chart]] = {}


@st.cache_resource(ttl=TTL_SECONDS, max_entries=500, show_spinner=False)
def _built(name: str, language: str, *args, **kwargs) -> Chart:
    # `language` is only a key: the builders write their own words (axes, legends) with
    # tr(), so a chart built for an English session is not shown to a Chinese one
    return BUILDERS[name](*args, **kwargs)


def _shared(builder: Callable[P, Chart]) -> Callable[P, Chart]:
    """`builder`, built once per arguments (hashed by value, frames included)."""
    BUILDERS[builder.__name__] = builder

    def build(*args: P.args, **kwargs: P.kwargs) -> Chart:
        return _built(builder.__name__, "en" if english() else "zh", *args, **kwargs)

    build.__doc__ = builder.__doc__
    return build


ranked_bars = _shared(figures.ranked_bars)
change_bars = _shared(figures.change_bars)
monthly_lines = _shared(figures.monthly_lines)
stacked_bars = _shared(figures.stacked_bars)
coverage_treemap = _shared(figures.coverage_treemap)
calendar_heatmap = _shared(figures.calendar_heatmap)
small_bars = _shared(figures.small_bars)
trend_line = _shared(figures.trend_line)
rag_counts = _shared(figures.rag_counts)
node_timeline = _shared(figures.node_timeline)
# figures.choropleth is built on each run: hashing a district map on every run would cost
# about what building it does.


def show_chart(chart: Chart, *, name: str, key: str | None = None) -> None:
    st.plotly_chart(chart.figure, key=key)
    download_buttons(chart.data, name=f"{name}_chart", label="图表数据", type="tertiary")


def show_small_charts(shown: dict[str, Chart], *, index: str, name: str) -> None:
    """Small charts ({key: chart}) three to a row in columns, so a phone stacks them each
    its full width, and one download with all their data side by side on `index`."""
    charts = list(shown.items())
    for row in range(0, len(charts), 3):
        for column, (key, chart) in zip(st.columns(3), charts[row : row + 3], strict=False):
            column.plotly_chart(chart.figure, key=f"{name}_{key}")
    together = pd.concat([chart.data.set_index(index) for chart in shown.values()], axis=1)
    download_buttons(
        together.reset_index(), name=f"{name}_chart", label="图表数据", type="tertiary"
    )
