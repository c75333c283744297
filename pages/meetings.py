"""会议统计: meetings by type and month, cadence compliance, overdue units, joint-meeting issues."""

import streamlit as st

from dashboard import charts, live, queries, url_state
from dashboard.charts import show_chart
from dashboard.formatting import number, percent
from dashboard.i18n import amount, tr
from dashboard.labels import LEVELS, MEETING_TYPES, STATUS
from dashboard.page_header import header
from dashboard.tables import NUMBER, PERCENT, TEXT, list_caption, show_table


def show() -> None:
    chosen = header("会议统计")
    period, scope, level = chosen.period, chosen.scope, chosen.level
    # format functions take labels made in the run: AppTest calls them outside it
    type_names = {kind: tr(name) for kind, name in MEETING_TYPES.items()}
    types = url_state.choices(
        st.multiselect,
        tr("会议类型"),
        list(MEETING_TYPES),
        key="meeting_types",
        format_func=type_names.__getitem__,
        placeholder=tr("全部类型"),
    )
    tally = queries.meeting_tally(
        scope=scope, level="total", period=period, meeting_types=tuple(types)
    )
    compliance = queries.cadence_compliance(scope=scope, level="total", period=period).iloc[0]
    joint = tally[tally["meeting_type"].str.endswith("joint")]

    cells = st.columns(4)
    cells[0].metric(tr("召开会议"), amount(number(tally["meetings"].sum()), "次"))
    cells[1].metric(
        tr("三会一课按期率"),
        percent(compliance["compliance_rate"]),
        help=tr(
            "按期 {n:,.0f} / 应开 {of:,.0f} 个单位。每类会议按其周期计："
            "已结束的每个月（或季度）应开一次；进行中的月份或季度不计入应开。"
        ).format(n=compliance["units_compliant"], of=compliance["units_due"]),
    )
    cells[2].metric(tr("联席会议议题"), amount(number(joint["issues_raised"].sum()), "个"))
    cells[3].metric(
        tr("联席会议议题解决率"),
        percent(
            joint["issues_resolved"].sum() / joint["issues_raised"].sum()
            if joint["issues_raised"].sum()
            else float("nan")
        ),
    )

    if tally.empty:
        st.info(tr("本期所选类型没有会议记录。"))
    else:
        show_chart(
            charts.stacked_bars(
                tally,
                x="month",
                color="meeting_type",
                y="meetings",
                title=tr("各月会议次数（按类型）"),
                unit=tr("次数"),
                labels=type_names,
            ),
            name="monthly_meetings",
        )

    by_unit = queries.cadence_compliance(scope=scope, level=level, period=period)
    unit_label = LEVELS[level]
    show_chart(
        charts.rag_counts(
            by_unit,
            title=tr("各{level}三会一课按期情况（单位数）").format(level=tr(unit_label)),
        ),
        name="cadence",
    )
    show_table(
        by_unit,
        {
            "unit_name": (unit_label, TEXT),
            "units_due": ("应开会单位", NUMBER),
            "units_compliant": ("按期", NUMBER),
            "units_amber": ("部分完成", NUMBER),
            "units_red": ("逾期", NUMBER),
            "compliance_rate": ("按期率", PERCENT),
        },
        name="cadence_compliance",
    )

    st.subheader(tr("逾期与部分完成的单位"))
    behind = queries.units_behind(scope=scope, period=period)
    behind_count = int(compliance["units_red"] + compliance["units_amber"])
    st.caption(
        list_caption(
            tr("共 {n:,} 个单位逾期或部分完成（逾期 {red:,} 个）").format(
                n=behind_count, red=int(compliance["units_red"])
            ),
            total=behind_count,
            shown=len(behind),
            which="最落后的",
        )
    )
    show_table(
        behind.assign(
            status=behind["status"].map(STATUS).map(tr),
            level=behind["level"]
            .map({"street": "街道", "community": "社区/村", "grid": "网格"})
            .map(tr),
        ),
        {
            "unit_name": ("单位", TEXT),
            "level": ("层级", TEXT),
            "status": ("状态", TEXT),
            "due": ("应开（次）", NUMBER),
            "held": ("已开（次）", NUMBER),
            "types_due": ("应开类型", NUMBER),
            "types_met": ("达标类型", NUMBER),
        },
        name="overdue_units",
        height=400,
    )

    show_chart(
        charts.calendar_heatmap(
            queries.daily_meetings(scope=scope, period=period),
            title=tr("会议日历（每日召开次数）"),
        ),
        name="meeting_calendar",
    )


live.run_live(show, "会议统计")
