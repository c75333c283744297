"""The yardstick for page time: a bare Streamlit page with 5 metrics, 4 plotly bar
charts and a table, no sign-in and no database. `benchmarks.browser` times it the same
way as the dashboard's views (`streamlit run benchmarks/bare_page.py`)."""

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

st.set_page_config(page_title="bare page", layout="wide")
st.title("Bare page")
rng = np.random.default_rng(7)
units = pd.DataFrame(
    {"unit": [f"单位{i:02d}" for i in range(30)]}
    | {f"indicator {k}": rng.uniform(0, 100, 30).round(1) for k in range(8)}
)
for column, k in zip(st.columns(5), range(5), strict=True):
    column.metric(f"indicator {k}", f"{units[f'indicator {k}'].mean():.1f}%", "+1.2")
for row in range(2):
    for column, k in zip(st.columns(2), range(2 * row, 2 * row + 2), strict=True):
        column.plotly_chart(px.bar(units, x="unit", y=f"indicator {k}"), key=f"chart{k}")
st.dataframe(units, hide_index=True)
