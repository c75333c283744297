"""Benchmark: where one view's data time goes, read by read, cold, per filter state.

    python -m benchmarks.readers --database-url URL --view grid_coverage.py

Runs the view as `benchmarks.performance` does (AppTest, a temporary admin, the query
cache cleared before each state, the same filter states) and prints, per state, the
milliseconds of each data_access call the view makes and their sum.
"""

import argparse
import os
import secrets
import time
from collections import defaultdict
from collections.abc import Callable

import streamlit as st

from benchmarks.performance import filter_states, open_view, signed_in, with_benchmark_user
from dashboard import queries


def timed_readers(spent: dict[str, list[float]]) -> dict[str, Callable]:
    """Each reader wrapped to add its call's milliseconds to `spent`."""

    def timed(name: str, read: Callable) -> Callable:
        def call(*args, **kwargs):
            started = time.perf_counter()
            try:
                return read(*args, **kwargs)
            finally:
                spent[name].append((time.perf_counter() - started) * 1000)

        return call

    return {name: timed(name, read) for name, read in queries.READERS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--view", default="grid_coverage.py", help="a file in pages/")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DASHBOARD_COOKIE_KEY", secrets.token_urlsafe(40))
    remove = with_benchmark_user(args.database_url)
    originals = dict(queries.READERS)
    try:
        for state in filter_states(args.database_url):
            at = signed_in(os.environ["BENCHMARK_PASSWORD"], state)
            st.cache_data.clear()
            spent: dict[str, list[float]] = defaultdict(list)
            queries.READERS.update(timed_readers(spent))
            try:
                open_view(at, args.view)
            finally:
                queries.READERS.update(originals)
            calls = ", ".join(
                f"{n} {' + '.join(f'{ms:.0f}' for ms in t)}" for n, t in spent.items()
            )
            total = sum(sum(t) for t in spent.values())
            print(f"{state}: {total:.0f} ms = {calls}")
    finally:
        remove()


if __name__ == "__main__":
    main()
