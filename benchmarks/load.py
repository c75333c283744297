"""Load benchmark: a room full of viewers, each a signed-in headless Chromium context.

    python -m benchmarks.load --database-url URL [--viewers 10 25 50 100]
        [--workers 1 2] [--rotations 2] [--output FILE]

For each number of workers and of viewers, the app runs under `python -m dashboard.serve`
(one worker: browsers reach it directly; more: through nginx with the route cookie, as
deployed). All viewers open 总览 at once, then each goes on through the other views in its
own order (`--rotations` times through the list). Every visit is timed to fully drawn
(benchmarks/drawn.py: no run going, every chart laid out, the page unchanged for 1.5 s;
the time of the last change). Reported: p50/p95/max of the first, all-at-once visits and of
every visit, failed visits (time-outs or an error on the page), the workers' CPU seconds
per visit, and their resident memory at the end. Browsers and app share this machine's
cores, as they would not in a meeting room: the figures are an upper bound.
"""

import argparse
import asyncio
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, async_playwright

from benchmarks.app_server import REPO, cpu_seconds, free_port, resident_mb
from benchmarks.drawn import CHANGES, SETTLED, STILL_MS, TIMEOUT_MS, VIEW_PATHS
from benchmarks.performance import USER, with_benchmark_user
from dashboard.settings import COOKIE_NAME
from tests.browser.conftest import WATCH, self_signed

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
COLUMNS = (
    "workers viewers first_p50 first_p95 first_max all_p50 all_p95 all_max failed CPU_s/visit MB"
)


@dataclass
class Run:
    workers: int
    viewers: int
    first: list[float] = field(default_factory=list)  # seconds, the all-at-once visits
    visits: list[float] = field(default_factory=list)  # seconds, every visit
    failed: int = 0
    cpu_per_visit: float = 0.0
    memory_mb: float = 0.0


class Launched:
    """`python -m dashboard.serve` with its workers (and nginx, for more than one)."""

    def __init__(self, url: str, workers: int, directory: Path) -> None:
        port = free_port()
        command = [sys.executable, "-m", "dashboard.serve", "--workers", str(workers)]
        command += ["--port", str(port), "--restart-delay", "600"]
        self.base = f"http://127.0.0.1:{port}"
        if workers > 1:
            proxy = free_port()
            self_signed(directory)
            command += ["--proxy-port", str(proxy), "--certificate", str(directory / "cert.pem")]
            command += ["--key", str(directory / "key.pem")]
            self.base = f"https://127.0.0.1:{proxy}"
        env = {**os.environ, "DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": secrets.token_hex(32)}
        self.process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:  # the launcher says when all are listening
            if line.startswith(b"serving") or (workers == 1 and line.startswith(b"    ")):
                break
        self.workers = [
            pid
            for pid in self._children()
            if b"streamlit" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]

    def _children(self) -> list[int]:
        listed = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in listed.split()]

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.workers)

    def memory(self) -> float:
        return sum(resident_mb(pid) for pid in self.workers)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


async def visit(context: BrowserContext, url: str) -> float | None:
    """Seconds to fully drawn, or None if the page failed or timed out."""
    page = await context.new_page()
    try:
        await page.goto(url, timeout=TIMEOUT_MS)
        await page.wait_for_function(SETTLED, arg=STILL_MS, timeout=TIMEOUT_MS, polling=200)
        if await page.locator(ERRORS).count():
            return None
        return await page.evaluate("window.__changed") / 1000
    except Exception:  # a time-out or a crash is a failed visit, counted
        return None
    finally:
        await page.close()


async def viewer(
    browser: Browser, base: str, cookies: list, order: list[str], run: Run, start: asyncio.Event
) -> None:
    context = await browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="zh-CN", ignore_https_errors=True
    )
    await context.add_init_script(WATCH)
    await context.add_init_script(CHANGES)
    await context.add_cookies(cookies)
    await start.wait()
    for i, view in enumerate(order):
        taken = await visit(context, f"{base}/{VIEW_PATHS[view]}")
        if taken is None:
            run.failed += 1
            continue
        run.visits.append(taken)
        if i == 0:
            run.first.append(taken)
    await context.close()


async def login_cookies(browser: Browser, base: str) -> list:
    """The login cookie (and route cookie) of a browser that signed in as the admin."""
    context = await browser.new_context(ignore_https_errors=True, locale="zh-CN")
    await context.add_init_script(WATCH)
    page = await context.new_page()
    await page.goto(base)
    await page.get_by_role("textbox", name="用户名").fill(USER)
    await page.get_by_role("textbox", name="密码").fill(os.environ["BENCHMARK_PASSWORD"])
    await page.get_by_role("button", name="登录", exact=True).click()
    await page.wait_for_function(f"() => document.cookie.includes('{COOKIE_NAME}=')")
    cookies = [c for c in await context.cookies() if c["name"] != "dashboard_route"]
    await context.close()
    return cookies


async def measure(url: str, workers: int, viewers: int, rotations: int) -> Run:
    run = Run(workers, viewers)
    views = list(VIEW_PATHS)
    with tempfile.TemporaryDirectory(prefix="load-") as directory:
        served = Launched(url, workers, Path(directory))
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                cookies = await login_cookies(browser, served.base)
                await visit_once(browser, served.base, cookies)  # caches warm, as in a meeting
                start = asyncio.Event()
                orders = [
                    ["overview"] + (views[1:][i % 5 :] + views[1:][: i % 5]) * rotations
                    for i in range(viewers)
                ]
                tasks = [
                    asyncio.create_task(viewer(browser, served.base, cookies, o, run, start))
                    for o in orders
                ]
                await asyncio.sleep(1)  # every context made before they all start
                before = served.cpu()
                start.set()
                await asyncio.gather(*tasks)
                run.cpu_per_visit = (served.cpu() - before) / max(1, len(run.visits) + run.failed)
                run.memory_mb = served.memory()
                await browser.close()
        finally:
            served.stop()
    return run


async def visit_once(browser: Browser, base: str, cookies: list) -> None:
    """Every view once, so the query caches hold what the room will ask for."""
    context = await browser.new_context(ignore_https_errors=True, locale="zh-CN")
    await context.add_init_script(WATCH)
    await context.add_init_script(CHANGES)
    await context.add_cookies(cookies)
    for view in VIEW_PATHS:
        await visit(context, f"{base}/{VIEW_PATHS[view]}")
    await context.close()


def quantile(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    value = statistics.median(ordered) if q == 0.5 else ordered[round(q * (len(ordered) - 1))]
    return f"{value:.2f}"


def report(runs: list[Run], url: str, command: str) -> str:
    rows = "\n".join(
        f"| {r.workers} | {r.viewers} | {quantile(r.first, 0.5)} | {quantile(r.first, 0.95)} "
        f"| {quantile(r.first, 1)} | {quantile(r.visits, 0.5)} | {quantile(r.visits, 0.95)} "
        f"| {quantile(r.visits, 1)} | {r.failed} | {r.cpu_per_visit:.2f} | {r.memory_mb:.0f} |"
        for r in runs
    )
    return f"""## Load, {datetime.now():%Y-%m-%d %H:%M}

- Command: `{command}` (database: `{url.split("@")[-1]}`)
- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()};
  the browsers run on the same cores as the app.
- Seconds to fully drawn: "first" is 总览 opened by every viewer at once; "all" is every
  visit, the rotation through the other views included. CPU: the workers' CPU seconds per
  visit. Memory: the workers' resident memory at the end, summed.

| {" | ".join(COLUMNS.split()).replace("_", " ")} |
|{"---:|" * len(COLUMNS.split())}
{rows}
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--viewers", type=int, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rotations", type=int, default=1)
    parser.add_argument("--output", type=Path, help="append the report to this file")
    args = parser.parse_args()
    remove = with_benchmark_user(args.database_url)
    runs = []
    try:
        for workers in args.workers:
            for viewers in args.viewers:
                started = time.monotonic()
                runs.append(
                    asyncio.run(measure(args.database_url, workers, viewers, args.rotations))
                )
                print(
                    f"{workers} workers, {viewers} viewers: {time.monotonic() - started:.0f} s",
                    flush=True,
                )
    finally:
        remove()
    command = (
        f"python -m benchmarks.load --viewers {' '.join(map(str, args.viewers))} "
        f"--workers {' '.join(map(str, args.workers))} --rotations {args.rotations}"
    )
    text = report(runs, args.database_url, command)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    print(text)


if __name__ == "__main__":
    main()
