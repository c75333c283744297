"""Shared filters: drawn once in the sidebar by the entry point, mirrored in the URL,
so they survive page switches and a copied link reproduces the view."""

from dataclasses import dataclass

import streamlit as st

from dashboard import url_state
from dashboard.database import engine
from dashboard.i18n import english, month_label, tr
from dashboard.queries import data_end, unit_options
from data_access.period import (
    HISTORY,
    Period,
    complete_periods,
    parse_period,
    period_containing,
    period_key,
)
from data_access.scope import Scope, narrow

GRAIN_LABELS = {"month": "月", "quarter": "季", "year": "年"}
CHILD_LEVEL = {"province": "city", "city": "district", "district": "street", "street": "community"}


@dataclass(frozen=True)
class Filters:
    period: Period
    scope: Scope  # the user's scope narrowed to the chosen unit
    unit_name: str  # what the scope is called on screen
    level: str  # the level the views break down by


def period_label(period: Period) -> str:
    key = period_key(period)
    if english():  # 2026-Q1, 2026, 2026-03 as they are
        return f"{key} (to {period.end:%m-%d})" if period.through else key
    if "-Q" in key:
        year, quarter = key.split("-Q")
        label = f"{year}年第{quarter}季度"
    elif len(key) == 4:
        label = f"{key}年"
    else:
        label = month_label(f"{period.first:%Y-%m}")
    return f"{label}（截至{period.end.month}月{period.end.day}日）" if period.through else label


def draw(user_scope: Scope) -> Filters:
    """Draw the sidebar filters and return the chosen view."""
    grain = url_state.choice(
        st.sidebar.radio,
        tr("统计周期"),
        list(GRAIN_LABELS),
        key="grain",
        default="quarter",
        format_func={grain: tr(label) for grain, label in GRAIN_LABELS.items()}.__getitem__,
        horizontal=True,
    )
    last_day = data_end()
    periods = [period_key(p) for p in complete_periods(grain, last_day, HISTORY[grain])]
    # the period still running comes first, for live meetings; the default is the
    # latest complete one, so that numbers compare like with like
    running = period_containing(grain, last_day)
    if running.end > last_day:
        periods.insert(0, period_key(running))
    chosen = url_state.choice(
        st.sidebar.selectbox,
        tr("期间"),
        periods,
        key="period",
        default=periods[1] if running.end > last_day else periods[0],
        format_func={
            key: period_label(parse_period(key).to_date(last_day)) for key in periods
        }.__getitem__,
    )
    units = unit_options(scope=user_scope, levels=("province", "city", "district", "street"))
    labels = {"": tr("全部可见范围"), **_picker_labels(units)}
    code = url_state.choice(
        st.sidebar.selectbox,
        tr("范围"),
        list(labels),
        key="unit",
        default="",
        format_func=labels.__getitem__,
    )
    with engine().connect() as conn:
        if code:
            unit = units[units["code"] == code].iloc[0]
            scope = narrow(conn, user_scope, int(unit["unit_id"]))
            name, level = unit["name"], CHILD_LEVEL[unit["level"]]
        else:
            scope, name, level = user_scope, tr("全部可见范围"), _top_child_level(units)
    period = parse_period(chosen).to_date(last_day)
    return Filters(period=period, scope=scope, unit_name=name, level=level)


def _picker_labels(units) -> dict[str, str]:
    """Code -> name, streets indented under their district. Built once per run in one
    pass: a lookup per option made the picker cost 0.3 s a run on a province."""
    indent = units["level"].eq("street").map({True: "　", False: ""})
    return dict(zip(units["code"], indent + units["name"], strict=True))


def _top_child_level(units) -> str:
    """Break the whole scope down one level below its highest unit (communities for a street)."""
    for level in ("province", "city", "district", "street"):
        if (units["level"] == level).any():
            return CHILD_LEVEL[level]
    return "community"


def current_filters() -> Filters:
    """Set by the entry point on every run before the page runs."""
    return st.session_state["filters"]
