"""Browser benchmark: what a person waits for, in headless Chromium (Debian's package).

    python -m benchmarks.browser --database-url URL [--rounds 3] [--output docs/BROWSER.md]

For each view, signed in as a temporary admin at 1920x1080:
- cold: the app server just restarted (nothing cached, nothing imported), the view opened;
- warm: the same view opened again in a new tab (a new session, the server's caches warm);
- filter: on that tab, the period changed to the one before.
The yardstick, measured the same way in the same run: `benchmarks/bare_page.py` (5 metrics,
4 plotly bar charts and a table, no sign-in, no database), warm.

"Fully drawn" (benchmarks/drawn.py): no script run going or due, every chart laid out,
and nothing on the page changed for 1.5 s; the time is that of the last change, from
the navigation's start (or from the click, for a filter change).
"""

import argparse
import os
import platform
import secrets
import statistics
from datetime import datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.app_server import BARE, app_server, publish
from benchmarks.drawn import (
    FILTER_VIEWS,
    VIEW_PATHS,
    launch_chromium,
    new_context,
    open_drawn,
    pick_period,
    sign_in_context,
)
from benchmarks.performance import USER, with_benchmark_user


def view_times(url: str, views: list[str], rounds: int) -> dict[str, dict[str, list[float]]]:
    """view -> {"cold": [...], "warm": [...], "filter": [...]} in seconds."""
    env = {"DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": secrets.token_urlsafe(40)}
    times: dict[str, dict[str, list[float]]] = {v: {} for v in [*views, "bare"]}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = None
        for _ in range(rounds):
            for view in views:
                with app_server(env) as (_, base):
                    if context is None:
                        context = sign_in_context(
                            browser, base, USER, os.environ["BENCHMARK_PASSWORD"]
                        )
                    cold = open_drawn(context, f"{base}/{VIEW_PATHS[view]}")
                    warm = open_drawn(context, f"{base}/{VIEW_PATHS[view]}")
                    times[view].setdefault("cold", []).append(cold.seconds)
                    times[view].setdefault("warm", []).append(warm.seconds)
                    if view in FILTER_VIEWS:
                        times[view].setdefault("filter", []).append(pick_period(warm.page))
                    cold.page.close()
                    warm.page.close()
            with app_server({}, BARE) as (_, base):
                for visit in ("cold", "warm"):
                    opened = open_drawn(new_context(browser), base)
                    times["bare"].setdefault(visit, []).append(opened.seconds)
                    opened.page.context.close()
        browser.close()
    return times


def report(times: dict[str, dict[str, list[float]]], url: str, command: str) -> str:
    bare = statistics.median(times["bare"]["warm"])
    rows = []
    for view, kinds in times.items():
        cells = []
        for kind in ("cold", "warm", "filter"):
            values = kinds.get(kind)
            cells.append(
                f"{statistics.median(values) * 1000:.0f} ({max(values) * 1000:.0f})"
                if values
                else ""
            )
        ratio = statistics.median(kinds["warm"]) / bare
        rows.append(f"| {view} | {' | '.join(cells)} | {ratio:.2f} |")
    load = os.getloadavg()[0]
    return f"""## Browser page times, {datetime.now():%Y-%m-%d %H:%M}

- Command: `{command}` (database: `{url.split("@")[-1]}`)
- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()};
  load average at the end {load:.2f}. Headless Chromium at 1920x1080.
- Median (max) ms of {len(times["bare"]["warm"])} rounds, to fully drawn. Ratio: warm against
  the bare page's warm ({bare * 1000:.0f} ms).

| view | cold ms | warm ms | filter change ms | warm / bare |
|---|---:|---:|---:|---:|
{chr(10).join(rows)}
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--views", nargs="*", default=list(VIEW_PATHS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, help="append the report to this file")
    args = parser.parse_args()
    remove = with_benchmark_user(args.database_url)
    try:
        times = view_times(args.database_url, args.views, args.rounds)
    finally:
        remove()
    command = f"python -m benchmarks.browser --rounds {args.rounds}"
    publish(report(times, args.database_url, command), args.output)


if __name__ == "__main__":
    main()
