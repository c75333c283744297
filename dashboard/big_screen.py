"""大屏: the one-screen slide that opens 观摩模式. The six headline rates with their monthly
trend, the district map coloured by one indicator, the ranking on it, and a strip of what
needs attention; HTML and SVG in viewport units like the other slides, so it reads from
10 m at 1920x1080 and still fits 1024x768; a phone stacks it."""

import base64
import math
from html import escape

import pandas as pd

from dashboard.attention import Item
from dashboard.figures import FONT, last_placed, outer_rings
from dashboard.formatting import number, percent
from dashboard.i18n import amount, tr
from dashboard.slides import MISSING, bars, rate_text

MAP_WIDTH = 1000  # the map's SVG units across; its height follows the districts' shape

STYLE = """<style>
.screen {
  flex: 1; min-height: 0; display: grid; gap: 1.5vh 2vw;
  grid-template-columns: 34fr 36fr 30fr; grid-template-rows: minmax(0, 1fr) auto;
}
.screen .rates { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5vh 1.5vw; min-height: 0; }
.screen .rate { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.screen .rate .label { color: var(--muted); font-size: 2.1vh; white-space: nowrap; }
.screen .rate .value { font-size: min(6vh, 3.4vw); font-weight: 800; color: var(--value); }
.screen .rate.weak .value { color: var(--weak); }
.screen .spark { flex: 1; min-height: 2vh; max-height: 7vh; display: flex; align-items: flex-end;
  gap: 0.3vw; }
.screen .spark div { flex: 1; background: var(--value); opacity: 0.55;
  border-radius: 0.3vh 0.3vh 0 0; }
.screen .spark div:last-child { opacity: 1; }
.screen .rate.weak .spark div { background: var(--weak); }
.screen .map { min-height: 0; display: flex; flex-direction: column; gap: 0.5vh; }
.screen .map img { flex: 1; min-height: 0; width: 100%; object-fit: contain; }
.screen .caption { color: var(--muted); font-size: 2.1vh; white-space: nowrap; }
.screen .ranking { min-height: 0; display: flex; flex-direction: column; gap: 0.8vh; }
.screen .ranking .bar { grid-template-columns: 8vw 1fr 6.5vw; font-size: 2.2vh; }
.screen .ranking .bar .track { height: 2.6vh; }
.screen .alerts { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 1vh 1vw; }
.screen .alert { background: var(--track); border: 1px solid var(--edge); border-radius: 0.6vh;
  padding: 0.4vh 1vw; font-size: 2.3vh; white-space: nowrap; }
.screen .alert b { color: var(--weak); }
@media (max-width: 640px) {
  .screen { grid-template-columns: 1fr; grid-template-rows: none; }
  .screen .rate .label { font-size: 3.4vw; white-space: normal; }
  .screen .rate .value { font-size: 8vw; }
  .screen .spark { height: 8vw; flex: none; }
  .screen .map img { height: 60vw; flex: none; }
  .screen .caption, .screen .alert { font-size: 3.6vw; white-space: normal; }
  .screen .ranking .bar { grid-template-columns: 24vw 1fr 17vw; font-size: 3.8vw; }
}
</style>"""


def screen(
    rates: list[tuple[str, float, pd.Series, bool]],
    map_svg: str,
    ranking: tuple[str, pd.DataFrame, str],
    alerts: list[Item],
) -> str:
    """`rates`: (label, value, monthly values, weak) per headline rate; `ranking`:
    (caption, the units, the column they rank on); `alerts`: what needs attention."""
    caption, units, column = ranking
    return (
        '<div class="screen">'
        f'<div class="rates">{"".join(_rate(*rate) for rate in rates)}</div>'
        f'<div class="map">{map_svg}<div class="caption">{escape(caption)}</div></div>'
        f'<div class="ranking">{bars(units, value=column)}</div>'
        f'<div class="alerts">{_alerts(alerts)}</div>'
        "</div>"
    )


def _rate(label: str, value: float, months: pd.Series, weak: bool) -> str:
    return (
        f'<div class="rate{" weak" if weak else ""}"><div class="label">{escape(label)}</div>'
        f'<div class="value">{rate_text(value)}</div>{sparkline(months)}</div>'
    )


def sparkline(values: pd.Series) -> str:
    """The months' values as small columns, oldest first, the latest in full colour; their
    heights run from the lowest month (a stub) to the highest (full), so a change of a few
    points shows. A month without a value has no column."""
    known = values.dropna()
    if known.empty:
        return '<div class="spark"></div>'
    low, span = known.min(), (known.max() - known.min()) or 1.0
    heights = [0.0 if pd.isna(v) else 15 + 85 * (v - low) / span for v in values]
    columns = "".join(f'<div style="height:{h:.0f}%"></div>' for h in heights)
    return f'<div class="spark">{columns}</div>'


def _alerts(alerts: list[Item]) -> str:
    shown = [item for item in alerts if item.count > 0]
    if not shown:
        return f'<div class="alert">{tr("暂无需要关注的事项")}</div>'
    return "".join(
        f'<div class="alert">{escape(tr(item.label))} '
        f"<b>{escape(amount(number(item.count), item.unit))}</b></div>"
        for item in shown
    )


def district_map(
    geojson: dict | None, units: pd.DataFrame, *, value: str, colours: dict[str, str]
) -> str:
    """The districts as an SVG image, each filled by its `value` (a rate) from faint
    (lowest) to full (highest), the last-placed (figures.last_placed) in the weak colour,
    each labelled with its name and value; units not found in `geojson` (or no map at all)
    leave it out. An image, as st.html keeps HTML only (its sanitizer drops inline SVG); so
    it takes the theme's `colours` (slides.THEMES) rather than the page's CSS variables."""
    rows = units.set_index("unit_code")
    features = [f for f in (geojson or {}).get("features", []) if f.get("id") in rows.index]
    if not features:
        return ""
    project = _projection([p for f in features for ring in _rings(f) for p in ring])
    known = rows.loc[rows["reported"], value].dropna()
    low, high = (known.min(), known.max()) if len(known) else (0.0, 0.0)
    last = set(known.index[last_placed(known)])
    height = max(y for f in features for ring in _rings(f) for _, y in map(project, ring))
    size = height / 12
    shapes, labels = [], []
    for feature in features:
        code, row = feature["id"], rows.loc[feature["id"]]
        rate = row[value] if row["reported"] else math.nan
        if code in last:
            fill = f'fill="{colours["weak"]}"'
        elif pd.isna(rate):
            fill = f'fill="{colours["track"]}"'
        else:
            share = (rate - low) / (high - low) if high > low else 1.0
            fill = f'fill="{colours["value"]}" fill-opacity="{0.2 + 0.8 * share:.2f}"'
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in map(project, ring)) + " Z"
            for ring in _rings(feature)
        )
        shapes.append(f'<path d="{path}" {fill} stroke="{colours["edge"]}" stroke-width="3"/>')
        x, y = project(_centre(feature))
        shown = rate_text(rate, bool(row["reported"])) if not pd.isna(rate) else MISSING
        labels.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}">{escape(row["unit_name"])}'
            f'<tspan x="{x:.1f}" dy="{size * 1.1:.1f}">{escape(shown)}</tspan></text>'
        )
    text = (
        f'font-family="{FONT}" font-weight="700" fill="{colours["text"]}" text-anchor="middle" '
        f'stroke="{colours["track"]}" stroke-width="{size / 6:.1f}" paint-order="stroke"'
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 {MAP_WIDTH + 20} '
        f'{height + 20:.0f}">{"".join(shapes)}<g {text}>{"".join(labels)}</g></svg>'
    )
    data = base64.b64encode(svg.encode()).decode()
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(tr("区县地图"))}">'


def _rings(feature: dict) -> list[list]:
    return outer_rings(feature["geometry"])


def _centre(feature: dict) -> list[float]:
    centre = feature.get("properties", {}).get("centre")
    if centre:
        return centre
    ring = _rings(feature)[0]
    return [sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)]


def _projection(points: list[list[float]]):
    """[lon, lat] -> SVG (x, y): longitude shrunk by the cosine of the middle latitude
    (equirectangular, true enough over a city), north up, MAP_WIDTH units across."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = MAP_WIDTH / (((max(lons) - min(lons)) * squeeze) or 1.0)

    def project(point: list[float]) -> tuple[float, float]:
        return (point[0] - min(lons)) * squeeze * scale, (max(lats) - point[1]) * scale

    return project


def weak_rates(total: pd.Series, before: pd.Series, names: list[str]) -> dict[str, bool]:
    """A headline rate is flagged when it fell since the previous period (as shown)."""
    return {
        name: not pd.isna(total[name])
        and not pd.isna(before[name])
        and percent(total[name]) != percent(before[name])
        and total[name] < before[name]
        for name in names
    }
