"""Presentation slides as HTML sized in viewport units, so one slide fills a projector
screen at 1920x1080, 1280x720 or 1024x768 without scrolling. Dark background, light
text, the Okabe-Ito blue and orange (safe with the common colour-vision deficiencies),
every value written out: a projector has no hover."""

from html import escape

import pandas as pd

from dashboard.figures import FONT, LAST, WARNING_COLOURS, last_placed
from dashboard.formatting import number, percent
from dashboard.i18n import tr
from dashboard.presenter_keys import CONTROLS
from data_access.indicators.work import node_progress

MISSING, SILENT = "—", "未报送"
MAX_BARS = 12  # more units than fit: the top and bottom six, the rest elided
MAX_NODES = 8  # a month's nodes under their counts: the worst eight

# The slides' colours, chosen with ?theme=: the dark screen, or the party red with gold
# numbers that meeting rooms ask for. Weak values stand out from the numbers in each.
THEMES = {
    "dark": {
        "ground": "#0b1020",
        "text": "#f5f7fa",
        "muted": "#c9d1e0",
        "faint": "#8a93a6",
        "value": "#56B4E9",
        "weak": LAST,
        "track": "#1c2438",
        "edge": "#2d3852",
    },
    "red": {
        "ground": "linear-gradient(160deg, #a3171b 0%, #6e0c0f 100%)",
        "text": "#fff8e7",
        "muted": "#f6d9c4",
        "faint": "#e3a99a",
        "value": "#ffd54f",
        "weak": "#ffffff",
        "track": "#7d1215",
        "edge": "#b6473d",
    },
}
THEME_NAMES = {"dark": "深色", "red": "党建红"}


def theme_style(name: str) -> str:
    """The colours of theme `name` (a key of THEMES) for STYLE."""
    colours = "".join(f"--{key}: {value};" for key, value in THEMES[name].items())
    return f"<style>:root {{ {colours} }}</style>"


# Hide the app's chrome and restyle the page. At 1080 px high, 2.6vh is 28 px for text
# and 9vh is 97 px for headline numbers.
STYLE = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {{
  display: none !important;
}}
[data-testid="stApp"], [data-testid="stMain"] {{ background: var(--ground); }}
[data-testid="stMainBlockContainer"] {{
  padding: 2vh 3vw 0 3vw !important; max-width: 100% !important;
}}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 1vh; }}
.slide {{
  color: var(--text); font-family: {FONT}; height: 80vh; display: flex;
  flex-direction: column; gap: 2.5vh; font-size: 2.6vh; overflow: hidden;
}}
.topbar {{ display: flex; justify-content: space-between; align-items: baseline; gap: 2vw; }}
.topbar .title {{ font-size: min(5vh, 3.6vw); font-weight: 700; white-space: nowrap; }}
.topbar .meta {{ text-align: right; color: var(--muted); line-height: 1.4; min-width: 0; }}
.topbar .clock {{ font-size: 4vh; font-weight: 700; color: var(--text); }}
.sample {{ color: #0b1020; background: #E69F00; padding: 0 0.6vw; border-radius: 0.5vh; }}
.unit {{ font-size: 10vh; font-weight: 800; color: var(--text); line-height: 1.1; }}
.kpis {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 4vh 3vw; }}
.kpi .label {{ color: var(--muted); }}
.kpi .value {{ font-size: 9vh; font-weight: 800; color: var(--value); line-height: 1.1; }}
.kpi.weak .value, .kpi .flag {{ color: var(--weak); }}
.kpi .flag {{ font-weight: 700; }}
.bars {{ display: flex; flex-direction: column; gap: 0.8vh; flex: 1; min-height: 0; }}
.bar {{ display: grid; grid-template-columns: 14vw 1fr 9vw; align-items: center; gap: 1vw; }}
.bar .name {{ text-align: right; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.bar .track {{ background: var(--track); height: 3.4vh; border-radius: 0.4vh; }}
.bar .fill {{ background: var(--value); height: 100%; border-radius: 0.4vh; }}
.bar.last .fill {{ background: var(--weak); }}
.bars.nodes .bar {{ grid-template-columns: 34vw 1fr 14vw; }}
.bars.points .bar {{ grid-template-columns: 14vw 1fr 16vw; }}
.bars.appraisal .bar {{ grid-template-columns: 30vw 1fr 21vw; }}
{"".join(f".bar.{w} .fill {{ background: {c}; }} " for w, c in WARNING_COLOURS.items())}
.bar .value {{ font-weight: 700; }}
.gap {{ text-align: center; color: var(--faint); }}
.note {{ color: var(--muted); }}
.subtitle {{ font-size: min(4vh, 3vw); font-weight: 700; color: var(--text); }}
/* a phone (a leader's glance, portrait): stacked, sized by the width, scrolls down */
@media (max-width: 640px) {{
  .slide {{ height: auto; font-size: 4vw; gap: 2vh; }}
  .topbar {{ flex-direction: column; align-items: flex-start; gap: 0.5vh; }}
  .topbar .title {{ font-size: 7vw; white-space: normal; }}
  .topbar .meta {{ text-align: left; }}
  .topbar .clock {{ font-size: 6vw; }}
  .unit {{ font-size: 12vw; }}
  .kpis {{ grid-template-columns: repeat(2, 1fr); gap: 2vh 4vw; }}
  .kpi .value {{ font-size: 11vw; }}
  .bar {{ grid-template-columns: 26vw 1fr 17vw; }}
  .bars.nodes .bar {{ grid-template-columns: 38vw 1fr 26vw; }}
  .bars.points .bar {{ grid-template-columns: 26vw 1fr 24vw; }}
  .subtitle {{ font-size: 5vw; }}
  /* a post's name on its own line, its bar and figures under it */
  .bars.appraisal .bar {{ grid-template-columns: 1fr auto; row-gap: 0.5vh; }}
  .bars.appraisal .bar .name {{ grid-column: 1 / -1; text-align: left; }}
}}
/* the controls fade while the mouse rests (presenter_keys.SCRIPT), the pointer with them */
.st-key-{CONTROLS} {{ transition: opacity 0.6s; }}
body.present-idle .st-key-{CONTROLS} {{ opacity: 0; }}
body.present-idle {{ cursor: none; }}
.slide.blank {{ position: fixed; inset: 0; height: 100vh; background: #000; z-index: 1000000; }}
[data-testid="stMainBlockContainer"] button p,
[data-testid="stMainBlockContainer"] button [data-testid="stIconMaterial"] {{
  font-size: 2.4vh !important;
}}
/* the icon's box grows with it (Streamlit sizes it for a 16 px icon) */
[data-testid="stMainBlockContainer"] button [data-testid="stIconMaterial"],
[data-testid="stMainBlockContainer"] button span:has(> [data-testid="stIconMaterial"]) {{
  width: auto !important; height: auto !important;
}}
/* the controls as dim as the captions beside them: no white boxes on a dark screen */
[data-testid="stMainBlockContainer"] button {{
  background: var(--track) !important; color: var(--muted) !important;
  border-color: var(--edge) !important;
}}
[data-testid="stMainBlockContainer"] button:hover {{ border-color: var(--value) !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] {{
  font-size: 2.4vh; color: var(--muted);
}}
</style>"""


def rate_text(value: float, reported: bool = True) -> str:
    if not reported:
        return tr(SILENT)
    return MISSING if pd.isna(value) else percent(value)


def top_bar(title: str, *, scope: str, period: str, clock: str, as_of: str, sample: bool) -> str:
    tag = f'<span class="sample">{tr("示例数据")}</span> ' if sample else ""
    return (
        f'<div class="topbar"><div class="title">{escape(title)}</div>'
        f'<div class="meta"><span class="clock">{escape(clock)}</span><br>'
        f"{tag}{escape(scope)} · {escape(period)} · {tr('数据截至')} {escape(as_of)}</div></div>"
    )


def kpis(items: list[tuple[str, str]], flags: list[str] | None = None) -> str:
    """Headline numbers, three to a row; a value with a flag (see `weakness`) in orange,
    the flag written under it."""
    cells = []
    for (label, value), flag in zip(items, flags or [""] * len(items), strict=True):
        weak, note = (" weak", f'<div class="flag">▼ {escape(flag)}</div>') if flag else ("", "")
        cells.append(
            f'<div class="kpi{weak}"><div class="label">{escape(label)}</div>'
            f'<div class="value">{escape(value)}</div>{note}</div>'
        )
    return f'<div class="kpis">{"".join(cells)}</div>'


def weakness(value: float, last: bool, whole: float) -> str:
    """What a unit's rate shows weak: last place (`last`, from figures.last_placed), else
    below the whole scope's `whole`; "" when neither or unknown. Values equal as shown are
    equal: a unit at 60.0% is not below a whole of 60.0%."""
    if pd.isna(value):
        return ""
    if last:
        return tr("末位")
    if not pd.isna(whole) and value < whole and percent(value) != percent(whole):
        return tr("低于整体 {whole}").format(whole=percent(whole))
    return ""


def bars(rows: pd.DataFrame, *, value: str) -> str:
    """Units ranked by `value` (a rate), best first; the last-placed bars (figures.last_placed,
    among the units that reported) in orange."""
    ranked = rows.sort_values(value, ascending=False, na_position="last").reset_index(drop=True)
    lasts = last_placed(ranked[value].where(ranked["reported"]))
    html = []
    for i in _ends(len(ranked)):
        if i is None:
            html.append(_gap(len(ranked)))
            continue
        row = ranked.loc[i]
        share = 0 if pd.isna(row[value]) or not row["reported"] else min(row[value], 1)
        html.append(
            bar(
                f"{i + 1}. {row['unit_name']}",
                share,
                rate_text(row[value], row["reported"]),
                "last" if lasts[i] else "",
            )
        )
    return f'<div class="bars">{"".join(html)}</div>'


def _ends(count: int) -> list[int | None]:
    """The rows a ranking slide shows: all, or the top and bottom six (None: the gap)."""
    if count <= MAX_BARS:
        return list(range(count))
    half = MAX_BARS // 2
    return [*range(half), None, *range(count - half, count)]


def _gap(count: int) -> str:
    return f'<div class="gap">{tr("…… 另 {n} 个单位 ……").format(n=count - MAX_BARS)}</div>'


def appraisal_bars(result: pd.DataFrame, grades: dict[str, str], *, roles: bool) -> str:
    """Posts by composite score (appraisal.tally's rows, best first): a bar to 100, the
    score, grade and "好" share at its end, 末位 in the weak colour; each post's role title
    after its unit if `roles` (else the slide says the one they share)."""
    html = []
    for i in _ends(len(result)):
        if i is None:
            html.append(_gap(len(result)))
            continue
        row = result.loc[i]
        score = row["composite"]
        value = " · ".join(
            [
                "—" if pd.isna(score) else number(score, 1),
                grades[row["grade"]],
                percent(row["good_share"], 0),
            ]
        )
        rank = "" if pd.isna(row["rank"]) else f"{row['rank']}. "
        html.append(
            bar(
                f"{rank}{row['unit_name']}" + (f" {row['role_title']}" if roles else ""),
                0.0 if pd.isna(score) else score / 100,
                value,
                "last" if row["last"] else "",
            )
        )
    return f'<div class="bars appraisal">{"".join(html)}</div>'


def bar(name: str, share: float, value: str, kind: str = "") -> str:
    """One bar: `name`, filled to `share` (0-1), `value` written at its end; `kind` a
    class that colours it (last, or a warning of WORK_COLOURS)."""
    return (
        f'<div class="{" ".join(["bar", kind]).strip()}"><div class="name">{escape(name)}</div>'
        f'<div class="track"><div class="fill" style="width:{share:.1%}"></div></div>'
        f'<div class="value">{escape(value)}</div></div>'
    )


def points_bars(ranking: pd.DataFrame) -> str:
    """Units by the points they earned (work.points), most first; 末位 in the weak colour
    and "末位两季" written where a unit was last two quarters running."""
    top = ranking["earned"].max()
    html = []
    for i in _ends(len(ranking)):
        if i is None:
            html.append(_gap(len(ranking)))
            continue
        row = ranking.loc[i]
        twice = bool(row.get("last_twice", False))
        value = number(row["earned"], 1) + (f" {tr('末位两季')}" if twice else "")
        share = row["earned"] / top if top else 0
        html.append(
            bar(f"{row['rank']}. {row['unit_name']}", share, value, "last" if row["last"] else "")
        )
    return f'<div class="bars points">{"".join(html)}</div>'


def node_bars(nodes: pd.DataFrame, labels: dict[str, str]) -> str:
    """A month's nodes (work.nodes' rows), worst first as they come: unit and task, a
    bar of progress (dashboard.work.node_progress; empty where it cannot be measured)
    in the warning's colour, and the warning in words."""
    html = []
    for row in nodes.head(MAX_NODES).itertuples():
        share = node_progress(row.warning, row.progress_value, row.target_value)
        html.append(
            bar(
                f"{row.unit_name} · {row.task_title}",
                0.0 if pd.isna(share) else share,
                labels[row.warning],
                row.warning,
            )
        )
    if len(nodes) > MAX_NODES:
        more = tr("…… 另 {n} 个节点 ……").format(n=len(nodes) - MAX_NODES)
        html.append(f'<div class="gap">{more}</div>')
    return f'<div class="bars nodes">{"".join(html)}</div>'


# the black screen a presenter asks for (B or "."): nothing but the slide's dark ground
BLANK = '<div class="slide blank"></div>'


def slide(*parts: str) -> str:
    return f'<div class="slide">{"".join(parts)}</div>'
