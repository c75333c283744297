"""Load benchmark: a room full of viewers opening the dashboard at once.

    python -m benchmarks.load --database-url URL [--viewers 10 25 50 100]
        [--workers 1 2] [--browsers 2] [--rotations 1] [--feed-per-minute 0] [--bare]
        [--output FILE]

For each number of workers and of viewers, the app runs under `python -m dashboard.serve`
(one worker: reached directly; more: through nginx with the route cookie, as deployed).
Every viewer signs in with the login cookie, opens 总览 with all the others at once, then
goes on through the other views in its own order. Most viewers are websocket clients
speaking Streamlit's protocol, which cost the machine next to nothing, so the app's
share of these 2 cores is what is measured: a visit is a new session whose run of the
view is timed to its end (the last message received). `--browsers` of the viewers are
headless Chromium contexts, timed to fully drawn (benchmarks/drawn.py: no run going,
every chart laid out, the page unchanged for 1.5 s; the time of the last change): what
a person in the room waits for, their own drawing included.

Reported: p50/p95/max of the all-at-once visits and of every visit, for the protocol
clients and the browsers; failed visits (time-outs, a refused connection, an error on
the page); the workers' CPU seconds per visit and their resident memory at the end.

With `--feed-per-minute N`, live events are written as `sample_data.feed` writes them
(`write_event`, summaries included, one transaction each) at N a minute while the room
watches: every event moves the data stamp, so the views recount from the summaries
under load, and each event's write time is reported too (it adds rows to the database).

With `--bare`, the same rooms of protocol clients open `benchmarks/bare_page.py` (5
metrics, 4 plotly charts and a table, no sign-in, no database) on one process: what any
Streamlit page of that size costs a visit on this machine, the floor under the views.
"""

import argparse
import asyncio
import os
import platform
import secrets
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import numpy as np
import websockets
from playwright.async_api import Browser, BrowserContext, async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Subprotocol

from benchmarks.app_server import (
    BARE,
    REPO,
    app_server,
    cpu_seconds,
    free_port,
    publish,
    resident_mb,
)
from benchmarks.drawn import CHANGES, SETTLED, STILL_MS, TIMEOUT_MS, VIEW_PATHS
from benchmarks.performance import USER, with_benchmark_user
from dashboard.settings import COOKIE_NAME
from data_access.dataset import data_end
from data_access.engine import make_engine
from sample_data.feed import read_pools, write_event
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, WATCH, self_signed

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
COLUMNS = (
    "workers viewers browsers clients_first_p50 clients_first_p95 clients_first_max "
    "clients_all_p50 clients_all_p95 browsers_first_p50 browsers_first_max browsers_all_p50 "
    "browsers_all_max failed CPU_s/visit MB events event_p50_ms event_p95_ms"
)
RERUN_ENDED = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE


@dataclass
class Times:
    first: list[float] = field(default_factory=list)  # seconds, the all-at-once visits
    visits: list[float] = field(default_factory=list)  # seconds, every visit


@dataclass
class Run:
    workers: int | str  # "bare page" for the yardstick
    viewers: int
    browsers: int
    clients: Times = field(default_factory=Times)
    drawn: Times = field(default_factory=Times)
    failed: int = 0
    cpu_per_visit: float = 0.0
    memory_mb: float = 0.0
    events: list[float] = field(default_factory=list)  # seconds to write each live event


class Feed(threading.Thread):
    """Live events written at `per_minute` until stopped; each one's wall time."""

    def __init__(self, url: str, per_minute: float, times: list[float]) -> None:
        super().__init__(daemon=True)
        self.engine, self.pause, self.times = make_engine(url), 60 / per_minute, times
        self.stopped = threading.Event()

    def run(self) -> None:
        rng = np.random.default_rng(0)
        with self.engine.connect() as conn:
            day = data_end(conn)
            pools = read_pools(conn, day)
        while not self.stopped.wait(self.pause):
            started = time.perf_counter()
            with self.engine.begin() as conn:
                write_event(conn, rng, pools, day)
            self.times.append(time.perf_counter() - started)

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        self.engine.dispose()


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
        listed = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        self.workers = [
            pid
            for pid in map(int, listed.split())
            if b"dashboard.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.workers)

    def memory(self) -> float:
        return sum(resident_mb(pid) for pid in self.workers)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


async def client_visit(
    base: str, cookie: str, view: str, paths: dict[str, str] = VIEW_PATHS
) -> float | None:
    """A new session on `view` (at `paths[view]`) over Streamlit's websocket: seconds
    until its run ended and every message of it arrived, or None if it failed."""
    page, _, query = paths[view].partition("?")
    request = BackMsg()
    request.rerun_script.query_string = query
    request.rerun_script.page_name = page
    started = time.perf_counter()
    try:
        async with asyncio.timeout(TIMEOUT_MS / 1000):
            async with websockets.connect(
                base.replace("http", "ws", 1) + "/_stcore/stream",
                subprotocols=[Subprotocol("streamlit")],
                additional_headers={"Cookie": cookie},
                ssl=UNVERIFIED if base.startswith("https") else None,
                max_size=None,
            ) as socket:
                await socket.send(request.SerializeToString())
                failed = False
                while True:
                    message = ForwardMsg.FromString(await socket.recv())
                    element = message.delta.new_element
                    failed |= element.WhichOneof("type") == "exception"
                    ended = message.WhichOneof("type") == "script_finished"
                    if ended and message.script_finished != RERUN_ENDED:
                        return None if failed else time.perf_counter() - started
    except (OSError, TimeoutError, websockets.WebSocketException):
        return None


async def browser_visit(context: BrowserContext, base: str, view: str) -> float | None:
    """Seconds to fully drawn in a new tab, or None if the page failed or timed out."""
    page = await context.new_page()
    try:
        await page.goto(f"{base}/{VIEW_PATHS[view]}", timeout=TIMEOUT_MS)
        await page.wait_for_function(SETTLED, arg=STILL_MS, timeout=TIMEOUT_MS, polling=200)
        if await page.locator(ERRORS).count():
            return None
        return await page.evaluate("window.__changed") / 1000
    except Exception:  # a time-out or a crash is a failed visit, counted
        return None
    finally:
        await page.close()


async def browser_context(browser: Browser, cookies: list) -> BrowserContext:
    context = await browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="zh-CN", ignore_https_errors=True
    )
    await context.add_init_script(WATCH)
    await context.add_init_script(CHANGES)
    await context.add_cookies(cookies)
    return context


async def viewer(
    visit: Callable[[str], Awaitable[float | None]],
    order: list[str],
    times: Times,
    run: Run,
    start: asyncio.Event,
) -> None:
    await start.wait()
    for i, view in enumerate(order):
        taken = await visit(view)
        if taken is None:
            run.failed += 1
            continue
        times.visits.append(taken)
        if i == 0:
            times.first.append(taken)


async def login_cookies(browser: Browser, base: str) -> list:
    """The login cookie of a browser that signed in as the benchmark's admin."""
    context = await browser.new_context(ignore_https_errors=True, locale="zh-CN")
    page = await context.new_page()
    await page.goto(base)
    await page.get_by_role("textbox", name="用户名").fill(USER)
    await page.get_by_role("textbox", name="密码").fill(os.environ["BENCHMARK_PASSWORD"])
    await page.get_by_role("button", name="登录", exact=True).click()
    await page.wait_for_function(f"() => document.cookie.includes('{COOKIE_NAME}=')")
    cookies = [c for c in await context.cookies() if c["name"] == COOKIE_NAME]
    await context.close()
    return cookies


def orders(viewers: int, rotations: int) -> list[list[str]]:
    """总览 first for everyone, then the other views, each viewer starting elsewhere."""
    others = list(VIEW_PATHS)[1:]
    return [
        ["overview"] + (others[i % len(others) :] + others[: i % len(others)]) * rotations
        for i in range(viewers)
    ]


@asynccontextmanager
async def app_and_browser(url: str, workers: int) -> AsyncIterator[tuple[Launched, Browser, list]]:
    """The app under `dashboard.serve` with `workers` processes, a headless Chromium, and
    the login cookie of the benchmark's admin signed in there."""
    with tempfile.TemporaryDirectory(prefix="load-") as directory:
        served = Launched(url, workers, Path(directory))
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                try:
                    yield served, browser, await login_cookies(browser, served.base)
                finally:
                    await browser.close()
        finally:
            served.stop()


async def measure(
    url: str, workers: int, viewers: int, browsers: int, rotations: int, feed_per_minute: float
) -> Run:
    run = Run(workers, viewers, min(browsers, viewers))
    async with app_and_browser(url, workers) as (served, browser, cookies):
        header = f"{COOKIE_NAME}={cookies[0]['value']}"
        for view in VIEW_PATHS:  # the caches hold what the room will ask for
            await client_visit(served.base, header, view)
        contexts = [await browser_context(browser, cookies) for _ in range(run.browsers)]
        start, tasks = asyncio.Event(), []
        for i, order in enumerate(orders(viewers, rotations)):
            if i < run.browsers:
                visit = partial(browser_visit, contexts[i], served.base)
                times = run.drawn
            else:
                visit = partial(client_visit, served.base, header)
                times = run.clients
            tasks.append(asyncio.create_task(viewer(visit, order, times, run, start)))
        feed = Feed(url, feed_per_minute, run.events) if feed_per_minute else None
        before = served.cpu()
        if feed:
            feed.start()
        start.set()
        try:
            await asyncio.gather(*tasks)
        finally:
            if feed:
                feed.stop()
        visits = viewers * len(orders(1, rotations)[0])
        run.cpu_per_visit = (served.cpu() - before) / visits
        run.memory_mb = served.memory()
    return run


async def measure_bare(viewers: int) -> Run:
    """`viewers` protocol clients opening the bare page at once, on one process."""
    run = Run("bare page", viewers, 0)
    with app_server({}, BARE) as (process, base):
        visit = partial(client_visit, base, "", paths={"bare": ""})
        await visit("bare")
        start = asyncio.Event()
        tasks = [
            asyncio.create_task(viewer(visit, ["bare"], run.clients, run, start))
            for _ in range(viewers)
        ]
        before = cpu_seconds(process.pid)
        start.set()
        await asyncio.gather(*tasks)
        run.cpu_per_visit = (cpu_seconds(process.pid) - before) / viewers
        run.memory_mb = resident_mb(process.pid)
    return run


def quantile(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    value = statistics.median(ordered) if q == 0.5 else ordered[round(q * (len(ordered) - 1))]
    return f"{value:.2f}"


def row(r: Run) -> str:
    cells: list[object] = [r.workers, r.viewers, r.browsers]
    cells += [quantile(r.clients.first, q) for q in (0.5, 0.95, 1)]
    cells += [quantile(r.clients.visits, q) for q in (0.5, 0.95)]
    cells += [quantile(r.drawn.first, q) for q in (0.5, 1)]
    cells += [quantile(r.drawn.visits, q) for q in (0.5, 1)]
    cells += [r.failed, f"{r.cpu_per_visit:.2f}", f"{r.memory_mb:.0f}", len(r.events)]
    cells += [quantile([s * 1000 for s in r.events], q) for q in (0.5, 0.95)]
    return "| " + " | ".join(map(str, cells)) + " |"


def report(runs: list[Run], url: str, command: str) -> str:
    names = [name.replace("_", " ") for name in COLUMNS.split()]
    return f"""## Load, {datetime.now():%Y-%m-%d %H:%M}

- Command: `{command}` (database: `{url.split("@")[-1]}`)
- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()};
  the browsers and the protocol clients run on the same cores as the app.
- Seconds. clients: protocol clients, to the end of the view's run (all its messages
  received); browsers: Chromium contexts, to fully drawn. "first": 总览 opened by every
  viewer at once; "all": every visit, the rotation through the other views included.
  CPU: the workers' CPU seconds per visit. MB: the workers' resident memory at the end.
  events: live events written while the room watched, and their write times in ms.

| {" | ".join(names)} |
|{"---:|" * len(names)}
{chr(10).join(row(r) for r in runs)}
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--viewers", type=int, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--browsers", type=int, default=2)
    parser.add_argument("--rotations", type=int, default=1)
    parser.add_argument(
        "--feed-per-minute", type=float, default=0, help="live events a minute while watched"
    )
    parser.add_argument("--bare", action="store_true", help="the same rooms on the bare page")
    parser.add_argument("--output", type=Path, help="append the report to this file")
    args = parser.parse_args()
    remove = with_benchmark_user(args.database_url)
    runs = []
    try:
        for workers in args.workers:
            for viewers in args.viewers:
                started = time.monotonic()
                run = measure(
                    args.database_url,
                    workers,
                    viewers,
                    args.browsers,
                    args.rotations,
                    args.feed_per_minute,
                )
                runs.append(asyncio.run(run))
                print(row(runs[-1]), f"{time.monotonic() - started:.0f} s", flush=True)
        for viewers in args.viewers if args.bare else []:
            runs.append(asyncio.run(measure_bare(viewers)))
            print(row(runs[-1]), flush=True)
    finally:
        remove()
    viewers, workers = " ".join(map(str, args.viewers)), " ".join(map(str, args.workers))
    command = (
        f"python -m benchmarks.load --viewers {viewers} --workers {workers} "
        f"--browsers {args.browsers} --rotations {args.rotations} "
        f"--feed-per-minute {args.feed_per_minute:g}" + (" --bare" if args.bare else "")
    )
    publish(report(runs, args.database_url, command), args.output)


if __name__ == "__main__":
    main()
