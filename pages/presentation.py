"""观摩模式: full-screen slides for a projector, rotating through a playlist.

Entered with `?present=1` (or the sidebar button). Every slide is drawn from cached
tables read once per data refresh (the scope's totals and its breakdown units; the
work slides' nodes, ranking and loop), so changing slide seldom waits on the database.
A one-second tick moves the clock and the rotation; the data is re-read
on the live refresh interval, and an outage keeps the last data (see dashboard/live.py).
"""

import time
from html import escape

import streamlit as st

from dashboard import attention, big_screen, figures, live, playlist, queries, slides, work
from dashboard import presenter_keys as keys
from dashboard.auth import require_session
from dashboard.database import engine
from dashboard.filters import current_filters, period_label
from dashboard.formatting import number, percent, plain
from dashboard.geo import district_geojson
from dashboard.guard import no_traceback
from dashboard.i18n import month_label, tr
from dashboard.labels import (
    APPRAISAL_GRADES,
    APPRAISAL_STATES,
    HEADLINE,
    INDICATORS,
    LEVELS,
    WARNING_LABELS,
)
from dashboard.queries import dataset_facts
from data_access import appraisal, clock
from data_access.indicators.work import reading_day


def entries() -> tuple[list[playlist.Entry], str | None]:
    """The link's playlist, or the default with the reason the link's was refused."""
    try:
        return playlist.parse(st.query_params.get("play", playlist.DEFAULT)), None
    except playlist.PlaylistError as why:
        return playlist.parse(playlist.DEFAULT), f"播放列表有误，已用默认列表：{why}"


def move(step: int) -> None:
    state = st.session_state
    state["slide"] = state.get("slide", 0) + step
    state["slide_started"] = time.monotonic()


def pause() -> None:
    st.session_state["paused"] = not st.session_state.get("paused", False)


def toggle_blank() -> None:
    """A black screen, as presenters' remotes ask with B or "."; the slides hold meanwhile."""
    st.session_state["blank"] = not st.session_state.get("blank", False)


def theme() -> str:
    """The slides' theme from the link (?theme=red), dark unless it names another."""
    chosen = st.query_params.get("theme", "dark")
    return chosen if chosen in slides.THEMES else "dark"


def switch_theme() -> None:
    """The other theme, kept in the link; the page's style is drawn by a whole run."""
    st.query_params["theme"] = "dark" if theme() == "red" else "red"
    st.session_state["restyle"] = True


def leave() -> None:
    st.query_params.pop("present", None)
    st.session_state["left_presentation"] = True


def refresh_data() -> None:
    """Re-read the data stamp on the live interval, not on every tick."""
    state = st.session_state
    if time.monotonic() - state.get("present_checked", 0.0) >= live.refresh_seconds():
        live.check()
        state["present_checked"] = time.monotonic()


def draw_slide(slide: playlist.Slide, total, by_unit, chosen) -> None:
    state = st.session_state
    as_of = state.get("data_as_of")
    stale = state.get("stale_since")
    if slide.kind == "tour":
        units = by_unit.set_index("unit_code")
        row = units.loc[slide.unit_code]
        reported = units[units["reported"]]
        lasts = {n: figures.last_placed(reported[n]).get(slide.unit_code, False) for n in HEADLINE}
        title, body = (
            # the tour counts its units, not the playlist's pages
            tr("{level}巡览 {n} / {of}").format(
                level=tr(LEVELS[chosen.level]),
                n=units.index.get_loc(slide.unit_code) + 1,
                of=len(units),
            ),
            [
                f'<div class="unit">{escape(row["unit_name"])}</div>',
                slides.kpis(
                    [
                        (tr(INDICATORS[n][0]), slides.rate_text(row[n], row["reported"]))
                        for n in HEADLINE
                    ],
                    [
                        slides.weakness(row[n], lasts[n], total[n]) if row["reported"] else ""
                        for n in HEADLINE
                    ],
                ),
            ],
        )
    elif slide.kind == "screen":
        title, body = tr("党建引领基层治理 · 大屏"), [screen(chosen, total, by_unit)]
    elif slide.kind == "overview":
        news = live.news_text(state.get("added", {}))
        title, body = (
            tr("总览"),
            [
                slides.kpis([(tr(INDICATORS[n][0]), slides.rate_text(total[n])) for n in HEADLINE]),
                f'<div class="note">{tr("本场以来新增：")}{news}</div>',
            ],
        )
    elif slide.kind in playlist.WORK:
        title, body = work_slide(slide.kind, chosen)
    elif slide.kind == "appraisal":
        title, body = appraisal_slide(chosen.scope)
    else:
        name, column = playlist.RANKINGS[slide.kind]
        title = tr("各{level}{name}").format(level=tr(LEVELS[chosen.level]), name=tr(name))
        body = [slides.bars(by_unit, value=column)]
    if stale:
        body.append(
            '<div class="note">'
            + tr("⚠ 数据库暂时无法连接，自 {time} 起显示的是上次数据").format(
                time=f"{stale:%H:%M:%S}"
            )
            + "</div>"
        )
    st.html(
        slides.slide(
            slides.top_bar(
                title,
                scope=chosen.unit_name,
                period=period_label(chosen.period),
                clock=f"{live.local_now():%H:%M:%S}",
                as_of=f"{as_of:%H:%M:%S}" if as_of else "—",
                sample=dataset_facts().get("sample") == "1",
            ),
            *body,
        )
    )


def work_slide(kind: str, chosen) -> tuple[str, list[str]]:
    """A work slide's title and body, read on the period's reading day (任务督办's)."""
    scope, as_of = chosen.scope, reading_day(chosen.period)
    if kind == "nodes":
        month = f"{chosen.period.end:%Y-%m}"
        nodes = queries.work_nodes(scope=scope, as_of=as_of, rule=work.rules()[0])
        due = nodes[nodes["month"] == month]
        counts = due["warning"].value_counts()
        labels = {warning: tr(label) for warning, label in WARNING_LABELS.items()}
        return tr("{month}节点亮屏").format(month=month_label(month)), [
            slides.kpis(
                [(labels[w], number(counts.get(w, 0))) for w in ("red", "amber", "done")],
                [
                    tr("需督办") if w == "red" and counts.get(w, 0) else ""
                    for w in ("red", "amber", "done")
                ],
            ),
            slides.node_bars(due, labels),
        ]
    if kind == "points":
        ranking = work.points_ranking(chosen, work.rules()[1])
        return tr("各{level}任务积分排名").format(level=tr(LEVELS[chosen.level])), [
            slides.points_bars(ranking)
        ]
    loop = queries.supervision(scope=scope, level="total", as_of=as_of).iloc[0]
    return tr("督办闭环"), [
        slides.kpis(
            [
                (tr("交办"), number(loop["raised"])),
                (tr("整改中"), number(loop["rectifying"])),
                (tr("逾期未整改"), number(loop["overdue"])),
                (tr("已整改待验收"), number(loop["rectified"])),
                (tr("已验收"), number(loop["checked"])),
                (tr("按时整改率"), percent(loop["on_time_rate"])),
            ],
            ["", "", tr("需督办") if loop["overdue"] else "", "", "", ""],
        ),
        '<div class="note">'
        + tr("验收未通过 {failed:,.0f} 项，整改率 {rate}").format(
            failed=loop["failed"], rate=percent(loop["rectification_rate"])
        )
        + "</div>",
    ]


def appraisal_slide(scope) -> tuple[str, list[str]]:
    """The link's appraisal (`?appraisal=`), else the newest in scope: ballots returned
    while it is open, read afresh every tick; its result, published once it closes."""
    with engine().connect() as conn:
        found = appraisal.shown_appraisal(
            conn, scope=scope, wanted=st.query_params.get("appraisal")
        )
        if found is None:
            return tr("述职评议"), [f'<div class="note">{tr("还没有测评。")}</div>']
        turnout = appraisal.turnout(conn, found.id)
        state = found.state(clock.now())
        result = appraisal.result(conn, found) if state in ("closed", "frozen") else None
    if result is None:
        returned = f"{turnout.returned:,} / {turnout.issued:,}"
        return tr("述职评议 · 现场测评"), [
            _subtitle(found.title, found.meeting),
            slides.kpis(
                [
                    (tr("已收回选票"), returned),
                    (tr("收回率"), "—" if turnout.share is None else percent(turnout.share)),
                    (tr("状态"), tr(APPRAISAL_STATES[state])),
                ]
            ),
            f'<div class="bars">{slides.bar(tr("收回进度"), turnout.share or 0.0, returned)}</div>',
            f'<div class="note">{tr("投票结束后当场公布结果")}</div>',
        ]
    grades = {key: tr(label) for key, label in APPRAISAL_GRADES.items()}
    roles = result["role_title"].unique()
    return tr("述职评议 · 测评结果"), [
        # a role all the posts share is said once, above the bars
        _subtitle(found.title, roles[0] if len(roles) == 1 else found.meeting),
        slides.appraisal_bars(result, grades, roles=len(roles) > 1),
        '<div class="note">'
        + tr(
            "综合得分 · 等次 · “好”票比例；"
            "有效选票 {n:,} 张，“好”票比例低于 {share:.0%} 的不能评为优秀"
        ).format(n=turnout.returned, share=found.rules.excellent_share)
        + "</div>",
    ]


def _subtitle(title: str, after: str) -> str:
    return f'<div class="subtitle">{escape(title)} · {escape(after)}</div>'


def screen(chosen, total, by_unit) -> str:
    """The 大屏: headline rates and trend, the map and ranking on `?map=`'s indicator, and
    what needs attention."""
    wanted = st.query_params.get("map", "coverage")
    name, column = playlist.RANKINGS[wanted if wanted in playlist.RANKINGS else "coverage"]
    scope, period = chosen.scope, chosen.period
    before = queries.indicator_table(scope=scope, level="total", period=period.previous())
    trend = queries.indicator_trend(scope=scope, period=period)
    weak = big_screen.weak_rates(total, before.iloc[0], HEADLINE)
    rates = [(tr(INDICATORS[n][0]), total[n], trend[n], weak[n]) for n in HEADLINE]
    codes = by_unit["unit_code"].tolist()
    sample = dataset_facts().get("sample") == "1"
    geojson = district_geojson(codes, sample=sample) if chosen.level == "district" else None
    caption = tr("{name}：色块越亮越高，末位单独标色").format(name=tr(name))
    return big_screen.screen(
        rates,
        big_screen.district_map(geojson, by_unit, value=column, colours=slides.THEMES[theme()]),
        (caption, by_unit, column),
        attention.items(chosen),
    )


def controls(number: str, seconds: int, problem: str | None) -> None:
    state = st.session_state
    paused, blank = state.get("paused", False), state.get("blank", False)
    row = st.container(horizontal=True, vertical_alignment="center", key=keys.CONTROLS)
    row.button(
        tr("上一页"), icon=":material/arrow_back:", key=keys.PREVIOUS, on_click=move, args=(-1,)
    )
    row.button(
        tr("继续" if paused else "暂停"),
        icon=":material/play_arrow:" if paused else ":material/pause:",
        key=keys.PAUSE,
        on_click=pause,
    )
    row.button(
        tr("下一页"), icon=":material/arrow_forward:", key=keys.NEXT, on_click=move, args=(1,)
    )
    row.button(
        tr("亮屏" if blank else "黑屏"),
        icon=":material/light_mode:" if blank else ":material/dark_mode:",
        key=keys.BLANK,
        on_click=toggle_blank,
    )
    other = "dark" if theme() == "red" else "red"
    row.button(
        tr(f"{slides.THEME_NAMES[other]}主题"),
        icon=":material/palette:",
        key=keys.THEME,
        on_click=switch_theme,
    )
    row.button(tr("退出观摩"), icon=":material/close:", key=keys.LEAVE, on_click=leave)
    shown = tr("已黑屏" if blank else "已暂停" if paused else "")
    row.caption(
        tr("第 {number} 页 · 每页 {seconds} 秒").format(number=number, seconds=seconds)
        + (f" · {shown}" if shown else "")
    )
    row.caption(tr(keys.HINT))
    if problem:
        row.caption(plain(problem))


def tick() -> None:
    state = st.session_state
    if state.pop("left_presentation", False) or state.pop("restyle", False):
        st.rerun()
    require_session()
    with no_traceback("presentation"):
        refresh_data()
        chosen = current_filters()
        total = queries.indicator_table(scope=chosen.scope, level="total", period=chosen.period)
        by_unit = queries.indicator_table(
            scope=chosen.scope, level=chosen.level, period=chosen.period
        )
        chosen_entries, problem = entries()
        shown = playlist.slides(chosen_entries, by_unit["unit_code"].tolist())
        state.setdefault("slide_started", time.monotonic())
        index = state.setdefault("slide", 0) % len(shown)
        holding = state.get("paused") or state.get("blank")
        if not holding and time.monotonic() - state["slide_started"] >= shown[index].seconds:
            move(1)
            index = state["slide"] % len(shown)
        number = f"{index + 1} / {len(shown)}"
        if state.get("blank"):
            st.html(slides.BLANK)
        else:
            draw_slide(shown[index], total.iloc[0], by_unit, chosen)
        controls(number, shown[index].seconds, problem)


st.html(slides.STYLE + big_screen.STYLE + slides.theme_style(theme()))
st.html(keys.SCRIPT, unsafe_allow_javascript=True)
st.fragment(tick, run_every=1)()
