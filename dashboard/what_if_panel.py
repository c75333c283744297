"""The what-if panel, drawn from frames already fetched: the composite ranking,
the scenario against the baseline, and the quota rule. No database access here."""

import pandas as pd
import streamlit as st

from dashboard import charts, what_if_controls
from dashboard.charts import show_chart
from dashboard.formatting import number, plain
from dashboard.i18n import amount, tr
from dashboard.tables import DECIMAL, FLAG, NUMBER, RANK_CHANGE, RANK_CHANGE_NOTE, TEXT, show_table
from data_access.indicators.coverage import QuotaRule, apply_quota, quota_by_district
from data_access.scoring import Adjustment, ScoreModel, scenario_comparison, score_ranking


def draw_scores(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    *,
    months: int,
    unit_label: str,
    scope_name: str,
    previous_label: str,
) -> None:
    """The ranking and the scenario; keeps the weights, targets and adjustments."""
    st.subheader(
        tr("综合得分排名（{level}，在{scope}内排名）").format(
            level=tr(unit_label), scope=plain(scope_name)
        )
    )
    model = ranking(
        current, previous, months=months, unit_label=unit_label, previous_label=previous_label
    )
    st.subheader(tr("情景推演"))
    changes = scenario(current, model, months=months)
    what_if_controls.remember(model=model, adjustments=changes)


def draw_quota(workforce: pd.DataFrame) -> None:
    """The quota rule and who falls short under it; keeps the rule (if valid)."""
    st.subheader(tr("社区工作者员额测算（参数可调，默认镇江规则）"))
    rule = quota(workforce)
    if rule is not None:
        what_if_controls.remember(rule=rule)


def ranking(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    *,
    months: int,
    unit_label: str,
    previous_label: str,
) -> ScoreModel:
    """Sliders on the left, the ranking they make on the right; returns the model."""
    controls, results = st.columns([2, 3], gap="large")
    with controls:
        model = what_if_controls.score_model()
    ranked = score_ranking(current, previous, model, months=months).sort_values(
        ["rank", "unit_code"], na_position="last"
    )
    ranked["note"] = [
        tr("未报送") if not reported else (tr("无计分指标") if pd.isna(score) else "")
        for reported, score in zip(ranked["reported"], ranked["score"], strict=True)
    ]
    with results:
        show_chart(
            charts.ranked_bars(
                ranked,
                value="score",
                unit=tr("综合得分（百分制）"),
                percent=False,
                decimals=2,
                title=tr("各{level}综合得分").format(level=tr(unit_label)),
            ),
            name="scores",
            key="score_bars",
        )
        show_table(
            ranked,
            {
                "unit_name": (unit_label, TEXT),
                "score": ("综合得分", DECIMAL),
                "rank": ("名次", NUMBER),
                "rank_vs_default": ("较默认权重名次变化", RANK_CHANGE),
                "previous_score": (tr("{period}得分").format(period=previous_label), DECIMAL),
                "rank_change": (
                    tr("较{period}名次变化").format(period=previous_label),
                    RANK_CHANGE,
                ),
                "last": ("末位", FLAG),
                "note": ("说明", TEXT),
            },
            name="composite_score",
        )
        st.caption(
            tr(RANK_CHANGE_NOTE) + tr("。同分同名次；未报送或没有计分指标的单位不参与排名。")
        )
    return model


def scenario(current: pd.DataFrame, model: ScoreModel, *, months: int) -> tuple[Adjustment, ...]:
    """The adjustments row and, once there is one, baseline and scenario side by side."""
    changes = what_if_controls.adjustments(current)
    if not changes:
        st.info(tr("加入一项调整（如“某区网格党组织覆盖率提高 10 个百分点”），即可看到推演结果。"))
        return changes
    out, skipped = scenario_comparison(current, changes, model, months=months)
    names = dict(zip(current["unit_code"], current["unit_name"], strict=True))
    for change in skipped:
        st.warning(
            tr(
                "未能推演：{change}（该单位不在当前比较范围、本期未报送，或该指标没有应统计的对象）"
            ).format(change=plain(what_if_controls.describe(change, names)))
        )
    out = out.sort_values(["scenario_rank", "unit_code"], na_position="last")
    moved = out[out["adjusted"] | (out["rank_move"] != 0) & out["rank_move"].notna()]
    if not moved.empty:
        show_chart(
            charts.change_bars(
                moved,
                before="baseline_score",
                after="scenario_score",
                title=tr("推演带来的得分变化（仅列出被调整或名次变化的单位）"),
                unit=tr("得分变化（分）"),
            ),
            name="scenario",
            key="scenario_bars",
        )
    show_table(
        out,
        {
            "unit_name": ("单位", TEXT),
            "baseline_score": ("基准得分", DECIMAL),
            "baseline_rank": ("基准名次", NUMBER),
            "scenario_score": ("推演得分", DECIMAL),
            "scenario_rank": ("推演名次", NUMBER),
            "rank_move": ("名次变化", RANK_CHANGE),
            "adjusted": ("被调整", FLAG),
        },
        name="scenario",
    )
    return changes


def quota(workforce: pd.DataFrame) -> QuotaRule | None:
    """The rule's inputs and who falls short under it, against the Zhenjiang default."""
    rule = what_if_controls.quota_rule()
    if rule is None:
        return None
    if workforce.empty:
        st.info(tr("所选范围内没有城市社区，员额规则不适用。"))
        return rule
    quotas = apply_quota(workforce, rule)
    baseline = apply_quota(workforce, QuotaRule())
    short = quotas[quotas["shortfall"] > 0]
    total, default_total = int(quotas["quota"].sum()), int(baseline["quota"].sum())
    left, middle, right, last = st.columns(4)
    left.metric(
        tr("核定员额合计"),
        amount(number(total), "人"),
        delta=tr("{n:+,} 人（较镇江规则）").format(n=total - default_total)
        if total != default_total
        else None,
        delta_color="off",
    )
    middle.metric(tr("在岗人数"), amount(number(quotas["workers"].sum()), "人"))
    right.metric(tr("缺额（需补充）"), amount(number(quotas["shortfall"].sum()), "人"))
    last.metric(tr("未达员额社区"), amount(f"{len(short):,} / {len(quotas):,}", "个"))
    show_table(
        quota_by_district(quotas).sort_values("shortfall", ascending=False),
        {
            "district_name": ("区县", TEXT),
            "communities": ("城市社区", NUMBER),
            "short_communities": ("未达员额社区", NUMBER),
            "households": ("户数", NUMBER),
            "quota": ("核定员额", NUMBER),
            "workers": ("在岗人数", NUMBER),
            "shortfall": ("缺额", NUMBER),
        },
        name="quota_by_district",
    )
    with st.expander(tr("未达员额的社区（{n:,} 个）").format(n=len(short))):
        show_table(
            short,
            {
                "district_name": ("区县", TEXT),
                "unit_name": ("社区", TEXT),
                "households": ("户数", NUMBER),
                "quota": ("核定员额", NUMBER),
                "workers": ("在岗人数", NUMBER),
                "shortfall": ("缺额", NUMBER),
            },
            name="quota_short_communities",
            height=320,
        )
    return rule
