"""Where a view's server time goes: py-spy samples the real app server while headless
Chromium opens the view again and again (warm: its queries cached), signed in as a
temporary admin.

    python -m benchmarks.profile_views --database-url URL [--visits 5] [--top 15]

For each view it prints the server's CPU seconds per visit and the functions holding
the most samples (inclusive: a function's own time and its callees'), so a per-run cost
that grows with the data shows by name. Needs py-spy (requirements-dev.txt); run as root
or with ptrace allowed.
"""

import argparse
import collections
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.app_server import app_server, cpu_seconds
from benchmarks.drawn import VIEW_PATHS, launch_chromium, open_drawn, sign_in_context
from benchmarks.performance import USER, with_benchmark_user

RATE = 200  # samples a second
# stacks that wait rather than work (py-spy counts a thread sleeping in Python as busy)
WAITING = ("polling_path_watcher.py", "EpollSelector.select")
# frames that only wrap the work: the server's loop, threads, the script runner's calls
WRAPPERS = (
    "threading.py",
    "asyncio/",
    "click/",
    "runpy",
    "streamlit/web/",
    "streamlit/__main__",
    "concurrent/futures",
    "exec_code.py",
    "app.py:114",
    "fragment.py",
    "code_to_exec",
    "_run_script_thread",
    "ScriptRunner._run_script (",
    "dashboard/worker.py",
)


def inclusive(collapsed: str) -> tuple[int, collections.Counter[str]]:
    """(samples, frame -> samples with it on the stack) from py-spy's raw output."""
    total, counts = 0, collections.Counter[str]()
    for line in collapsed.splitlines():
        stack, _, n = line.rpartition(" ")
        frames = set(stack.split(";")[1:])  # the first is the thread
        if any(wait in stack for wait in WAITING):
            continue
        total += int(n)
        counts.update({frame: int(n) for frame in frames})
    return total, counts


def profile(
    url: str, views: list[str], visits: int
) -> dict[str, tuple[float, int, collections.Counter]]:
    env = {"DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": secrets.token_urlsafe(40)}
    found = {}
    with app_server(env) as (server, base), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = sign_in_context(browser, base, USER, os.environ["BENCHMARK_PASSWORD"])
        for view in views:
            open_drawn(context, f"{base}/{VIEW_PATHS[view]}").page.close()  # fill the caches
            raw = Path(tempfile.mkstemp(suffix=".txt")[1])
            spy = subprocess.Popen(
                [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(server.pid)]
                + ["--rate", str(RATE), "--format", "raw", "--output", str(raw), "--nonblocking"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            before = cpu_seconds(server.pid)
            for _ in range(visits):
                open_drawn(context, f"{base}/{VIEW_PATHS[view]}").page.close()
            spent = (cpu_seconds(server.pid) - before) / visits
            spy.send_signal(2)
            spy.wait(timeout=60)
            total, counts = inclusive(raw.read_text())
            raw.unlink()
            found[view] = (spent, total, counts)
        browser.close()
    return found


def report(found: dict, top: int, visits: int) -> str:
    lines = []
    for view, (spent, total, counts) in found.items():
        busy = [(f, n) for f, n in counts.most_common() if not any(w in f for w in WRAPPERS)]
        lines.append(
            f"\n### {view}: {spent * 1000:.0f} ms of server CPU per warm visit ({visits} visits)\n"
        )
        lines.append("| share of samples | function (file:line) |\n|---:|---|")
        lines += [f"| {n / total:.0%} | `{frame}` |" for frame, n in busy[:top]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_views", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--views", nargs="*", default=list(VIEW_PATHS))
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    remove = with_benchmark_user(args.database_url)
    try:
        print(report(profile(args.database_url, args.views, args.visits), args.top, args.visits))
    finally:
        remove()


if __name__ == "__main__":
    main()
