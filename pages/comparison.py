"""区域比较: every indicator side by side, ranks among siblings and their change, and the map."""

import streamlit as st

from dashboard import charts, figures, live, queries, url_state
from dashboard.charts import show_chart, show_small_charts
from dashboard.filters import period_label
from dashboard.formatting import name_list, number, percent
from dashboard.geo import district_geojson
from dashboard.i18n import tr, with_unit
from dashboard.labels import INDICATORS, LEVELS
from dashboard.navigation import link
from dashboard.page_header import header
from dashboard.queries import dataset_facts
from dashboard.tables import (
    DECIMAL,
    FLAG,
    NUMBER,
    PERCENT,
    RANK_CHANGE,
    RANK_CHANGE_NOTE,
    TEXT,
    as_shown,
    show_table,
)
from data_access.indicators.ranking import rank_among_siblings

NO_MAP = "未配置区县地图：设置 DASHBOARD_GEOJSON 指向 GeoJSON 文件（要素 id 为区县编码）。"
PARENT_LEVEL = {"district": "city", "street": "district", "community": "street"}


def show() -> None:
    chosen = header("区域比较")
    period, scope, level = chosen.period, chosen.scope, chosen.level
    unit_label = LEVELS[level]
    link("scoring", tr("综合评分：按权重和目标计算总分排名，推演“如果某区提高某项指标”"))
    # format functions take labels made in the run: AppTest calls them outside it
    names = {n: tr(label) for n, (label, _) in INDICATORS.items()}
    indicator = url_state.choice(
        st.selectbox,
        tr("排名指标"),
        list(INDICATORS),
        key="indicator",
        default="coverage_rate",
        format_func=names.__getitem__,
    )
    name, unit = INDICATORS[indicator]
    kind = PERCENT if unit == "%" else DECIMAL

    table = queries.indicator_table(scope=scope, level=level, period=period)
    previous = queries.indicator_table(scope=scope, level=level, period=period.previous())
    # ranked as shown: two units that both show 60.0% share their place
    ranked = rank_among_siblings(
        table.assign(shown=as_shown(table[indicator], kind)),
        previous.assign(shown=as_shown(previous[indicator], kind)),
        value="shown",
    )
    overall = queries.indicator_table(scope=scope, level="total", period=period)[indicator].iloc[0]
    columns = {
        "unit_name": (unit_label, TEXT),
        indicator: (f"{name}", kind),
        "rank": ("同级排名", NUMBER),
        "siblings": ("同级单位数", NUMBER),
        "rank_change": (
            tr("较{period}名次变化").format(period=period_label(period.previous())),
            RANK_CHANGE,
        ),
    }
    # the parent's value is a column only where the rows have different parents
    if level in PARENT_LEVEL and ranked["parent_id"].nunique() > 1:
        parents = queries.indicator_table(scope=scope, level=PARENT_LEVEL[level], period=period)
        ranked = ranked.merge(
            parents[["unit_id", "unit_name", indicator]].rename(
                columns={
                    "unit_id": "parent_id",
                    "unit_name": "parent_name",
                    indicator: "parent_value",
                }
            ),
            on="parent_id",
            how="left",
        )
        columns["parent_name"] = (LEVELS[PARENT_LEVEL[level]], TEXT)
        columns["parent_value"] = (tr("上级{name}").format(name=tr(name)), kind)
    columns["last"] = ("同级末位", FLAG)

    st.subheader(
        tr("{name}排名（{level}在各自上级内排名）").format(name=tr(name), level=tr(unit_label))
    )
    overall_text = percent(overall) if kind == PERCENT else number(overall, 2)
    st.caption(
        tr("全部可见范围{name} {value}。").format(name=tr(name), value=overall_text)
        + tr(RANK_CHANGE_NOTE)
        + tr("；末位 = 同级中（按显示的数值）最低者；同级数值全部相同时没有末位。")
    )
    show_table(ranked.sort_values(["parent_id", "rank"]), columns, name="ranking")
    last = ranked.loc[ranked["last"], "unit_name"].tolist()
    if last:
        st.warning(tr("{name}同级末位：{units}").format(name=tr(name), units=name_list(last)))

    if level == "district":
        geojson = district_geojson(
            table["unit_code"].tolist(), sample=dataset_facts().get("sample") == "1"
        )
        if geojson is None:
            st.info(tr(NO_MAP))
        else:
            show_chart(
                figures.choropleth(
                    table,
                    geojson,
                    value=indicator,
                    header=with_unit(tr(name), tr(unit)),
                    title=tr("各区县{name}（颜色越深数值越高）").format(name=tr(name)),
                    percent=unit == "%",
                ),
                name="district_map",
            )

    st.subheader(tr("各{level}指标一览").format(level=tr(unit_label)))
    show_small_charts(
        {
            name: charts.small_bars(table, value=name, label=tr(label), unit=tr(unit))
            for name, (label, unit) in INDICATORS.items()
        },
        index=tr("单位"),
        name="indicators",
    )
    show_table(
        table,
        {
            "unit_name": (unit_label, TEXT),
            **{
                n: (f"{label}（{u}）", PERCENT if u == "%" else DECIMAL)
                for n, (label, u) in INDICATORS.items()
            },
        },
        name="indicator_table",
    )


live.run_live(show, "区域比较")
