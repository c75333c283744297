"""Benchmark: every view's data and page time at city and province scale.

    python -m benchmarks.performance --city-url sqlite:///city.sqlite3 \\
        --province-url postgresql+psycopg://user@host/db --output docs/PERFORMANCE.md

For each preset (`city` on the first URL, `province` on the second):

1. Build: a missing database is created and an empty one filled with the preset
   (facts, then summaries), timed. A database already filled is used as it is.
2. For each view and a scripted series of filter changes (period grain, period,
   the running period, narrower scopes), the real app runs under AppTest signed
   in as a temporary admin: the cache is cleared, the view opened (cold), then
   run again (warm). Data time is the time spent inside the data_access calls the
   view makes; page time is the whole AppTest run of the view, cold.
3. The straightforward alternative: the same calls computed from the raw facts
   (`raw=True`: no summary tables, no cache) for the first filter states.
4. Memory: what each extra signed-in session showing the overview keeps
   allocated (tracemalloc).

Writes a Markdown report with every figure against its target.
"""

import argparse
import contextlib
import gc
import inspect
import io
import os
import platform
import secrets
import statistics
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy import create_engine, delete, make_url, select, text
from streamlit.testing.v1 import AppTest

from dashboard import queries
from data_access import dataset
from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from data_access.period import complete_periods, period_containing, period_key
from data_access.schema import app_user, auth_event, org_unit, user_scope
from data_access.summary.build import build
from data_access.users import add_user
from sample_data.populate import populate

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
VIEWS = [
    "overview.py",
    "grid_coverage.py",
    "double_reporting.py",
    "meetings.py",
    "comparison.py",
    "composite_score.py",
]
USER = "benchmark_admin"
# preset -> (data p95 target on a cache miss, full page run target), in ms
TARGETS = {"city": (150, 1500), "province": (300, 1500)}
SESSION_MB_TARGET = 30
BUILD_MINUTES_TARGET = 15
SPEED_UP_TARGET = 10
# what each view's data time goes to (every read is a summary read at community scope
# and above), said under a miss
LIMITS = {
    "grid_coverage": "the 短板网格 list (the first 2,000 of the grids with a gap, 26,000 "
    "in a province, with their names, and their count) and the quota's totals and the "
    "communities below it (counted in SQL over 17,700 urban communities in a province)",
    "double_reporting": "about ten summary reads; a year's monthly service trend and "
    "problem histograms are the largest",
    "meetings": "the meeting tally and calendar sum rows per district, day and type "
    "(280,000 for a province's year); the list of units behind reads up to 2,000 with "
    "their names",
    "overview": "seven summary reads (this period and the one before, totals and "
    "breakdown), each joining the period's rows of every community in scope with the "
    "org tree",
    "comparison": "the indicator table three or four times (units, the period before, "
    "the total, the parent level), each a summary read as above",
    "composite_score": "two indicator tables and the community workforce (one row per "
    "urban community), each a summary read",
}


@dataclass
class PageTimes:
    cold: list[float] = field(default_factory=list)  # data seconds, cache cleared
    warm: list[float] = field(default_factory=list)  # data seconds, same view again
    page: list[float] = field(default_factory=list)  # whole run seconds, cold
    raw: list[float] = field(default_factory=list)  # data seconds from the raw facts
    raw_states: int = 0


class DataClock:
    """Times every data_access call the app makes through dashboard.queries."""

    def __init__(self, raw: bool) -> None:
        self.spent = 0.0
        self.calls: dict[str, list[float]] = defaultdict(list)  # seconds, by reader
        self.originals = dict(queries.READERS)
        for name, function in self.originals.items():
            takes_raw = "raw" in inspect.signature(function).parameters
            queries.READERS[name] = self._timed(
                name, partial(function, raw=True) if raw and takes_raw else function
            )

    def _timed(self, name: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                taken = time.perf_counter() - started
                self.spent += taken
                self.calls[name].append(taken)

        return timed

    def close(self) -> None:
        queries.READERS.update(self.originals)


def prepare(url: str, preset: str) -> dict[str, float] | None:
    """Create and fill the database if it is missing or empty; the build times, or None."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
            ).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    engine = make_engine(url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        empty = dataset.is_empty(conn)
    if not empty:
        build(engine)  # anything the catalogue lacks, as the app would on start
        return None
    started = time.perf_counter()
    populate(engine, preset)
    facts = time.perf_counter() - started
    build(engine)
    return {"facts": facts, "summaries": time.perf_counter() - started - facts}


def filter_states(url: str) -> list[dict[str, str]]:
    """URL parameters for a scripted series of filter changes on the data at `url`."""
    engine = make_engine(url)
    with engine.connect() as conn:
        last_day = dataset.data_end(conn)
        units = pd.DataFrame(
            conn.execute(select(org_unit.c.code, org_unit.c.level).order_by(org_unit.c.code)).all(),
            columns=["code", "level"],
        )
    engine.dispose()
    quarter, before = complete_periods("quarter", last_day, 2)
    first = {level: units.loc[units["level"] == level, "code"] for level in units["level"]}
    states = [
        {"grain": "quarter", "period": period_key(quarter)},
        {"grain": "month", "period": period_key(complete_periods("month", last_day, 1)[0])},
        {"grain": "year", "period": period_key(complete_periods("year", last_day, 1)[0])},
        {"grain": "quarter", "period": period_key(period_containing("quarter", last_day))},
        {"grain": "quarter", "period": period_key(before)},
    ]
    for level in ("city", "district", "street"):
        if level in first and len(first[level]) > 1:
            code = first[level].iloc[len(first[level]) // 2]
            states.append({"grain": "quarter", "period": period_key(quarter), "unit": code})
    return states


def quiet_run(at: AppTest) -> None:
    """Run the app without the login library's prints: AppTest's cookies are a mock that
    holds every name, so the library decodes a mock as a token and prints why it failed."""
    with contextlib.redirect_stdout(io.StringIO()):
        at.run()


def signed_in(password: str, state: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=600)
    for key, value in state.items():
        at.query_params[key] = value
    quiet_run(at)
    at.text_input(key="login_username").input(USER)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "登录").click()
    quiet_run(at)
    if at.exception:
        raise RuntimeError(at.exception)
    return at


def open_view(at: AppTest, view: str) -> float:
    at.switch_page(f"../pages/{view}")
    started = time.perf_counter()
    quiet_run(at)
    taken = time.perf_counter() - started
    # the app turns failures into a notice; a view that failed was not measured
    failed = [*at.exception, *at.error, *(w for w in at.warning if "数据库" in w.value)]
    if failed:
        raise RuntimeError(f"{view}: {failed}")
    return taken


def measure_views(password: str, states: list[dict], raw_states: int) -> dict[str, PageTimes]:
    results = {view: PageTimes() for view in VIEWS}
    for state in states:
        for view in VIEWS:
            times, at = results[view], signed_in(password, state)
            st.cache_data.clear()
            clock = DataClock(raw=False)
            try:
                times.page.append(open_view(at, view))
                times.cold.append(clock.spent)
                clock.spent = 0.0
                quiet_run(at)
                times.warm.append(clock.spent)
            finally:
                clock.close()
    for state in states[:raw_states]:
        for view in VIEWS:
            at = signed_in(password, state)
            st.cache_data.clear()
            clock = DataClock(raw=True)
            try:
                open_view(at, view)
                results[view].raw.append(clock.spent)
                results[view].raw_states += 1
            finally:
                clock.close()
    return results


def session_memory(password: str, state: dict, extra: int) -> float:
    """MB each extra signed-in session on the overview keeps allocated, traced by
    tracemalloc (NumPy and pandas buffers included) after the first session warmed
    the shared caches; resident memory is too noisy to show a few MB."""
    sessions = [signed_in(password, state)]
    open_view(sessions[0], "overview.py")
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(extra):
            sessions.append(signed_in(password, state))
            open_view(sessions[-1], "overview.py")
        gc.collect()
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return kept / 2**20 / extra


def with_benchmark_user(url: str) -> Callable[[], None]:
    """Add the temporary admin account (random password) and return its remover."""
    engine = make_engine(url)
    password = secrets.token_urlsafe(16)
    with engine.begin() as conn:
        remove_benchmark_user(conn)
        add_user(
            conn,
            username=USER,
            display_name="基准测试",
            role="admin",
            password=password,
            unit_codes=[],
            by="benchmark",
        )

    def remove() -> None:
        with engine.begin() as conn:
            remove_benchmark_user(conn)
        engine.dispose()

    os.environ["BENCHMARK_PASSWORD"] = password
    return remove


def remove_benchmark_user(conn) -> None:
    ids = select(app_user.c.id).where(app_user.c.username == USER)
    conn.execute(delete(user_scope).where(user_scope.c.user_id.in_(ids)))
    conn.execute(delete(app_user).where(app_user.c.username == USER))
    conn.execute(delete(auth_event).where(auth_event.c.username == USER))


def ms(seconds: list[float], q: float) -> float:
    ordered = sorted(seconds)
    if q == 0.5:
        return statistics.median(ordered) * 1000
    return ordered[round(q * (len(ordered) - 1))] * 1000


def run_preset(preset: str, url: str, raw_states: int, extra_sessions: int) -> dict:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DASHBOARD_COOKIE_KEY", secrets.token_urlsafe(40))
    st.cache_resource.clear()
    st.cache_data.clear()
    built = prepare(url, preset)
    states = filter_states(url)
    remove = with_benchmark_user(url)
    password = os.environ["BENCHMARK_PASSWORD"]
    try:
        signed_in(password, states[0])  # warm the process: imports, engine, migrations
        views = measure_views(password, states, raw_states)
        memory = session_memory(password, states[0], extra_sessions)
    finally:
        remove()
    return {"built": built, "states": states, "views": views, "memory": memory}


def verdict(value: float, target: float, higher_is_better: bool = False) -> str:
    met = value >= target if higher_is_better else value < target
    return "met" if met else "**missed**"


def against_raw(times: PageTimes, *, judged: bool) -> str:
    """The raw alternative's data time and the speed-up, two table cells ("-" unmeasured)."""
    if not times.raw_states:
        return "- (0) | -"
    raw = sum(times.raw) / len(times.raw) * 1000
    same = sum(times.cold[: times.raw_states]) / times.raw_states * 1000
    speed = raw / same
    cells = f"{raw:.0f} ({times.raw_states}) | {speed:.0f}x"
    return cells + (f" {verdict(speed, SPEED_UP_TARGET, True)}" if judged else "")


def report(results: dict[str, dict], urls: dict[str, str], command: str) -> str:
    lines = [
        "# Performance at city and province scale",
        "",
        f"Produced by `{command}` on {datetime.now():%Y-%m-%d %H:%M}.",
        "",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GB, "
        f"Python {platform.python_version()}, pandas {pd.__version__}.",
        "- Data time: the time spent inside the data_access calls a view makes "
        "(server side, AppTest), summed per view and filter state. Cold: the query "
        "cache cleared first; warm: the same view run again. Page: the whole AppTest "
        "run of the view, cold (data, figures, tables and AppTest's own overhead).",
        "- Raw: the same calls with `raw=True`, counted from the fact tables without "
        "summary tables or cache (the straightforward alternative), on the first "
        "filter states; the speed-up compares cold data times on those same states.",
        "",
    ]
    for preset, result in results.items():
        data_target, page_target = TARGETS[preset]
        backend = make_url(urls[preset]).get_backend_name()
        lines += [f"## `{preset}` on {backend}", ""]
        built = result["built"]
        if built:
            total = (built["facts"] + built["summaries"]) / 60
            target = verdict(total, BUILD_MINUTES_TARGET) if preset == "province" else "—"
            lines.append(
                f"- Build: {total:.1f} min ({built['facts'] / 60:.1f} min facts, "
                f"{built['summaries'] / 60:.1f} min summaries); under "
                f"{BUILD_MINUTES_TARGET} min: {target}."
            )
        else:
            lines.append("- Build: the database was already filled; not timed in this run.")
        memory = result["memory"]
        lines.append(
            f"- Memory per extra signed-in session (overview): {memory:.1f} MB; under "
            f"{SESSION_MB_TARGET} MB: {verdict(memory, SESSION_MB_TARGET)}."
        )
        states = "; ".join(
            ", ".join(f"{k}={v}" for k, v in state.items()) for state in result["states"]
        )
        lines += [f"- Filter states ({len(result['states'])}): {states}.", ""]
        lines += [
            f"| view | data p50 cold ms | data p95 cold ms | p95 under {data_target} ms "
            f"| data p95 warm ms | page p95 ms | page under {page_target} ms "
            f"| raw data ms (states) | speed-up |",
            "|---|---:|---:|---|---:|---:|---|---:|---:|",
        ]
        missed = []
        for view, times in result["views"].items():
            cold95 = ms(times.cold, 0.95)
            page95 = ms(times.page, 0.95)
            lines.append(
                f"| {view.removesuffix('.py')} | {ms(times.cold, 0.5):.0f} | {cold95:.0f} "
                f"| {verdict(cold95, data_target)} | {ms(times.warm, 0.95):.0f} "
                f"| {page95:.0f} | {verdict(page95, page_target)} "
                f"| {against_raw(times, judged=preset == 'province')} |"
            )
            if cold95 >= data_target or page95 >= page_target:
                missed.append(f"- {view.removesuffix('.py')}: {LIMITS[view.removesuffix('.py')]}.")
        if missed:
            lines += ["", "What limits the views that miss a target:", "", *missed]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city-url")
    parser.add_argument("--province-url")
    parser.add_argument("--raw-states", type=int, default=1, help="filter states run raw")
    parser.add_argument("--extra-sessions", type=int, default=5)
    parser.add_argument("--output")
    args = parser.parse_args()
    urls = {p: u for p, u in (("city", args.city_url), ("province", args.province_url)) if u}
    results = {
        preset: run_preset(preset, url, args.raw_states, args.extra_sessions)
        for preset, url in urls.items()
    }
    command = "python -m benchmarks.performance " + " ".join(
        f"--{name.replace('_', '-')} {'URL' if name.endswith('url') else value}"
        for name, value in vars(args).items()
        if value is not None and name != "output"
    )
    text_out = report(results, urls, command)
    if args.output:
        Path(args.output).write_text(text_out + "\n", encoding="utf-8")
    print(text_out)


if __name__ == "__main__":
    main()
