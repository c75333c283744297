"""报送情况: which districts or streets sent each month's data, on time or late
(DHIS2's reporting completeness and timeliness), and who sent it."""

import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.filters import current_filters, period_label
from dashboard.formatting import name_list, plain
from dashboard.i18n import month_label, tr
from dashboard.labels import LEVELS, SUBMISSION_STATUS
from dashboard.settings import reporting_due_day
from dashboard.tables import NUMBER, TEXT, show_table
from data_access import clock
from data_access.imports.entities import ENTITIES
from data_access.reporting_status import EXPECTED, unit_summary

STATUS = SUBMISSION_STATUS

chosen = current_filters()
due_day = reporting_due_day()
st.title(tr("报送情况"))
st.caption(
    tr(
        "范围：{unit} · 统计期：{period} · 每月数据应在次月 {day} 日（含）前导入；应报：{due}"
    ).format(
        unit=plain(chosen.unit_name),
        period=period_label(chosen.period),
        day=due_day,
        due=tr("、").join(tr(ENTITIES[k].label) for k in EXPECTED),
    )
)
if not chosen.scope.paths:
    st.info(tr("所选范围不在您的可见范围内，没有可显示的数据。"))
    st.stop()
level = {"city": "district", "community": "street"}.get(chosen.level, chosen.level)
status = queries.reporting_status(
    scope=chosen.scope,
    level=level,
    period=chosen.period,
    due_day=due_day,
    today=clock.today(),
)
if status.empty:
    st.info(tr("所选范围内没有单位。"))
    st.stop()
cells = unit_summary(status)
months = {m: month_label(m) for m in sorted(cells["month"].unique())}
cells["text"] = [
    f"{tr(STATUS[s][0])} {on + late}/{n}"
    for s, on, late, n in zip(
        cells["status"], cells["on_time"], cells["late"], cells["expected"], strict=True
    )
]
grid = cells.pivot(index="unit_name", columns="month", values="text")
colours = cells.pivot(index="unit_name", columns="month", values="status")
order = cells.drop_duplicates("unit_name")["unit_name"]
grid, colours = grid.loc[order, list(months)], colours.loc[order, list(months)]
st.subheader(tr("各{level}逐月报送（已报类数/应报类数）").format(level=tr(LEVELS[level])))
st.dataframe(
    grid.rename(columns=months)
    .rename_axis(tr(LEVELS[level]))
    .style.apply(
        lambda _: colours.map(lambda s: f"background-color: {STATUS[s][1]}").values, axis=None
    ),
    height=min(38 + 35 * len(grid), 600),
)
st.caption(
    tr(
        "● 按时：应报数据都已按时导入（未到期的不计）；▲ 逾期或不全：有逾期导入或缺报；"
        "✕ 未报送：逾期仍没有任何数据；○ 未到期：还没到截止日。"
    )
)
for month, label in months.items():
    silent = cells.loc[(cells["month"] == month) & (cells["status"] == "missing"), "unit_name"]
    if len(silent):
        st.warning(
            tr("{month}未报送任何数据的{level}：{units}").format(
                month=label, level=tr(LEVELS[level]), units=name_list(silent)
            )
        )

st.subheader(tr("明细"))
shown = status.assign(
    month=status["month"].map(months),
    entity=status["entity"].map(lambda k: tr(ENTITIES[k].label)),
    status=status["status"].map(lambda s: tr("▲ 逾期" if s == "late" else STATUS[s][0])),
    first_at=status["first_at"].dt.strftime("%Y-%m-%d %H:%M").fillna("—"),
    last_at=status["last_at"].dt.strftime("%Y-%m-%d %H:%M").fillna("—"),
    due_on=pd.to_datetime(status["due_on"]).dt.strftime("%Y-%m-%d"),
    importers=status["importers"].replace("", "—"),
)
show_table(
    shown,
    {
        "month": ("月份", TEXT),
        "unit_name": (LEVELS[level], TEXT),
        "entity": ("数据类型", TEXT),
        "status": ("状态", TEXT),
        "rows": ("行数", NUMBER),
        "first_at": ("首次导入", TEXT),
        "last_at": ("最近导入", TEXT),
        "importers": ("导入人", TEXT),
        "due_on": ("截止日", TEXT),
    },
    name="reporting_status",
)
