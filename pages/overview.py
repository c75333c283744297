"""总览: headline indicators for the city and the table by district."""

import streamlit as st

from dashboard.labels import INDICATORS, indicator_label
from dashboard.periods import last_full_quarter
from dashboard.queries import data_end, indicator_table
from dashboard.session import current_scope

period = last_full_quarter(data_end())
scope = current_scope()
st.title("总览")
st.caption(f"统计期：{period.start:%Y年%m月%d日} 至 {period.end:%Y年%m月%d日}")

whole = indicator_table(scope, "city", period)
if whole.empty:
    st.info("当前范围内没有数据。")
    st.stop()

headline = ["coverage_rate", "reporting_rate", "active_rate", "compliance_rate"]
for column, name in zip(st.columns(len(headline)), headline, strict=True):
    value = whole[name].iloc[0]
    column.metric(INDICATORS[name][0], "—" if value != value else f"{value:.1%}")

by_district = indicator_table(scope, "district", period)
table = by_district.drop(columns=["unit_id", "unit_code", "parent_id"])
percent = [name for name, (_, unit) in INDICATORS.items() if unit == "%"]
table[percent] = table[percent] * 100
st.subheader("各区县指标")
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "unit_name": st.column_config.TextColumn("区县"),
        **{
            name: st.column_config.NumberColumn(
                indicator_label(name), format="%.1f" if name in percent else "%.2f"
            )
            for name in INDICATORS
        },
    },
)
