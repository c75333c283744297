"""District comparison (比学赶超): every headline indicator side by side."""

import pandas as pd
from sqlalchemy import Connection

from data_access.indicators.coverage import grid_coverage
from data_access.indicators.meetings import cadence_compliance
from data_access.indicators.reporting import double_reporting, resident_problems, three_lists
from data_access.period import Period
from data_access.scope import Scope

# The headline indicators, each a rate or a per-member figure; higher is better.
INDICATORS = (
    "coverage_rate",
    "staffing_rate",
    "reporting_rate",
    "active_rate",
    "hours_per_member",
    "claim_rate",
    "completion_rate",
    "resolution_rate",
    "compliance_rate",
)


def indicator_table(conn: Connection, *, scope: Scope, level: str, period: Period) -> pd.DataFrame:
    """One row per unit at `level` (district, or street within a district) with every indicator.

    Each column is defined by the query it comes from: grid_coverage (read at
    `period.end`), double_reporting, three_lists, resident_problems and
    cadence_compliance (over the period). NaN means not expected (nothing to
    count), never 0.

    Columns: unit_id, unit_code, unit_name, parent_id, then INDICATORS.
    """
    keys = ["unit_id", "unit_code", "unit_name", "parent_id"]
    frames = [
        grid_coverage(conn, scope=scope, level=level, as_of=period.end),
        double_reporting(conn, scope=scope, level=level, period=period),
        three_lists(conn, scope=scope, level=level, period=period),
        resident_problems(conn, scope=scope, level=level, period=period),
        cadence_compliance(conn, scope=scope, level=level, period=period),
    ]
    table = frames[0][keys]
    for frame in frames:
        wanted = [c for c in INDICATORS if c in frame.columns]
        table = table.merge(frame[["unit_id", *wanted]], on="unit_id", how="left")
    return table[keys + list(INDICATORS)]
