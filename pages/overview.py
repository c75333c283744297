"""总览: headline indicators with the change on the previous period, and what needs attention."""

import streamlit as st

from dashboard import attention, charts, live, queries
from dashboard.charts import show_chart, show_small_charts
from dashboard.formatting import number, percent, point_change
from dashboard.i18n import amount, month_label, tr
from dashboard.labels import HEADLINE, INDICATORS, LEVELS, SUBMISSION_STATUS
from dashboard.navigation import link
from dashboard.page_header import header, submissions_by_unit
from dashboard.tables import PERCENT, TEXT, show_table
from data_access.reporting_status import LEVELS as SUBMISSION_LEVELS

# The headline numbers and the attention cards on a grid: three to a row, so labels and
# numbers fit at 1024 px as well as on a projector; two on a phone, where Streamlit's
# columns would stack one to a row and push what needs attention off the first screen.
# On a phone the title is smaller too, so the attention cards start on the first screen.
GRID_STYLE = """<style>
.st-key-headline, .st-key-attention {
  display: grid !important; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem;
}
@media (max-width: 640px) {
  .st-key-headline, .st-key-attention {
    grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem;
  }
  .st-key-headline [data-testid="stMetricValue"],
  .st-key-attention [data-testid="stMetricValue"] { font-size: 1.75rem; }
  /* a glance on a phone: a smaller title, the refresh line without its counter reset */
  h1 { font-size: 2rem !important; padding-bottom: 0.25rem !important; }
  .st-key-live_status [data-testid="stButton"] { display: none; }
  .st-key-attention [data-testid="stVerticalBlockBorderWrapper"] { padding: 0.5rem; }
}
</style>"""


def show() -> None:
    chosen = header("总览")
    now = queries.indicator_table(scope=chosen.scope, level="total", period=chosen.period).iloc[0]
    before = queries.indicator_table(
        scope=chosen.scope, level="total", period=chosen.period.previous()
    )
    before = before.iloc[0]

    st.html(GRID_STYLE)
    headline = st.container(key="headline")
    for name in HEADLINE:
        headline.metric(
            tr(INDICATORS[name][0]),
            percent(now[name]),
            point_change(now[name], before[name], tr("个百分点")),
            help=tr("与上一期相比"),
        )

    st.subheader(tr("需要关注"))
    by_unit = queries.indicator_table(scope=chosen.scope, level=chosen.level, period=chosen.period)
    cards = st.container(key="attention")
    for item in attention.items(chosen):
        with cards.container(border=True):
            st.metric(tr(item.label), amount(number(item.count), item.unit))
            link(item.page, tr("查看详情"))

    trend = queries.indicator_trend(scope=chosen.scope, period=chosen.period)
    first, last = (month_label(m) for m in trend["month"].iloc[[0, -1]])
    st.subheader(tr("近 12 个月趋势"))
    note = (
        "{first}至{last}，每月一个点（按月统计）；上方的数字按所选统计期统计。"
        if chosen.period.months > 1
        else "{first}至{last}，每月一个点（按月统计）。"
    )
    st.caption(tr(note).format(first=first, last=last))
    show_small_charts(
        {
            name: charts.trend_line(
                trend, value=name, label=tr(INDICATORS[name][0]), unit=tr(INDICATORS[name][1])
            )
            for name in HEADLINE
        },
        index=tr("月份"),
        name="trend",
    )

    st.subheader(tr("各{level}排名").format(level=tr(LEVELS[chosen.level])))
    # format functions take labels made in the run: AppTest calls them outside it
    names = {name: tr(INDICATORS[name][0]) for name in HEADLINE}
    ranked = st.selectbox(
        tr("排名指标"),
        HEADLINE,
        format_func=names.__getitem__,
        key="overview_ranking",
    )
    show_chart(
        charts.ranked_bars(
            by_unit,
            value=ranked,
            unit=tr(f"{INDICATORS[ranked][0]}（%）"),
            title=tr("各{level}{name}（橙色为末位）").format(
                level=tr(LEVELS[chosen.level]), name=tr(INDICATORS[ranked][0])
            ),
        ),
        name="overview_ranking",
    )

    if chosen.level in SUBMISSION_LEVELS:  # as 报送情况 says, over the period's months
        folded = submissions_by_unit(chosen).set_index("unit_id")["status"]
        status = by_unit["unit_id"].map(folded).map(lambda s: tr(SUBMISSION_STATUS[s][0]))
    else:  # imports are kept by street: a street's communities show whether records came
        status = by_unit["reported"].map({True: tr("已报送"), False: tr("未报送")})
    st.subheader(tr("各{level}指标").format(level=tr(LEVELS[chosen.level])))
    show_table(
        by_unit.assign(status=status),
        {
            "unit_name": (LEVELS[chosen.level], TEXT),
            "status": ("本期报送", TEXT),
            **{
                name: (f"{label}（{unit}）", PERCENT if unit == "%" else "decimal")
                for name, (label, unit) in INDICATORS.items()
            },
        },
        name="overview",
    )


live.run_live(show, "总览")
