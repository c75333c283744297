"""Cached calls into data_access, keyed by scope and filters (never whole tables)."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.database import engine
from data_access import dataset
from data_access.indicators import comparison
from data_access.period import Period
from data_access.scope import Scope

TTL_SECONDS = 30


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def dataset_facts() -> dict[str, str]:
    with engine().connect() as conn:
        return dataset.dataset_facts(conn)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def data_end() -> date:
    with engine().connect() as conn:
        return dataset.data_end(conn)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def indicator_table(scope: Scope, level: str, period: Period) -> pd.DataFrame:
    with engine().connect() as conn:
        return comparison.indicator_table(conn, scope=scope, level=level, period=period)
