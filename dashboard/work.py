"""What 任务督办 and the work slides read alike: the rules the link names, and the points
ranking of the chosen period."""

import pandas as pd
import streamlit as st

from dashboard import queries, url_state
from dashboard.filters import Filters
from dashboard.i18n import tr
from data_access.indicators.work import PointsRule, WarningRule
from data_access.period import period_key

# ?remind=N: a node turns amber N days before its due day ("" keeps each task's own)
REMIND_KEY, REMIND_OPTIONS = "remind", ["", "1", "3", "5", "7", "10", "15", "30"]
# ?points_top=10,6,4,3,2&points_bottom=...: Qiuji's gains for the first and losses for the last
POINTS_KEYS = {"points_top": "前几名加分", "points_bottom": "后几名减分"}
QIUJI = "10,6,4,3,2"
MOST_PLACES, MOST_POINTS = 10, 100


def parse_points(text: str) -> tuple[int, ...]:
    """'10,6,4,3,2' as (10, 6, 4, 3, 2); ValueError if it is not 1 to 10 whole numbers
    of 0 to 100."""
    values = [v.strip() for v in text.replace("，", ",").split(",")]
    if not 1 <= len(values) <= MOST_PLACES or not all(v.isdigit() for v in values):
        raise ValueError(text)
    if any(int(v) > MOST_POINTS for v in values):
        raise ValueError(text)
    return tuple(int(v) for v in values)


def rules() -> tuple[WarningRule, PointsRule, list[str]]:
    """The warning and points rules the link names, each the default where it names none;
    with what could not be read, to be said on the page."""
    remind = st.query_params.get(REMIND_KEY, "")
    warning = WarningRule(int(remind)) if remind in REMIND_OPTIONS[1:] else WarningRule()
    problems = []
    if remind not in REMIND_OPTIONS:
        problems.append(tr("链接中的提醒天数无法识别，已按各任务设定。"))
    scales = []
    for key, label in POINTS_KEYS.items():
        try:
            scales.append(parse_points(st.query_params.get(key, QIUJI)))
        except ValueError:
            problems.append(
                tr("{label}应为 1 至 10 个 0 到 100 的整数，已用默认的 {default}。").format(
                    label=tr(label), default=QIUJI
                )
            )
            scales.append(parse_points(QIUJI))
    return warning, PointsRule(top=scales[0], bottom=scales[1]), problems


def rule_controls() -> None:
    """The rules' widgets, bound to the link (read back by `rules`)."""
    with st.expander(tr("预警与积分规则"), icon=":material/rule:"):
        url_state.choice(
            st.selectbox,
            tr("临期提醒"),
            REMIND_OPTIONS,
            key=REMIND_KEY,
            default="",
            format_func=lambda days: (
                tr("按各任务设定的提醒天数") if not days else tr("到期前 {n} 天").format(n=days)
            ),
        )
        for key, label in POINTS_KEYS.items():
            text = st.text_input(
                tr(label),
                value=st.query_params.get(key, QIUJI),
                key=key,
                help=tr("从第一名（或末位）起每个名次的分数，逗号分隔，如 {example}").format(
                    example=QIUJI
                ),
            )
            url_state.mirror(key, "" if text.strip() == QIUJI else text.strip())
    for problem in rules()[2]:
        st.warning(problem)  # our own words: the link's text is not quoted


def is_quarter(chosen: Filters) -> bool:
    """Qiuji ranks by quarter: only a quarter has 末位 two quarters running."""
    return "-Q" in period_key(chosen.period)


def points_ranking(chosen: Filters, rule: PointsRule) -> pd.DataFrame:
    """The units at the chosen level ranked by points earned in the period (work.points),
    with last_twice (末位 two quarters running) when the period is a quarter."""
    if is_quarter(chosen):
        return queries.quarterly_ranking(
            scope=chosen.scope, level=chosen.level, quarter=chosen.period, rule=rule
        )
    return queries.work_points(
        scope=chosen.scope, level=chosen.level, period=chosen.period, rule=rule
    )
