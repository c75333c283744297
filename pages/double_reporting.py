"""双报到: registrations, activity, service hours, the three lists and residents' problems."""

import streamlit as st

from dashboard import charts, live, queries, url_state
from dashboard.charts import show_chart
from dashboard.formatting import number, percent
from dashboard.i18n import amount, tr
from dashboard.labels import LEVELS, LIST_TYPES, PROBLEM_SOURCES
from dashboard.page_header import header
from dashboard.tables import DECIMAL, NUMBER, PERCENT, TEXT, show_table


def show() -> None:
    chosen = header("双报到")
    period, scope, level = chosen.period, chosen.scope, chosen.level
    total = queries.double_reporting(scope=scope, level="total", period=period).iloc[0]

    cells = st.columns(5)
    cells[0].metric(
        tr("报到在职党员"),
        amount(number(total["registered_members"]), "人"),
        help=tr("在职党员 {n:,.0f} 人（按居住地）").format(n=total["in_service_members"]),
    )
    cells[1].metric(tr("报到率"), percent(total["reporting_rate"]))
    cells[2].metric(
        tr("活跃率（90 天）"),
        percent(total["active_rate"]),
        help=tr("近 90 天参加过服务活动的报到党员占比"),
    )
    cells[3].metric(tr("人均服务时长"), amount(number(total["hours_per_member"], 1), "小时"))
    cells[4].metric(tr("报到单位党组织"), amount(number(total["registered_orgs"]), "个"))

    by_unit = queries.double_reporting(scope=scope, level=level, period=period)
    unit_label = LEVELS[level]
    left, right = st.columns(2)
    with left:
        show_chart(
            charts.ranked_bars(
                by_unit,
                value="reporting_rate",
                unit=tr("报到率（%）"),
                title=tr("各{level}{name}").format(level=tr(unit_label), name=tr("在职党员报到率")),
            ),
            name="reporting_rate",
        )
    with right:
        show_chart(
            charts.ranked_bars(
                by_unit,
                value="active_rate",
                unit=tr("活跃率（%）"),
                title=tr("各{level}{name}").format(level=tr(unit_label), name=tr("报到党员活跃率")),
            ),
            name="active_rate",
        )
    monthly = queries.monthly_service(scope=scope, period=period)
    show_chart(
        charts.monthly_lines(
            monthly,
            series={"activities": tr("服务活动（场）"), "participations": tr("参与人次")},
            title=tr("服务活动月度趋势"),
            unit=tr("场 / 人次"),
        ),
        name="monthly_service",
    )
    show_table(
        by_unit,
        {
            "unit_name": (unit_label, TEXT),
            "in_service_members": ("在职党员", NUMBER),
            "registered_members": ("已报到", NUMBER),
            "reporting_rate": ("报到率", PERCENT),
            "active_members": ("活跃", NUMBER),
            "active_rate": ("活跃率", PERCENT),
            "service_hours": ("服务时长（小时）", DECIMAL),
            "hours_per_member": ("人均时长", DECIMAL),
            "registered_orgs": ("报到单位党组织", NUMBER),
        },
        name="double_reporting",
    )

    st.subheader(tr("三张清单与群众问题"))
    left, right = st.columns(2)
    # format functions take labels made in the run: AppTest calls them outside it
    type_names = {kind: tr(name) for kind, name in LIST_TYPES.items()}
    source_names = {source: tr(name) for source, name in PROBLEM_SOURCES.items()}
    list_types = url_state.choices(
        left.multiselect,
        tr("清单类型"),
        list(LIST_TYPES),
        key="list_types",
        format_func=type_names.__getitem__,
        placeholder=tr("全部类型"),
    )
    sources = url_state.choices(
        right.multiselect,
        tr("问题来源"),
        list(PROBLEM_SOURCES),
        key="sources",
        format_func=source_names.__getitem__,
        placeholder=tr("全部来源"),
    )
    lists = queries.three_lists(
        scope=scope, level=level, period=period, list_types=tuple(list_types)
    )
    problems = queries.resident_problems(
        scope=scope, level=level, period=period, sources=tuple(sources)
    )
    combined = lists.merge(
        problems.drop(columns=["unit_code", "unit_name", "parent_id"]), on="unit_id"
    )
    show_table(
        combined,
        {
            "unit_name": (unit_label, TEXT),
            "published": ("发布事项", NUMBER),
            "claim_rate": ("认领率", PERCENT),
            "completion_rate": ("完成率", PERCENT),
            "overdue": ("逾期未完成", NUMBER),
            "raised": ("群众问题", NUMBER),
            "resolution_rate": ("解决率", PERCENT),
            "median_days": ("解决用时中位数（天）", DECIMAL),
        },
        name="lists_and_problems",
    )
    trend = queries.monthly_problems(scope=scope, period=period)
    show_chart(
        charts.monthly_lines(
            trend,
            series={"raised": tr("提出"), "resolved": tr("已解决")},
            title=tr("群众问题：提出与解决（按提出月份）"),
            unit=tr("件"),
        ),
        name="monthly_problems",
    )

    st.subheader(tr("先进与后进（社区/村，按报到率）"))
    ranked = queries.reporting_extremes(scope=scope, period=period)  # lowest rate first
    columns = {
        "unit_name": ("社区/村", TEXT),
        "reporting_rate": ("报到率", PERCENT),
        "active_rate": ("活跃率", PERCENT),
        "hours_per_member": ("人均时长", DECIMAL),
    }
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('前 5 名')}**")
        show_table(ranked.tail(5).iloc[::-1], columns, name="top_units")
    with right:
        st.markdown(f"**{tr('后 5 名')}**")
        show_table(ranked.head(5), columns, name="bottom_units")


live.run_live(show, "双报到")
