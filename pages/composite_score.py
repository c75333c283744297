"""综合评分与推演: a composite score under the user's weights and targets, "what if"
scenarios, and the community-worker quota rule, all recomputed as the inputs move.

The indicator frames are fetched once per filter change; the panel is a fragment,
so a slider move reruns only the panel, on those frames, with no database round trip.
"""

import pandas as pd
import streamlit as st

from dashboard import saved_scenarios, url_state, what_if_controls, what_if_panel
from dashboard.filters import CHILD_LEVEL, period_label
from dashboard.guard import no_traceback
from dashboard.labels import LEVELS
from dashboard.page_header import header
from dashboard.queries import query
from dashboard.session import current_user

chosen = header("综合评分与推演")
period = chosen.period
# compare the filter's breakdown units, or the level below them (e.g. every district of a province)
levels = (
    [chosen.level, CHILD_LEVEL[chosen.level]] if chosen.level in CHILD_LEVEL else [chosen.level]
)
level = url_state.choice(
    st.radio,
    "评比对象",
    levels,
    key="score_level",
    default=levels[0],
    format_func=LEVELS.get,
    horizontal=True,
)
current = query("indicator_table", chosen.scope, level=level, period=period)
previous = query("indicator_table", chosen.scope, level=level, period=period.previous())
workforce = query("community_workforce", chosen.scope, as_of=period.end)

for problem in what_if_controls.start():
    st.warning(problem)
saved_scenarios.bar(current_user().username)


@st.fragment
def panel(current: pd.DataFrame, previous: pd.DataFrame, workforce: pd.DataFrame) -> None:
    with no_traceback("what-if panel"):
        st.subheader(f"综合得分排名（{LEVELS[level]}，在{chosen.unit_name}内排名）")
        model = what_if_panel.ranking(
            current,
            previous,
            months=period.months,
            unit_label=LEVELS[level],
            previous_label=period_label(period.previous()),
        )
        st.subheader("情景推演")
        changes = what_if_panel.scenario(current, model, months=period.months)
        st.subheader("社区工作者员额测算（参数可调，默认镇江规则）")
        rule = what_if_panel.quota(workforce)
        what_if_controls.remember(what_if_controls.with_changes(model, changes, rule))


panel(current, previous, workforce)
