"""CSV and Excel download buttons for a frame. The files are made only when a button
is clicked, not on every rerun."""

from functools import partial

import pandas as pd
import streamlit as st

from dashboard.i18n import tr
from data_access.export import csv_bytes, excel_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(frame: pd.DataFrame, *, name: str, label: str = "下载", **style) -> None:
    """Two buttons in a row: `{label} CSV` and `{label} Excel`, files named `name`."""
    row = st.container(horizontal=True)
    for kind, make, mime in (("CSV", csv_bytes, "text/csv"), ("Excel", excel_bytes, XLSX)):
        suffix = "csv" if kind == "CSV" else "xlsx"
        row.download_button(
            f"{tr(label)} {kind}",
            partial(make, frame),
            f"{name}.{suffix}",
            mime,
            key=f"{suffix}_{name}",
            icon=":material/download:",
            on_click="ignore",  # a download runs nothing, so no other click is lost to it
            **style,
        )
