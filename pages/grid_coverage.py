"""网格覆盖: party organisations and workers in every grid, and the community-worker quota."""

import pandas as pd
import streamlit as st

from dashboard import charts, live, queries
from dashboard.charts import show_chart
from dashboard.filters import CHILD_LEVEL
from dashboard.formatting import number, percent
from dashboard.i18n import tr
from dashboard.labels import LEVELS
from dashboard.page_header import header
from dashboard.tables import DECIMAL, FLAG, NUMBER, PERCENT, TEXT, list_caption, show_table
from data_access.indicators.coverage import coverage_total


def show() -> None:
    chosen = header("网格覆盖")
    day = chosen.period.end
    by_unit = queries.grid_coverage(scope=chosen.scope, level=chosen.level, as_of=day)
    total = coverage_total(by_unit)
    quota = queries.worker_quota_totals(scope=chosen.scope, as_of=day).iloc[0]

    left, middle, right, last = st.columns(4)
    left.metric(
        tr("网格党组织覆盖率"),
        percent(total["coverage_rate"]),
        help=tr("{n:,.0f} / {of:,.0f} 个网格（启用数/应建数）").format(
            n=total["grids_with_org"], of=total["grids"]
        ),
    )
    middle.metric(
        tr("网格员配备率"),
        percent(total["staffing_rate"]),
        help=tr("{n:,.0f} / {of:,.0f} 个网格").format(
            n=total["grids_with_worker"], of=total["grids"]
        ),
    )
    right.metric(tr("每名网格员服务户数"), number(total["households_per_worker"]))
    last.metric(
        tr("社区工作者员额达标率"),
        percent(quota["attainment_rate"]),
        help=tr("在岗专职社区工作者不少于核定员额的城市社区占比"),
    )

    unit_label = LEVELS[chosen.level]
    show_chart(
        charts.ranked_bars(
            by_unit,
            value="coverage_rate",
            unit=tr("覆盖率（%）"),
            title=tr("各{level}{name}").format(level=tr(unit_label), name=tr("网格党组织覆盖率")),
        ),
        name="grid_coverage",
    )
    show_table(
        by_unit,
        {
            "unit_name": (unit_label, TEXT),
            "grids": ("网格数", NUMBER),
            "grids_with_org": ("已建党组织网格", NUMBER),
            "coverage_rate": ("覆盖率", PERCENT),
            "grids_with_worker": ("有网格员网格", NUMBER),
            "staffing_rate": ("配备率", PERCENT),
            "households": ("户数", NUMBER),
            "grid_workers": ("网格员（人）", NUMBER),
            "households_per_worker": ("每名网格员户数", DECIMAL),
        },
        name="grid_coverage",
    )

    # Two levels of boxes: the breakdown units and their children (the view's own level down).
    inner_level = CHILD_LEVEL.get(chosen.level, chosen.level)
    outer = by_unit
    inner = queries.grid_coverage(scope=chosen.scope, level=inner_level, as_of=day)
    tree = (
        pd.concat(
            [
                pd.DataFrame(
                    {
                        "id": "o" + outer["unit_id"].astype(str),
                        "parent": "",
                        "label": outer["unit_name"],
                        "grids": outer["grids"],
                        "coverage_rate": outer["coverage_rate"],
                    }
                ),
                pd.DataFrame(
                    {
                        "id": "i" + inner["unit_id"].astype(str),
                        "parent": "o" + inner["parent_id"].astype("Int64").astype(str),
                        "label": inner["unit_name"],
                        "grids": inner["grids"],
                        "coverage_rate": inner["coverage_rate"],
                    }
                ),
            ]
        )
        if inner_level != chosen.level
        else pd.DataFrame(
            {
                "id": outer["unit_id"].astype(str),
                "parent": "",
                "label": outer["unit_name"],
                "grids": outer["grids"],
                "coverage_rate": outer["coverage_rate"],
            }
        )
    )
    tree = tree[tree["grids"] > 0]
    show_chart(
        charts.coverage_treemap(tree, title=tr("网格覆盖结构（方块大小 = 网格数，颜色 = 覆盖率）")),
        name="grid_coverage_tree",
    )

    st.subheader(tr("短板网格"))
    gaps = queries.grid_gaps(scope=chosen.scope, as_of=day)
    gap_count = int(total["gapped_grids"])
    st.caption(
        list_caption(
            tr("共 {n:,} 个网格缺少党组织或网格员（全部 {of:,} 个）").format(
                n=gap_count, of=int(total["grids"])
            ),
            total=gap_count,
            shown=len(gaps),
            which="编码在前的",
        )
    )
    show_table(
        gaps,
        {
            "district_name": ("区县", TEXT),
            "street_name": ("街道/乡镇", TEXT),
            "community_name": ("社区/村", TEXT),
            "grid_name": ("网格", TEXT),
            "households": ("户数", NUMBER),
            "has_org": ("已建党组织", FLAG),
            "has_worker": ("有网格员", FLAG),
        },
        name="grid_gaps",
        height=400,
    )

    st.subheader(
        tr("社区工作者员额（镇江规则：2000 户以下 5 人，每增 300 户加 1 人，3000 户以上总量控制）")
    )
    short = queries.communities_below_quota(scope=chosen.scope, as_of=day)
    short_count = int(quota["communities"] - quota["at_quota"])
    st.caption(
        list_caption(
            tr(
                "{n:,} 个城市社区未达员额；按规则共需 {quota:,.0f} 人，"
                "在岗 {workers:,.0f} 人，缺 {shortfall:,.0f} 人"
            ).format(
                n=short_count,
                quota=quota["quota"],
                workers=quota["workers"],
                shortfall=quota["shortfall"],
            ),
            total=short_count,
            shown=len(short),
            which="缺额最多的",
        )
    )
    show_table(
        short,
        {
            "unit_name": ("社区", TEXT),
            "households": ("户数", NUMBER),
            "quota": ("核定员额", NUMBER),
            "workers": ("在岗人数", NUMBER),
            "shortfall": ("缺额", NUMBER),
            "attainment": ("在岗占员额", PERCENT),
        },
        name="worker_quota",
        height=300,
    )


live.run_live(show, "网格覆盖")
