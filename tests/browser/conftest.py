"""A real app server and headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.settings import COOKIE_NAME
from data_access.engine import make_engine
from sample_data.populate import populate
from sample_data.presets import Preset
from tests import accounts
from tests.conftest import unavailable

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = REPO / "docs" / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# What the app does, seen from inside the page; new_context adds it to every document.
# The stApp attribute data-test-script-state alone cannot tell when a run has ended:
# the frontend may draw a whole run in one render and never show "running", and a run
# cut short for a rerun shows "notRunning" before the run that replaces it starts.
# So this counts the server's messages instead: each run starts with a new_session
# (ForwardMsg field 4) and ends with a script_finished (field 6), whose status 2,
# FINISHED_EARLY_FOR_RERUN, means another run follows. React commits are counted too
# (through the hook React offers its developer tools), so that "ended" also means
# "drawn". A component's value makes the app run again, so the page is not ready until
# a run that started after the last value has ended. (The cookie manager sends one
# when it is first drawn, with the cookies it found.)
WATCH = """(() => {
  if (window !== window.top || window.__app) return;
  const app = window.__app = {
    starts: 0, ended: 0, commitsAtEnd: 0, commits: 0, values: 0, startsAtValue: -1,
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject: () => 1, checkDCE() {},
    onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot() { app.commits += 1; },
  };
  const fields = (bytes) => {  // the top-level fields of a protobuf message
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do {
        byte = bytes[i++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    };
    const found = [];
    while (i < bytes.length) {
      const tag = varint(), wire = tag % 8;
      if (wire === 0) found.push([Math.floor(tag / 8), varint()]);
      else if (wire === 2) {
        const length = varint();  // not `i += varint()`: that adds to i as it was before
        found.push([Math.floor(tag / 8), null]);
        i += length;
      }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return found;
  };
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        for (const [field, value] of fields(new Uint8Array(event.data))) {
          if (field === 4) app.starts += 1;
          if (field === 6 && value !== 2) {
            app.ended = app.starts;
            app.commitsAtEnd = app.commits;
          }
        }
      });
    }
  };
  window.addEventListener('message', (event) => {
    if (event.data?.type !== 'streamlit:setComponentValue') return;
    app.values += 1;
    app.startsAtValue = app.starts;
  });
})();"""
# The login cookie's component, drawn only while signing in or out (dashboard/auth.py).
COOKIE_FRAME = 'iframe[title$="cookie_manager"]'
# A run has ended and been drawn, no run is going, every component value has had its
# run, and a cookie component on the page has sent its first value (and had its run).
IDLE = f"""() => {{
  const app = window.__app;
  if (!app) throw new Error('this page was not opened in a context from new_context()');
  return app.ended > 0 && app.ended > app.startsAtValue && app.commits > app.commitsAtEnd &&
    document.querySelector('{READY}') !== null &&
    (app.values > 0 || document.querySelector('{COOKIE_FRAME}') === null);
}}"""
SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}
SCREENSHOT_PRESET = Preset(
    "screenshots",
    cities=1,
    districts=6,
    streets=18,
    communities=90,
    grids=400,
    members=8000,
    months=15,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str):
    """Start the app on `url`; yield its base URL; stop it afterwards."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": os.urandom(32).hex()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard/app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"app server did not start: {output[-2000:]}")
        time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=10)


def _database(sqlite_template, path: Path, fill) -> tuple[str, object]:
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    fill(engine)
    return url, engine


@pytest.fixture
def city_database(summarised_sqlite_template, tmp_path):
    """The small city (SQLite, summaries built), with the test accounts: (URL, engine)."""

    def fill(engine):
        with engine.begin() as conn:
            accounts.add_accounts(conn)

    url, engine = _database(summarised_sqlite_template, tmp_path / "browser.sqlite3", fill)
    yield url, engine
    engine.dispose()


@pytest.fixture
def server(city_database):
    """The app on the small city, with the test accounts. Yields (base URL, engine)."""
    url, engine = city_database
    yield from ((base, engine) for base in _serve(url))


def wait_listening(port: int, process: subprocess.Popen, log: Path) -> None:
    """Until something listens on 127.0.0.1:`port`; fails with `log`, where `process`
    writes, if it ends first."""
    deadline = time.monotonic() + 180
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{process.args!r} did not start: {log.read_text()[-3000:]}")
        time.sleep(0.1)


def self_signed(directory: Path) -> None:
    """A certificate for 127.0.0.1 and its key: `directory`/cert.pem and key.pem."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=127.0.0.1", "-keyout", str(directory / "key.pem")]
        + ["-out", str(directory / "cert.pem")],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def sample_server(sqlite_template, tmp_path_factory):
    """The app on a small generated preset (six districts), signed in as the admin `root`."""

    def fill(engine):
        populate(engine, SCREENSHOT_PRESET)
        with engine.begin() as conn:
            accounts.add_accounts(conn, only=("root",))

    path = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    url, engine = _database(sqlite_template, path, fill)
    yield from _serve(url)
    engine.dispose()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        unavailable("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(chromium, **options):
    """A fresh browser profile at 1920x1080; waits allow for a loaded 2-core machine."""
    context = chromium.new_context(
        viewport={"width": 1920, "height": 1080}, locale="zh-CN", **options
    )
    context.set_default_timeout(60_000)
    context.add_init_script(WATCH)
    return context


@pytest.fixture
def browser_context(chromium):
    context = new_context(chromium)
    yield context
    context.close()


def wait_ready(page) -> None:
    """Until the app is idle: no run going or due, and the last one drawn."""
    page.wait_for_function(IDLE, timeout=60_000)


def run_after(page, action) -> None:
    """Do `action` (a click, a key press), then wait until the run of the app it causes
    has ended and been drawn. The app must be idle first, so that the run that ends is
    one that started after the action."""
    wait_ready(page)
    before = page.evaluate("() => window.__app.starts")
    action()
    page.wait_for_function(f"n => window.__app.ended > n && ({IDLE})()", arg=before)


def load(page, url: str | None = None) -> None:
    """Open `url` (or reload the page) and wait until it has settled: its first run, and
    the run for the value the cookie manager sends if it is drawn."""
    if url is None:
        page.reload()
    else:
        page.goto(url)
    wait_ready(page)


def open_app(context, base: str):
    """A new tab on the app, once it has settled."""
    page = context.new_page()
    load(page, base)
    return page


def sign_in(page, username: str, password: str | None = None) -> None:
    page.get_by_role("textbox", name="用户名").fill(username)
    page.get_by_role("textbox", name="密码").fill(password or accounts.password(username))
    run_after(page, page.get_by_role("button", name="登录", exact=True).click)


def login_cookie(context):
    return next((c for c in context.cookies() if c["name"] == COOKIE_NAME), None)


# Resolves once a message this page posts to itself arrives: after every message other
# frames posted to it before (same event loop, same task source, in order).
FLUSH = """() => new Promise((resolve) => {
  const mark = 'tests:flush:' + Math.random();
  window.addEventListener('message', function arrived(event) {
    if (event.data !== mark) return;
    window.removeEventListener('message', arrived);
    resolve();
  });
  window.postMessage(mark, '*');
})"""


def wait_for_cookie(page, *, present: bool = True) -> None:
    """After signing in (or out), the login cookie is set (or deleted) by a component in
    the page, which then (unless its frame already sent the same value) posts a value and
    so makes the app run once more. Wait for the cookie, for that value, if it is coming,
    and for its run: before a navigation that would otherwise be lost to that run or
    arrive unsigned."""
    page.wait_for_function(
        "([name, present]) => document.cookie.split('; ')"
        ".some((cookie) => cookie.startsWith(name + '=')) === present",
        arg=[COOKIE_NAME, present],
    )
    # the component posts its value in the same task as it writes the cookie
    page.evaluate(FLUSH)
    wait_ready(page)


# Every element whose code loads lazily (plotly charts among them) has loaded: until then
# Streamlit shows a skeleton in its place. And every plotly chart has been laid out at the
# width of its container.
CHARTS_FIT = """() => document.querySelector('[data-testid="stSkeleton"]') === null &&
  [...document.querySelectorAll('.js-plotly-plot')].every(plot => {
    const svg = plot.querySelector('svg.main-svg');
    return svg && Math.abs(svg.getBoundingClientRect().width - plot.clientWidth) < 2;
  })"""


# The sidebar has finished sliding in or out: a page resized to a phone's width collapses it
# with a transition, and a page without charts is otherwise drawn before it ends.
SIDEBAR_STILL = """() => [...document.querySelectorAll('[data-testid="stSidebar"]')]
  .every(e => e.getAnimations({ subtree: true }).length === 0)"""


def wait_drawn(page) -> None:
    """Until the app is idle, its charts fit their containers and the sidebar is still
    (after a resize too)."""
    wait_ready(page)
    page.wait_for_function(CHARTS_FIT)
    page.wait_for_function(SIDEBAR_STILL)


def screenshot(page, name: str) -> None:
    """Save the page at both standard sizes into docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        wait_drawn(page)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png")
    page.set_viewport_size({"width": 1920, "height": 1080})
