"""The what-if widgets: weight and target sliders, scenario adjustments, quota rule.

Each widget owns a session-state key. The settings they make are kept in
`st.session_state["what_if"]` and mirrored in the URL, so they survive a page
switch and a copied link reproduces them.
"""

from dataclasses import fields, replace

import pandas as pd
import streamlit as st

from dashboard.formatting import plain
from dashboard.i18n import tr
from dashboard.labels import INDICATORS
from dashboard.what_if_settings import (
    BASELINE,
    HOURS_TARGET,
    KEYS,
    QUOTA_LIMITS,
    RATE_TARGET,
    STEP,
    WEIGHT_MAX,
    WhatIf,
    from_params,
    points_range,
    shown_target,
    to_params,
)
from data_access.indicators.coverage import QuotaRule
from data_access.scoring import PER_MONTH, Adjustment, ScoreModel

ADJUSTMENTS = "what_if_adjustments"
QUOTA_LABELS = {
    "base_households": "基础户数（户以下）",
    "base_workers": "基础员额（人）",
    "step_households": "每增加户数加 1 人",
    "cap_households": "总量控制户数（以上不再增加）",
}


def _widget_keys() -> list[str]:
    return [
        *(f"weight_{n}" for n in INDICATORS),
        *(f"target_{n}" for n in INDICATORS),
        *(f"quota_{f.name}" for f in fields(QuotaRule)),
    ]


def put(what_if: WhatIf) -> None:
    """Set every widget to `what_if`; call before the widgets are drawn (or in a callback)."""
    for name in INDICATORS:
        st.session_state[f"weight_{name}"] = int(what_if.model.weights[name])
        target = shown_target(name, what_if.model.targets[name])
        st.session_state[f"target_{name}"] = float(target) if name in PER_MONTH else int(target)
    for field in fields(QuotaRule):
        st.session_state[f"quota_{field.name}"] = getattr(what_if.rule, field.name)
    st.session_state[ADJUSTMENTS] = list(what_if.adjustments)
    st.session_state["what_if"] = what_if


def start() -> list[str]:
    """On a page run: widgets not drawn yet take the link's settings, else this session's
    last ones. Returns what could not be read from the link."""
    if all(key in st.session_state for key in [*_widget_keys(), ADJUSTMENTS]):
        return []
    problems: list[str] = []
    if any(key in st.query_params for key in KEYS):
        what_if, problems = from_params(st.query_params.to_dict())
    else:
        what_if = st.session_state.get("what_if", BASELINE)
    put(what_if)
    return problems


def remember(**changes) -> None:
    """Keep these settings (model, adjustments or rule) for this session and write all
    settings into the URL. Each fragment keeps its own part."""
    what_if = replace(st.session_state.get("what_if", BASELINE), **changes)
    st.session_state["what_if"] = what_if
    params = to_params(what_if)
    for key in KEYS:
        if key in params:
            st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]


def score_model() -> ScoreModel:
    """Weight and target sliders, in two tabs."""
    weights_tab, targets_tab = st.tabs([tr("权重"), tr("目标值")])
    with weights_tab:
        weights = {
            n: float(st.slider(tr(label), 0, WEIGHT_MAX, step=1, key=f"weight_{n}"))
            for n, (label, _) in INDICATORS.items()
        }
        st.caption(
            tr("权重合计 {total:g}；得分按合计折算为百分制，权重为 0 即不计。").format(
                total=sum(weights.values())
            )
        )
    with targets_tab:
        targets = {n: _target_slider(n) for n in INDICATORS}
        st.caption(tr("达到目标值即得该项全部分数，未达到按比例得分。"))
    return ScoreModel(weights=weights, targets=targets)


def _target_slider(name: str) -> float:
    label, _ = INDICATORS[name]
    if name in PER_MONTH:
        low, high = HOURS_TARGET
        return st.slider(tr(f"{label}（小时/人·月）"), low, high, step=STEP, key=f"target_{name}")
    low, high = RATE_TARGET
    return st.slider(tr(f"{label}（%）"), low, high, step=1, key=f"target_{name}") / 100


def adjustments(units: pd.DataFrame) -> tuple[Adjustment, ...]:
    """The scenario: a row of inputs that adds an adjustment, and the list so far."""
    names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
    if not names:
        st.info(tr("没有可推演的单位。"))
        return ()
    if st.session_state.get("adjust_unit") not in names:
        st.session_state.pop("adjust_unit", None)  # the units compared have changed
    row = st.container(horizontal=True, vertical_alignment="bottom")
    row.selectbox(
        tr("单位"), list(names), format_func=names.__getitem__, key="adjust_unit", width=220
    )
    # format functions take labels made in the run: AppTest calls them outside it
    indicator_names = {n: tr(label) for n, (label, _) in INDICATORS.items()}
    row.selectbox(
        tr("指标"),
        list(INDICATORS),
        format_func=indicator_names.__getitem__,
        key="adjust_indicator",
        width=220,
    )
    ways = {"points": tr("提高"), "target": tr("达到目标值")}
    row.radio(tr("方式"), list(ways), format_func=ways.__getitem__, key="adjust_how")
    row.number_input(
        tr("提高幅度"),
        min_value=STEP,
        max_value=100.0,
        value=5.0,
        step=STEP,
        key="adjust_points",
        disabled=st.session_state.get("adjust_how") == "target",
        help=tr("比率指标按百分点，人均服务时长按小时/人·月。"),
        width=160,
    )
    row.button(tr("加入推演"), on_click=_add, key="adjust_add", icon=":material/add:")
    if message := st.session_state.pop("adjust_error", None):
        st.error(plain(message))
    changes = st.session_state[ADJUSTMENTS]
    for i, change in enumerate(changes):
        text, remove = st.columns([8, 1])
        text.markdown(f"- {plain(describe(change, names))}")
        remove.button(tr("移除"), key=f"adjust_remove_{i}", on_click=_remove, args=(i,))
    return tuple(changes)


def describe(change: Adjustment, names: dict[str, str]) -> str:
    label = tr(INDICATORS[change.indicator][0])
    who = names.get(change.unit_code, change.unit_code)
    if change.to_target:
        return tr("{who}：{label}达到目标值").format(who=who, label=label)
    unit = tr("小时/人·月" if change.indicator in PER_MONTH else "个百分点")
    return tr("{who}：{label}提高 {points:g} {unit}").format(
        who=who, label=label, points=change.points, unit=unit
    )


def _add() -> None:
    state = st.session_state
    name, how, points = state["adjust_indicator"], state["adjust_how"], state["adjust_points"]
    low, high = points_range(name)
    if how == "points" and not low <= points <= high:
        state["adjust_error"] = tr("{label}每次最多提高 {high:g}，请调整“提高”一栏。").format(
            label=tr(INDICATORS[name][0]), high=high
        )
        return
    change = Adjustment(state["adjust_unit"], name, points=points, to_target=how == "target")
    # one adjustment per unit and indicator: a new one replaces the old
    kept = [c for c in state[ADJUSTMENTS] if (c.unit_code, c.indicator) != (change.unit_code, name)]
    state[ADJUSTMENTS] = [*kept, change]


def _remove(index: int) -> None:
    del st.session_state[ADJUSTMENTS][index]


def quota_rule() -> QuotaRule | None:
    """Four inputs for the rule; None, with the reason on screen, when they do not make one."""
    columns = st.columns(4)
    values = {}
    for column, field in zip(columns, fields(QuotaRule), strict=True):
        low, high = QUOTA_LIMITS[field.name]
        values[field.name] = column.number_input(
            tr(QUOTA_LABELS[field.name]), min_value=low, max_value=high, key=f"quota_{field.name}"
        )
    if values["cap_households"] < values["base_households"]:
        st.error(tr("“总量控制户数”不能低于“基础户数”，请修改后再测算。"))
        return None
    return QuotaRule(**values)
