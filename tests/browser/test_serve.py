"""`python -m dashboard.serve` with two workers behind nginx, on one database: new browsers
are spread over both workers by the route cookie, each browser keeps to its worker, and
when the worker of a signed-in browser dies, the next page load is served by the other
one, signed in from the login cookie."""

import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.proxy import NGINX
from tests.browser.conftest import (
    REPO,
    _free_port,
    load,
    login_cookie,
    new_context,
    self_signed,
    sign_in,
    wait_for_cookie,
    wait_listening,
)
from tests.conftest import unavailable

ROUTE = "dashboard_route"
# a line of the launcher's access log: the request, its route and the workers nginx tried
LOGGED = re.compile(
    r'"(?P<request>[^"]*)" \d+ route=(?P<route>\S+) upstream=(?:\S+, )*[\d.]+:(?P<port>\d+)$',
    re.MULTILINE,
)
Requests = list[tuple[str, int]]


@dataclass
class Launched:
    base: str
    ports: tuple[int, int]
    log: Path  # the launcher's output
    access: Path  # nginx's access log


def _two_free_ports() -> int:
    """A free port whose next one is free too."""
    while True:
        port = _free_port()
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 1))
            except (OSError, OverflowError):
                continue
        return port


@pytest.fixture
def launched(city_database, tmp_path):
    """The launcher with two workers and nginx on the small city. The long restart delay
    keeps a killed worker dead, so that what is seen is the other one taking over."""
    if not shutil.which(NGINX):
        unavailable("nginx not installed (apt-get install nginx)")
    url, _ = city_database
    self_signed(tmp_path)
    first, proxy = _two_free_ports(), _free_port()
    launched = Launched(
        f"https://127.0.0.1:{proxy}",
        (first, first + 1),
        tmp_path / "serve.log",
        tmp_path / "access.log",
    )
    command = [sys.executable, "-m", "dashboard.serve", "--workers", "2", "--port", str(first)]
    command += ["--proxy-port", str(proxy), "--restart-delay", "600"]
    command += ["--certificate", str(tmp_path / "cert.pem"), "--key", str(tmp_path / "key.pem")]
    command += ["--access-log", str(launched.access)]
    env = {**os.environ, "DATABASE_URL": url, "DASHBOARD_COOKIE_KEY": os.urandom(32).hex()}
    # appended to, so that the launcher, its workers and nginx all write at the end
    with launched.log.open("ab") as output:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=output)
    try:
        wait_listening(proxy, process, launched.log)
        yield launched
    finally:
        process.terminate()
        process.wait(timeout=60)


def _requests(access: Path, route: str, after: int = 0) -> Requests:
    """(request, port of the worker that answered it) for each request of `route` in the
    access log after byte `after`. nginx logs a request once it has ended."""
    text = access.read_bytes()[after:].decode()
    return [(m["request"], int(m["port"])) for m in LOGGED.finditer(text) if m["route"] == route]


def _wait_logged(access: Path, route: str, enough: Callable[[Requests], bool], after: int = 0):
    deadline = time.monotonic() + 30
    while not enough(requests := _requests(access, route, after)):
        if time.monotonic() > deadline:
            pytest.fail(f"the access log never showed it for route {route}: {requests}")
        time.sleep(0.1)
    return requests


def _wait_launcher_says(log: Path, line: str) -> None:
    deadline = time.monotonic() + 30
    while line not in log.read_text():
        if time.monotonic() > deadline:
            pytest.fail(f"the launcher never said {line!r}: {log.read_text()[-3000:]}")
        time.sleep(0.1)


def _get(url: str, route: str | None = None):
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    headers = {"Cookie": f"{ROUTE}={route}"} if route else {}
    request = urllib.request.Request(url, headers=headers)
    return urllib.request.urlopen(request, context=unverified, timeout=30)


def _route_given(response) -> str | None:
    """The route cookie a response sets, with its attributes; None if it sets none."""
    given = response.headers.get_all("Set-Cookie") or []
    return next((cookie for cookie in given if cookie.startswith(f"{ROUTE}=")), None)


def test_new_browsers_are_spread_over_the_workers_and_each_keeps_to_its_own(launched):
    health = f"{launched.base}/_stcore/health"
    given = _route_given(_get(health))
    cookie = re.fullmatch(rf"{ROUTE}=(\w{{32}}); Path=/; Secure; HttpOnly; SameSite=Lax", given)
    assert cookie, given
    route = cookie[1]
    for _ in range(3):
        assert _route_given(_get(health, route)) is None  # it has one
    requests = _wait_logged(launched.access, route, lambda found: len(found) == 4)
    assert len({port for _, port in requests}) == 1
    # Without a cookie, each gets a new route: twenty all on one worker would be a
    # chance of one in half a million, if the route chose nothing.
    routes = [_route_given(_get(health)).split(";")[0].split("=")[1] for _ in range(20)]
    spread = {port for new in routes for _, port in _wait_logged(launched.access, new, bool)}
    assert spread == set(launched.ports)


def test_when_the_worker_of_a_signed_in_browser_dies_the_next_load_is_served_by_the_other(
    launched, chromium
):
    context = new_context(chromium, ignore_https_errors=True)
    page = context.new_page()
    load(page, launched.base)
    sign_in(page, "lead")
    wait_for_cookie(page)
    page.get_by_role("heading", name="总览").wait_for()
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "60.0%"
    route = next(c for c in context.cookies() if c["name"] == ROUTE)
    served = {port for _, port in _wait_logged(launched.access, route["value"], bool)}
    assert len(served) == 1, served  # every request of this browser, the first one too
    (dead,), (other,) = served, set(launched.ports) - served

    before = launched.access.stat().st_size
    pid = re.findall(rf"worker 127\.0\.0\.1:{dead}: pid (\d+)", launched.log.read_text())[-1]
    os.kill(int(pid), signal.SIGKILL)
    # the page's websocket has ended (nginx logs it then), and the launcher saw the death
    _wait_logged(
        launched.access,
        route["value"],
        lambda found: any("/_stcore/stream" in request for request, _ in found),
        after=before,
    )
    _wait_launcher_says(launched.log, f"worker 127.0.0.1:{dead} exited (-9); restart in 600 s")

    after = launched.access.stat().st_size
    load(page)
    page.get_by_role("heading", name="总览").wait_for()
    assert page.get_by_role("textbox", name="用户名").count() == 0  # signed in from the cookie
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "60.0%"
    assert login_cookie(context) is not None
    requests = _wait_logged(launched.access, route["value"], bool, after=after)
    assert {port for _, port in requests} == {other}, requests
    context.close()
