"""What 任务督办 and the work slides read alike."""

import pandas as pd

from dashboard import queries
from dashboard.filters import Filters
from data_access.period import period_key


def is_quarter(chosen: Filters) -> bool:
    """Qiuji ranks by quarter: only a quarter has 末位 two quarters running."""
    return "-Q" in period_key(chosen.period)


def points_ranking(chosen: Filters) -> pd.DataFrame:
    """The units at the chosen level ranked by points earned in the period (work.points),
    with last_twice (末位 two quarters running) when the period is a quarter."""
    if is_quarter(chosen):
        return queries.quarterly_ranking(
            scope=chosen.scope, level=chosen.level, quarter=chosen.period
        )
    return queries.work_points(scope=chosen.scope, level=chosen.level, period=chosen.period)
