"""Tables on screen with Chinese headers, plus CSV and Excel downloads of exactly what is shown."""

import pandas as pd
import streamlit as st

from dashboard.downloads import download_buttons
from dashboard.formatting import NOT_EXPECTED, number
from dashboard.formatting import percent as percent_text

# column kind -> how it is shown
PERCENT, NUMBER, DECIMAL, TEXT, FLAG = "percent", "number", "decimal", "text", "flag"


def show_table(
    frame: pd.DataFrame,
    columns: dict[str, tuple[str, str]],
    *,
    name: str,
    height: int | None = None,
) -> None:
    """`columns` maps column -> (Chinese header, kind); other columns are left out."""
    shown = frame[list(columns)].copy()
    config = {}
    for column, (label, kind) in columns.items():
        if kind in (PERCENT, DECIMAL) and shown[column].isna().any():
            # a missing value is "not expected": said in words, never a blank or 0
            shown[column] = [_as_text(v, kind) for v in shown[column]]
            config[column] = st.column_config.TextColumn(label)
        elif kind == PERCENT:
            shown[column] = shown[column] * 100
            config[column] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif kind == NUMBER:
            config[column] = st.column_config.NumberColumn(label, format="localized")
        elif kind == DECIMAL:
            config[column] = st.column_config.NumberColumn(label, format="%.2f")
        elif kind == FLAG:
            config[column] = st.column_config.CheckboxColumn(label)
        else:
            config[column] = st.column_config.TextColumn(label)
    st.dataframe(shown, hide_index=True, column_config=config, height=height or "auto")
    if (shown == NOT_EXPECTED).any().any():
        st.caption(f"{NOT_EXPECTED} = 该单位没有应统计的对象（分母为 0），不是 0。")
    # downloads keep rates as shares (0.667), so spreadsheets compute with them
    download = frame[list(columns)].rename(columns={c: label for c, (label, _) in columns.items()})
    download_buttons(download, name=name)


def _as_text(value: float, kind: str) -> str:
    return percent_text(value) if kind == PERCENT else number(value, 2)


def list_caption(counted: str, *, total: int, shown: int, which: str) -> str:
    """`counted` ("共 N 个…"), and where the list stops short of `total`, which rows it
    shows and how to see the rest (data_access stops lists at LISTED_AT_MOST)."""
    if total <= shown:
        return f"{counted}。"
    return f"{counted}；表中列出{which} {shown:,} 个，选择市、区县或街道可看其全部。"
