"""Pure figure builders: DataFrame in, a Chart out: the plotly figure and the data it
draws. Every chart has a title, axis units and values written on it, so nothing
depends on hovering; its data is offered for download beside it."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard import formatting
from dashboard.i18n import tr, with_unit

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
RAG = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "not_due": "#999999"}
# a work node's warning (data_access.indicators.work.WARNINGS): open ones by RAG, on track
# in sky blue so that it is not read as done
WARNING_COLOURS = {
    "red": RAG["red"],
    "amber": RAG["amber"],
    "green": PALETTE[4],
    "late": PALETTE[5],
    "done": RAG["green"],
}
LAST = RAG["amber"]  # the last-placed unit, in charts and on the slides
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    # what the chart draws, one row per bar, point or box, headed as the chart labels it;
    # a missing value stays missing (never the 0-length bar drawn for it); rates are in %
    data: pd.DataFrame


def _names(names: Iterable[object]) -> list[str]:
    """Names as plotly draws them: its text is a little HTML (<a href> links, <b>,
    entities), so a name goes in escaped and shows as written."""
    return [escape(str(name), quote=False) for name in names]


def _as_shown(values: pd.Series, percent: bool) -> pd.Series:
    """Values in the unit the axis shows: rates as percentages."""
    return (values * 100).round(4) if percent else values


def _style(fig: go.Figure, title: str, height: int) -> go.Figure:
    # A chart title does not wrap: its explanation in brackets goes on a smaller second
    # line, so "网格覆盖结构（方块大小 = 网格数，颜色 = 覆盖率）" fits a phone.
    main, _, note = title.partition("（" if "（" in title else " (")
    heading: dict = {"text": main, "x": 0, "xanchor": "left", "font": {"size": 18}}
    if note:
        heading["subtitle"] = {"text": note.rstrip("）)"), "font": {"size": 13}}
    fig.update_layout(
        title=heading,
        font={"family": FONT, "size": 14},
        height=height,
        margin={"l": 10, "r": 40, "t": 80 if note else 60, "b": 40},
        colorway=PALETTE,
        # under the plot: above it, a legend that wraps on a narrow screen covers the title
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0},
        plot_bgcolor="white",
        # a label that does not fit its bar is hidden, never shrunk or turned sideways
        uniformtext={"minsize": 11, "mode": "hide"},
    )
    fig.update_xaxes(gridcolor="#eee", automargin=True)
    fig.update_yaxes(gridcolor="#eee", automargin=True)
    return fig


def _text(values: pd.Series, percent: bool, decimals: int = 1) -> list[str]:
    return [
        "—"
        if pd.isna(v)
        else (formatting.percent(v) if percent else formatting.number(v, decimals))
        for v in values
    ]


def last_placed(values: pd.Series, *, digits: int = 1, scale: int = 100) -> pd.Series:
    """Which values are last (末位), the one rule of the charts, the slides, the 大屏 and
    区域比较's table: those that show as the lowest known value, unless every known value
    shows alike (then none is). Compared as shown (rounded half up at `digits` decimals
    after `scale`: a rate as a percentage by default), so 59.96% ties with 60.0%."""
    shown = values.map(lambda v: formatting.rounded(v, digits, scale=scale))
    known = shown.dropna()
    if known.nunique() < 2:
        return pd.Series(False, index=values.index)
    return shown == known.min()


def _last_in_orange(values: pd.Series, percent: bool, decimals: int = 1) -> list[str]:
    """A bar colour per value: the last-placed in orange, the others in the first colour."""
    lasts = last_placed(values, digits=decimals, scale=100 if percent else 1)
    return [LAST if last else PALETTE[0] for last in lasts]


def ranked_bars(
    frame: pd.DataFrame,
    *,
    value: str,
    title: str,
    unit: str,
    percent: bool = True,
    decimals: int = 1,
    target: float | None = None,
) -> Chart:
    """Horizontal bars of `value` by unit_name, best on top, values written at the bar ends;
    the last-placed in orange, as on the slides."""
    data = frame.sort_values(value, ascending=True, na_position="first")
    fig = go.Figure(
        go.Bar(
            x=data[value].fillna(0),
            y=_names(data["unit_name"]),
            orientation="h",
            text=_text(data[value], percent, decimals),
            textposition="outside",
            cliponaxis=False,
            marker_color=_last_in_orange(data[value], percent, decimals),
        )
    )
    if target is not None:
        fig.add_vline(
            x=target,
            line_dash="dash",
            line_color=RAG["red"],
            annotation_text=f"{tr('目标')} {formatting.percent(target, 0) if percent else target}",
        )
    fig.update_xaxes(
        title=unit, tickformat=".0%" if percent else ",", range=[0, 1.12] if percent else None
    )
    shown = pd.DataFrame(
        {tr("单位"): data["unit_name"], unit: _as_shown(data[value], percent)}
    ).iloc[::-1]
    return Chart(_style(fig, title, height=max(260, 60 + 28 * len(data))), shown)


def change_bars(frame: pd.DataFrame, *, before: str, after: str, title: str, unit: str) -> Chart:
    """How far each unit_name moves from `before` to `after`, a bar each in the frame's
    order from the top: up green, down red, written with its sign. The axis spans the
    changes, not the scores: 96.28 against 96.80 on a 0-100 axis could not be seen."""
    changes = (frame[after] - frame[before]).round(2)
    data, change = frame.iloc[::-1], changes.iloc[::-1]
    colours = [RAG["green"] if v > 0 else RAG["red"] if v < 0 else RAG["not_due"] for v in change]
    fig = go.Figure(
        go.Bar(
            x=change.fillna(0),
            y=_names(data["unit_name"]),
            orientation="h",
            text=[
                "—" if pd.isna(v) else f"{'+' if v > 0 else ''}{formatting.number(v, 2)}"
                for v in change
            ],
            textposition="outside",
            cliponaxis=False,
            marker_color=colours,
        )
    )
    reach = float(change.abs().max()) if change.notna().any() else 0.0
    room = (reach or 1.0) * 1.4  # the signed values written past the bars
    fig.update_xaxes(title=unit, range=[-room, room], zeroline=True, zerolinecolor="#888")
    shown = pd.DataFrame(
        {
            tr("单位"): frame["unit_name"],
            tr("基准"): frame[before].round(2),
            tr("推演"): frame[after].round(2),
            unit: changes,
        }
    )
    return Chart(_style(fig, title, height=max(200, 90 + 34 * len(data))), shown)


def monthly_lines(frame: pd.DataFrame, *, series: dict[str, str], title: str, unit: str) -> Chart:
    """One line per column in `series` ({column: label}) over `month`, each point labelled."""
    fig = go.Figure()
    for column, label in series.items():
        fig.add_trace(
            go.Scatter(
                x=frame["month"],
                y=frame[column],
                name=label,
                mode="lines+markers+text",
                text=["" if pd.isna(v) else formatting.number(v) for v in frame[column]],
                textposition="top center",
            )
        )
    top = float(frame[list(series)].max().max()) if len(frame) else 0.0
    top = top if top > 0 else 1.0  # also when there is nothing (NaN) to show
    fig.update_xaxes(title=tr("月份"), type="category")
    # headroom so the labels above the highest points stay inside the chart
    fig.update_yaxes(title=unit, range=[0, top * 1.18])
    shown = frame[["month", *series]].rename(columns={"month": tr("月份"), **series})
    return Chart(_style(fig, title, height=380), shown)


def stacked_bars(
    frame: pd.DataFrame,
    *,
    x: str,
    color: str,
    y: str,
    title: str,
    unit: str,
    labels: dict[str, str],
) -> Chart:
    """Bars of `y` over `x`, stacked by `color` (legend names from `labels`), totals on top."""
    fig = go.Figure()
    for key, part in frame.groupby(color, sort=False):
        fig.add_trace(
            go.Bar(
                x=part[x],
                y=part[y],
                name=labels.get(key, key),
                text=part[y],
                textposition="inside",
                textangle=0,
            )
        )
    totals = frame.groupby(x, sort=True)[y].sum()
    fig.add_trace(
        go.Scatter(
            x=totals.index,
            y=totals.values,
            mode="text",
            text=totals.values,
            textposition="top center",
            showlegend=False,
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=tr("月份"), type="category")
    fig.update_yaxes(title=unit)
    shown = (
        frame.pivot_table(index=x, columns=color, values=y, aggfunc="sum", sort=False)
        .rename(columns=labels)
        .assign(合计=totals)
        .sort_index()
        .rename_axis(index=tr("月份"), columns=None)
        .reset_index()
    )
    return Chart(_style(fig, title, height=420), shown)


def coverage_treemap(frame: pd.DataFrame, *, title: str) -> Chart:
    """Treemap of grids: boxes sized by grids, coloured and labelled by coverage rate.

    `frame` has id, parent, label, grids, coverage_rate (parents listed too).
    """
    fig = go.Figure(
        go.Treemap(
            ids=frame["id"],
            parents=frame["parent"],
            labels=_names(frame["label"]),
            values=frame["grids"],
            branchvalues="total",
            marker={
                "colors": frame["coverage_rate"],
                "colorscale": "Blues",
                "cmin": 0.4,
                "cmax": 1,
                "colorbar": {"title": tr("覆盖率"), "tickformat": ".0%"},
            },
            texttemplate="%{label}<br>%{customdata:.0%}",
            customdata=frame["coverage_rate"],
        )
    )
    labels = frame.set_index("id")["label"]
    shown = pd.DataFrame(
        {
            tr("单位"): frame["label"],
            tr("上级单位"): frame["parent"].map(labels),
            tr("网格数"): frame["grids"],
            tr("覆盖率（%）"): _as_shown(frame["coverage_rate"], percent=True),
        }
    )
    return Chart(_style(fig, title, height=520), shown)


def calendar_heatmap(daily: pd.DataFrame, *, title: str) -> Chart:
    """Meetings per day as a week-by-weekday heatmap."""
    if daily.empty:
        return Chart(
            _style(go.Figure(), title, height=260), pd.DataFrame(columns=["日期", "会议（次）"])
        )
    days = pd.date_range(daily["day"].min(), daily["day"].max())
    counts = daily.set_index("day")["meetings"].reindex(days, fill_value=0)
    week = (days - days[0].to_period("W").start_time).days // 7
    grid = pd.DataFrame({"week": week, "weekday": days.day_of_week, "n": counts.values})
    table = grid.pivot(index="weekday", columns="week", values="n")
    starts = [days[week == w][0].strftime("%m-%d") for w in table.columns]
    labels = table.map(lambda v: "" if pd.isna(v) else formatting.number(v))
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=starts,
            y=[tr(day) for day in ("周一", "周二", "周三", "周四", "周五", "周六", "周日")],
            colorscale="Greens",
            colorbar={"title": tr("次数")},
            xgap=2,
            ygap=2,
            text=labels.values,
            texttemplate="%{text}" if table.shape[1] <= 16 else None,
        )
    )
    # across, at most seven weeks named: a quarter's thirteen turn sideways on a phone
    fig.update_xaxes(
        title=tr("周（起始日）"), type="category", tickangle=0, dtick=math.ceil(len(starts) / 7)
    )
    fig.update_yaxes(autorange="reversed")
    shown = pd.DataFrame({tr("日期"): days.strftime("%Y-%m-%d"), tr("会议（次）"): counts.values})
    return Chart(_style(fig, title, height=320), shown)


def small_bars(table: pd.DataFrame, *, value: str, label: str, unit: str) -> Chart:
    """One indicator's horizontal bars by unit_name in the table's order from the top, a
    small chart among several (st.columns lays them three to a row, one on a phone): one
    colour, the last-placed in orange, values written past the bars."""
    percent = unit == "%"
    fig = go.Figure(
        go.Bar(
            y=_names(table["unit_name"]),
            x=table[value].fillna(0),
            orientation="h",
            text=_text(table[value], percent),
            textposition="outside",
            cliponaxis=False,
            marker_color=_last_in_orange(table[value], percent),
        )
    )
    # room for the values past the bars; no axis label above 100%
    fig.update_xaxes(
        tickformat=".0%" if percent else ",",
        range=[0, 1.3 if percent else 1.3 * (table[value].max() or 1)],
        tickvals=[0, 0.5, 1] if percent else None,
        nticks=3,
    )
    fig.update_yaxes(autorange="reversed")
    # the axis says "%"; another unit goes on the title's second line (a title that runs
    # past a third of 1024 px is cut)
    title = escape(label) if percent else with_unit(escape(label), escape(unit))
    fig = _style(fig, title, height=80 + 28 * len(table))
    fig.update_layout(margin={"t": 40 if percent else 62, "b": 30}, title_font_size=15)
    shown = pd.DataFrame(
        {tr("单位"): table["unit_name"], with_unit(label, unit): _as_shown(table[value], percent)}
    )
    return Chart(fig, shown)


def trend_line(trend: pd.DataFrame, *, value: str, label: str, unit: str) -> Chart:
    """`value` over `month` ('2026-03'), a small chart titled with its last value. The
    axis spans the values, not 0 to 100%, so a change of a point or two can be seen;
    every third month is named."""
    percent = unit == "%"
    months = list(trend["month"])
    named = months[::-3][::-1]  # every third month, the last one included
    values = trend[value]
    latest = _text(values.iloc[-1:], percent)[0] if len(values) else "—"
    fig = go.Figure(
        go.Scatter(
            x=months,
            y=values,
            mode="lines+markers",
            line={"color": PALETTE[0], "width": 3},
            hovertemplate="%{x}：%{y}<extra></extra>",
        )
    )
    fig.update_xaxes(
        type="category",
        tickvals=named,
        ticktext=[tr("{n}月").format(n=int(m[5:])) for m in named],
        tickangle=0,
    )
    fig.update_yaxes(tickformat=".0%" if percent else ",", nticks=4)
    # the value on a line of its own: a third of a 1024 px screen fits no more
    fig = _style(fig, f"{escape(label)}<br><b>{latest}</b>", height=250)
    fig.update_layout(margin={"t": 70, "b": 30}, title_font_size=15)
    shown = pd.DataFrame(
        {tr("月份"): trend["month"], with_unit(label, unit): _as_shown(values, percent)}
    )
    return Chart(fig, shown)


def choropleth(
    frame: pd.DataFrame, geojson: dict, *, value: str, header: str, title: str, percent: bool
) -> Chart:
    """Districts filled by `value` (unit_code = feature id), names and values written.

    Drawn as filled shapes on plain axes rather than a plotly geo map, which
    fetches its base map from the internet and draws nothing offline.
    """
    values = frame.set_index("unit_code")[value]
    names = frame.set_index("unit_code")["unit_name"]
    low, high = values.min(), values.max()
    fig = go.Figure()
    for feature in geojson["features"]:
        code = feature["id"]
        if code not in values.index:
            continue
        share = 0.5 if pd.isna(values[code]) or high == low else (values[code] - low) / (high - low)
        colour = sample_colorscale("Blues", [0.15 + 0.85 * share])[0]
        for ring in outer_rings(feature["geometry"]):
            fig.add_trace(
                go.Scatter(
                    x=[p[0] for p in ring],
                    y=[p[1] for p in ring],
                    fill="toself",
                    mode="lines",
                    fillcolor="#dddddd" if pd.isna(values[code]) else colour,
                    line={"color": "white", "width": 2},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    centres = {f["id"]: f["properties"]["centre"] for f in geojson["features"]}
    shown = [c for c in values.index if c in centres]
    dark = [
        not pd.isna(values[c]) and high > low and (values[c] - low) / (high - low) > 0.55
        for c in shown
    ]
    fig.add_trace(
        go.Scatter(
            x=[centres[c][0] for c in shown],
            y=[centres[c][1] for c in shown],
            mode="text",
            text=[
                f"<b>{name}</b><br>{_text(pd.Series([values[c]]), percent)[0]}"
                for c, name in zip(shown, _names(names[c] for c in shown), strict=True)
            ],
            textfont={"size": 14, "color": ["white" if d else "black" for d in dark]},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.2)
    drawn = pd.DataFrame(
        {
            tr("单位编码"): shown,
            tr("单位"): [names[c] for c in shown],
            header: _as_shown(pd.Series([values[c] for c in shown]), percent),
        }
    )
    return Chart(_style(fig, title, height=560), drawn)


def outer_rings(geometry: dict) -> list[list]:
    """A Polygon's or MultiPolygon's outer rings (holes are not drawn)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]  # MultiPolygon


RAG_COLUMNS = {"units_compliant": "按期", "units_amber": "部分", "units_red": "逾期"}


def rag_counts(frame: pd.DataFrame, *, title: str) -> Chart:
    """Stacked horizontal bars of green/amber/red unit counts per unit_name."""
    fig = go.Figure()
    for status, (column, label) in zip(("green", "amber", "red"), RAG_COLUMNS.items(), strict=True):
        fig.add_trace(
            go.Bar(
                y=_names(frame["unit_name"]),
                x=frame[column],
                name=tr(label),
                orientation="h",
                marker_color=RAG[status],
                text=frame[column],
                textposition="inside",
                textangle=0,
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=tr("单位数（个）"))
    headers = {"unit_name": "单位", **RAG_COLUMNS}
    shown = frame[list(headers)].rename(columns={k: tr(v) for k, v in headers.items()})
    return Chart(_style(fig, title, height=max(260, 80 + 28 * len(frame))), shown)


def node_timeline(node_rows: pd.DataFrame, *, title: str, labels: dict[str, str]) -> Chart:
    """The tasks' roadmaps (作战路线图) over one year (the title says which): a row per
    task, a column per month, and a square
    where the task has nodes that month, in its worst node's warning colour (legend names
    from `labels`), with done / all nodes written in it."""
    order = {warning: i for i, warning in enumerate(WARNING_COLOURS)}
    cells = (
        node_rows.assign(order=node_rows["warning"].map(order))
        .groupby(["task_code", "task_title", "month"], as_index=False)
        .agg(
            nodes=("node_id", "count"),
            done=("warning", lambda w: int(w.isin(["done", "late"]).sum())),
            order=("order", "min"),
        )
    )
    cells["warning"] = cells["order"].map(list(WARNING_COLOURS).__getitem__)
    cells["task"] = [
        _short(f"{code} {name}")
        for code, name in zip(cells["task_code"], cells["task_title"], strict=True)
    ]
    cells["text"] = [
        f"{done}/{nodes}" for done, nodes in zip(cells["done"], cells["nodes"], strict=True)
    ]
    tasks = sorted(set(cells["task"]), reverse=True)  # drawn bottom up: the first on top
    months = sorted(set(cells["month"]))

    def grid(column: str) -> pd.DataFrame:
        return cells.pivot(index="task", columns="month", values=column).reindex(
            index=tasks, columns=months
        )

    # a heatmap fits its cells to the width it is given, a phone's included; each
    # warning has its own band of the scale, and a legend entry drawn by an empty trace
    steps = len(WARNING_COLOURS)
    scale = [
        (edge, colour)
        for i, colour in enumerate(WARNING_COLOURS.values())
        for edge in (i / steps, (i + 1) / steps)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=grid("order").to_numpy(dtype=float),
            x=months,
            y=_names(tasks),
            text=grid("text").fillna("").to_numpy(),
            texttemplate="%{text}",
            textfont={"color": "white", "size": 11},
            colorscale=scale,
            zmin=-0.5,
            zmax=steps - 0.5,
            showscale=False,
            xgap=3,
            ygap=3,
            hoverinfo="skip",
        )
    )
    for warning, colour in WARNING_COLOURS.items():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=labels[warning],
                marker={"symbol": "square", "size": 12, "color": colour},
            )
        )
    fig.update_xaxes(
        type="category",
        tickmode="array",
        tickvals=months,
        ticktext=[str(int(month[5:])) for month in months],  # the title names the year
        tickangle=0,
        side="top",
        showgrid=False,
    )
    fig.update_yaxes(type="category", showgrid=False)
    shown = (
        cells.assign(
            cell=[
                f"{text} {labels[w]}"
                for text, w in zip(cells["text"], cells["warning"], strict=True)
            ]
        )
        .pivot_table(index="task", columns="month", values="cell", aggfunc="first")
        .sort_index()
        .rename_axis(index=tr("任务"), columns=None)
        .reset_index()
    )
    height = 140 + 34 * len(tasks)
    figure = _style(fig, title, height=height)
    # the legend just under the squares: _style's offset is a share of the height
    figure.update_layout(legend={"y": -20 / height})
    return Chart(figure, shown)


def _short(text: str, most: int = 14) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
