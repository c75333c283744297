"""Tables on screen with Chinese headers, plus CSV and Excel downloads of exactly what is shown."""

import pandas as pd
import streamlit as st

from dashboard.downloads import download_buttons
from dashboard.figures import RAG
from dashboard.formatting import NOT_EXPECTED, flag, number, percent, rank_change, rounded
from dashboard.i18n import tr

# column kind -> how it is shown
PERCENT, NUMBER, DECIMAL, TEXT, FLAG = "percent", "number", "decimal", "text", "flag"
RANK_CHANGE = "rank_change"  # places moved since the previous period, shown as ▲2 / ▼1 / —
RANK_CHANGE_NOTE = "名次变化：▲ 上升、▼ 下降、— 不变"
DIGITS = {PERCENT: 1, NUMBER: 0, DECIMAL: 2}
AS_TEXT = {FLAG: flag, RANK_CHANGE: rank_change}


def show_table(
    frame: pd.DataFrame,
    columns: dict[str, tuple[str, str]],
    *,
    name: str,
    height: int | None = None,
) -> None:
    """`columns` maps column -> (Chinese header, kind); other columns are left out.
    Numbers are rounded half up (四舍五入) before the browser formats them, so the screen
    and the downloads show the same digits."""
    headed = {column: (_heading(label), kind) for column, (label, kind) in columns.items()}
    shown = frame[list(columns)].copy()
    config = {}
    # the first column (the unit) stays in view while a wide table scrolls sideways
    first = next(iter(columns))
    for column, (label, kind) in headed.items():
        values = shown[column]
        if kind in (PERCENT, DECIMAL) and values.isna().any():
            # a missing value is "not expected": said in words, never a blank or 0
            shown[column] = [tr(_as_text(v, kind)) for v in values]
            config[column] = st.column_config.TextColumn(label)
        elif kind == PERCENT:
            shown[column] = as_shown(values, kind)
            config[column] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif kind in (NUMBER, DECIMAL):
            shown[column] = as_shown(values, kind)
            config[column] = st.column_config.NumberColumn(label, format="localized")
        else:
            if kind in AS_TEXT:
                shown[column] = values.map(AS_TEXT[kind]).map(tr)
            config[column] = st.column_config.TextColumn(label)
    config[first]["pinned"] = True
    moves = [column for column, (_, kind) in headed.items() if kind == RANK_CHANGE]
    # column_config's formats win over the Styler's (Streamlit), which only adds colour
    styled = shown.style.map(_move_colour, subset=moves) if moves else shown
    st.dataframe(styled, hide_index=True, column_config=config, height=height or "auto")
    if (shown == tr(NOT_EXPECTED)).any().any():
        st.caption(
            tr("{na} = 该单位没有应统计的对象（分母为 0），不是 0。").format(na=tr(NOT_EXPECTED))
        )
    download_buttons(download_frame(frame, columns), name=name)


def as_shown(values: pd.Series, kind: str) -> pd.Series:
    """A PERCENT, NUMBER or DECIMAL column's values as the table and its download show
    them (a rate in percent), rounded half up: also for comparing what a reader can tell
    apart."""
    scale = 100 if kind == PERCENT else 1
    return values.map(lambda v: rounded(v, DIGITS[kind], scale=scale))


def _heading(label: str) -> str:
    """A header in the chosen language; an English one starts with a capital ('district')."""
    shown = tr(label)
    return shown[:1].upper() + shown[1:]


def download_frame(frame: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The table as a file holds it: the digits shown on screen, as numbers a spreadsheet
    computes with; rates in percent under a header that says （%）, counts as whole
    numbers, flags as 是/否, rank changes as on screen, and 不适用 where nothing is expected."""
    out = {}
    for column, (label, kind) in columns.items():
        values = frame[column]
        if kind == PERCENT:
            label = label if label.endswith("（%）") else f"{label}（%）"
            values = as_shown(values, kind)
        elif kind in (NUMBER, DECIMAL):
            values = as_shown(values, kind)
            if kind == NUMBER:
                values = values.astype("Int64")
        elif kind in AS_TEXT:
            values = values.map(AS_TEXT[kind]).map(tr)
        if kind in (PERCENT, DECIMAL) and values.isna().any():
            values = values.astype(object).where(values.notna(), tr(NOT_EXPECTED))
        out[_heading(label)] = values.reset_index(drop=True)
    return pd.DataFrame(out)


def _move_colour(shown: str) -> str:
    """Up green, down red (the RAG colours of the charts), no change as it is."""
    colour = RAG["green"] if shown.startswith("▲") else RAG["red"] if shown.startswith("▼") else ""
    return f"color: {colour}" if colour else ""


def _as_text(value: float, kind: str) -> str:
    return percent(value) if kind == PERCENT else number(value, DIGITS[DECIMAL])


def list_caption(counted: str, *, total: int, shown: int, which: str) -> str:
    """`counted` ("共 N 个…"), and where the list stops short of `total`, which rows it
    shows and how to see the rest (data_access stops lists at LISTED_AT_MOST)."""
    if total <= shown:
        return tr("{counted}。").format(counted=counted)
    return tr("{counted}；表中列出{which} {shown:,} 个，选择市、区县或街道可看其全部。").format(
        counted=counted, which=tr(which), shown=shown
    )
