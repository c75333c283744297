"""Reading indicator frames in tests: one row per unit code."""

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from data_access.period import Period
from data_access.scope import Scope, scope_of_units

Q1_2026 = Period(date(2026, 1, 1), date(2026, 3, 1))
CITY, D1, D2, S1, S2, M1, M2, M3 = 1, 2, 3, 4, 5, 6, 7, 8


def scope(engine: Engine, *unit_ids: int) -> Scope:
    with engine.connect() as conn:
        return scope_of_units(conn, unit_ids)


def run(engine: Engine, query, **kwargs) -> pd.DataFrame:
    with engine.connect() as conn:
        return query(conn, **kwargs)


def by_code(frame: pd.DataFrame) -> dict[str, dict]:
    """{unit_code: {column: value}}; fails on a duplicated code."""
    assert frame["unit_code"].is_unique, frame
    return frame.set_index("unit_code").to_dict("index")
