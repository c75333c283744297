"""综合评分与推演: a composite score under the user's weights and targets, "what if"
scenarios, and the community-worker quota rule, all recomputed as the inputs move.

The indicator frames are fetched once per filter change; the panels are fragments.
"""

import pandas as pd
import streamlit as st

from dashboard import queries, saved_scenarios, url_state, what_if_controls, what_if_panel
from dashboard.auth import require_session
from dashboard.filters import CHILD_LEVEL, period_label
from dashboard.formatting import plain
from dashboard.guard import no_traceback
from dashboard.i18n import tr
from dashboard.labels import LEVELS
from dashboard.page_header import header
from dashboard.session import current_user

chosen = header("综合评分与推演")
period = chosen.period
# compare the filter's breakdown units, or the level below them (e.g. every district of a province)
levels = (
    [chosen.level, CHILD_LEVEL[chosen.level]] if chosen.level in CHILD_LEVEL else [chosen.level]
)
level = url_state.choice(
    st.radio,
    tr("评比对象"),
    levels,
    key="score_level",
    default=levels[0],
    format_func={level: tr(LEVELS[level]) for level in levels}.__getitem__,
    horizontal=True,
)
current = queries.indicator_table(scope=chosen.scope, level=level, period=period)
previous = queries.indicator_table(scope=chosen.scope, level=level, period=period.previous())
workforce = queries.community_workforce(scope=chosen.scope, as_of=period.end)

for problem in what_if_controls.start():  # quotes the link's text
    st.warning(plain(problem))
saved_scenarios.bar(current_user().username)


# Two fragments: a slider move reruns only the one it belongs to, on the frames it was
# given, with no database round trip; the quota does not depend on the weights.
@st.fragment
def scores(current: pd.DataFrame, previous: pd.DataFrame) -> None:
    require_session()
    with no_traceback("what-if scores"):
        what_if_panel.draw_scores(
            current,
            previous,
            months=period.months,
            unit_label=LEVELS[level],
            scope_name=chosen.unit_name,
            previous_label=period_label(period.previous()),
        )


@st.fragment
def quota(workforce: pd.DataFrame) -> None:
    require_session()
    with no_traceback("what-if quota"):
        what_if_panel.draw_quota(workforce)


scores(current, previous)
quota(workforce)
