"""Benchmark: where one view's data time goes, read by read, cold, per filter state.

    python -m benchmarks.readers --database-url URL --view grid_coverage.py

Runs the view as `benchmarks.performance` does (AppTest, a temporary admin, the query
cache cleared before each state, the same filter states) and prints, per state, the
milliseconds of each data_access call the view makes and their sum.
"""

import argparse
import os
import secrets

import streamlit as st

from benchmarks.performance import (
    DataClock,
    filter_states,
    open_view,
    signed_in,
    with_benchmark_user,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--view", default="grid_coverage.py", help="a file in pages/")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DASHBOARD_COOKIE_KEY", secrets.token_urlsafe(40))
    remove = with_benchmark_user(args.database_url)
    try:
        for state in filter_states(args.database_url):
            at = signed_in(os.environ["BENCHMARK_PASSWORD"], state)
            st.cache_data.clear()
            clock = DataClock(raw=False)
            try:
                open_view(at, args.view)
            finally:
                clock.close()
            calls = ", ".join(
                f"{name} {' + '.join(f'{s * 1000:.0f}' for s in taken)}"
                for name, taken in clock.calls.items()
            )
            print(f"{state}: {clock.spent * 1000:.0f} ms = {calls}")
    finally:
        remove()


if __name__ == "__main__":
    main()
