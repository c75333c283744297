"""Soak run: 观摩模式 left running unattended, with the live feeder writing, while the
app server's memory is sampled.

    python -m benchmarks.soak [--minutes 30] [--output docs/SOAK.md]

Builds the demo preset into a fresh SQLite file, adds a `viewer` account, starts the
app server, opens presentation mode as the viewer in headless Chromium (Debian's
package) with short slides and a 10-second data refresh, and runs
`python -m sample_data.feed` alongside. Every 30 seconds it reads the server's
resident memory (/proc) and checks that a slide is on screen with no error. Prints a
Markdown report, or writes it to --output.
"""

import argparse
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.app_server import REPO, app_server, resident_mb
from dashboard.settings import COOKIE_NAME
from data_access.dataset import root_unit_ids
from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from data_access.schema import org_unit
from data_access.users import add_user
from sample_data.populate import populate
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

PLAY = "overview:5,coverage:5,reporting:5,meetings:5,tour:3"
SAMPLE_SECONDS = 30
WARM_UP_MINUTES = 2  # caches, fonts and the first pages settle before the baseline
LIMIT_MB = 50


def prepare(url: str, password: str) -> None:
    engine = make_engine(url)
    upgrade_to_head(engine)
    populate(engine, "demo")
    with engine.begin() as conn:
        roots = root_unit_ids(conn)
        codes = [
            conn.execute(org_unit.select().where(org_unit.c.id == i)).one().code for i in roots
        ]
        add_user(
            conn,
            username="viewer",
            display_name="观摩大屏",
            role="viewer",
            password=password,
            unit_codes=codes,
            by="soak",
        )
    engine.dispose()


Sample = tuple[float, float, str, bool]  # minutes elapsed, server MB, slide title, an error


def watch(pid: int, base: str, password: str, minutes: float) -> list[Sample]:
    """Presentation mode as the viewer; (minutes elapsed, server MB, slide title, an
    error on screen) every 30 s."""
    samples = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.set_default_timeout(60_000)
        page.goto(base)
        page.wait_for_selector('[data-test-script-state="notRunning"]')
        page.get_by_role("textbox", name="用户名").fill("viewer")
        page.get_by_role("textbox", name="密码").fill(password)
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')")
        page.goto(f"{base}/?present=1&refresh=10&play={PLAY}")
        page.locator(".slide").wait_for()
        started = time.monotonic()
        while True:  # the last sample is taken at or after the full length
            elapsed = time.monotonic() - started
            title = page.locator(".slide .title").inner_text()
            error = page.locator('[data-testid="stException"], .stAlert').count() > 0
            samples.append((elapsed / 60, resident_mb(pid), title, error))
            if elapsed >= minutes * 60:
                break
            time.sleep(SAMPLE_SECONDS)
        browser.close()
    return samples


def soak(minutes: float) -> list[Sample]:
    """`watch` on the demo preset, with the feeder writing."""
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    url, password = f"sqlite:///{work / 'soak.sqlite3'}", secrets.token_urlsafe(12)
    prepare(url, password)
    env = {"DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": secrets.token_hex(32)}
    samples = []
    try:
        with app_server(env) as (server, base):
            feeder = subprocess.Popen(
                [sys.executable, "-m", "sample_data.feed", "--per-minute", "30"]
                + ["--minutes", str(minutes), "--database-url", url],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
            )
            try:
                samples = watch(server.pid, base, password, minutes)
            finally:
                feeder.kill()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return samples


def report(samples, minutes: float) -> str:
    baseline = next(mb for m, mb, _, _ in samples if m >= WARM_UP_MINUTES)
    growth = samples[-1][1] - baseline
    peak = max(mb for _, mb, _, _ in samples)
    errors = sum(error for *_, error in samples)
    verdict = "within" if growth <= LIMIT_MB else "OVER"
    rows = "\n".join(
        f"| {m:5.1f} | {mb:7.1f} | {title} | {'yes' if error else 'no'} |"
        for m, mb, title, error in samples
        if round(m * 2) % 10 == 0 or (m, mb, title, error) == samples[-1]
    )
    return f"""# Soak run: presentation mode with the live feeder

- Command: `python -m benchmarks.soak --minutes {minutes:g} --output docs/SOAK.md`
- Date: {datetime.now():%Y-%m-%d %H:%M}; machine: {platform.platform()}, {os.cpu_count()} CPUs,
  Python {platform.python_version()}.
- Set-up: demo preset on SQLite; the `viewer` account in 观摩模式 at 1920x1080 with
  `play={PLAY}` and `refresh=10` (data re-read every 10 s); the feeder writing 30 events a
  minute throughout. Server memory is the resident set of the Streamlit process.

| | MB |
|---|---|
| server after {WARM_UP_MINUTES} min warm-up | {baseline:.1f} |
| server at the end ({samples[-1][0]:.1f} min) | {samples[-1][1]:.1f} |
| growth after warm-up | **{growth:+.1f}** ({verdict} the {LIMIT_MB} MB limit) |
| peak | {peak:.1f} |

Samples with an error on screen: {errors} of {len(samples)}.

Every fifth sample (minutes, server MB, slide on screen, error shown):

| min | MB | slide | error |
|---:|---:|---|---|
{rows}
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    text = report(soak(args.minutes), args.minutes)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
