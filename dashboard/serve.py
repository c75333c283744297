"""Serve the dashboard from several Streamlit processes, optionally behind nginx.

A process runs Python on one core at a time: N workers, on consecutive ports from --port,
use N cores. They share one database (DATABASE_URL), where sign-in sessions, scenarios
and summaries live. With --proxy-port, nginx runs in front of them with
deploy/nginx-dashboard.conf. A worker that dies is restarted; SIGTERM or SIGINT stops all.
"""

import argparse
import hashlib
import hmac
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.proxy import NGINX, nginx_command, render_site, upstream_lines
from dashboard.settings import SettingsError, cookie_key
from data_access.settings import REPO_ROOT

# dashboard.worker is `streamlit run` with the views' libraries imported before it serves
STREAMLIT = [sys.executable, "-m", "dashboard.worker", "dashboard/app.py", "--server.headless=true"]


def cookie_secret() -> str:
    """Streamlit's server.cookieSecret, which signs its own cookies and so must be the same
    in every process of a deployment: STREAMLIT_SERVER_COOKIE_SECRET, else derived from the
    login cookie key, which they share already, so there is no other secret to hand out."""
    given = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
    if given:
        return given
    label = b"dashboard: streamlit server.cookieSecret"
    return hmac.new(cookie_key().encode(), label, hashlib.sha256).hexdigest()


@dataclass
class Child:
    """A process that listens on host:port, kept running; started when made."""

    name: str
    command: list[str]
    env: dict[str, str]
    host: str
    port: int
    process: subprocess.Popen[bytes] = field(init=False)
    died_at: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, cwd=REPO_ROOT, env=self.env)
        self.died_at = None
        print(f"{self.name}: pid {self.process.pid}", flush=True)

    def wait_listening(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while not _listening(self.host, self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{self.name} did not start (its output is above)")
            time.sleep(0.2)


def _listening(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def supervise(children: list[Child], delay: float) -> None:
    """Restart each child that exits, `delay` seconds after it did. Never returns."""
    while True:
        for child in children:
            code = child.process.poll()
            if code is None:
                continue
            if child.died_at is None:
                child.died_at = time.monotonic()
                print(f"{child.name} exited ({code}); restart in {delay:g} s", file=sys.stderr)
            elif time.monotonic() - child.died_at >= delay:
                child.start()
        time.sleep(0.5)


def stop(children: list[Child]) -> None:
    for child in children:
        child.process.terminate()
    for child in children:
        try:
            child.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()


def prepare_database() -> None:
    """Migrate (and on the embedded default, fill) the database once, before the workers:
    left to their first requests, two of them could migrate or fill it at the same time."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            pool.submit(_prepare).result()
        except Exception as why:
            raise SystemExit(f"cannot prepare the database: {why}") from None


def _prepare() -> None:
    # imported in a child process only: the launcher holds no pandas and no data
    from dashboard.database import prepare
    from data_access.engine import make_engine

    prepare(make_engine(), seed_if_empty=not os.environ.get("DATABASE_URL"))


def start_workers(address: str, ports: range, env: dict[str, str]) -> list[Child]:
    """One Streamlit process on each port, once all of them are free."""
    taken = [str(port) for port in ports if _listening(address, port)]
    if taken:
        raise SystemExit(f"in use already: port {', '.join(taken)}")
    children = []
    for port in ports:
        command = [*STREAMLIT, f"--server.address={address}", f"--server.port={port}"]
        children.append(Child(f"worker {address}:{port}", command, env, address, port))
    return children


def _stop(_signal: int, _frame: object) -> None:
    raise SystemExit(0)


def _absolute(path: str) -> Path:
    return Path(path).resolve()  # nginx would read a relative path from its own directory


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.serve",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--workers", type=int, default=os.cpu_count() or 1, help="default: one per core")
    add("--port", type=int, default=8501, help="the first worker's (default 8501)")
    add("--address", default="127.0.0.1", help="where workers listen and nginx reaches them")
    add("--restart-delay", type=float, default=5, metavar="SECONDS", help="default 5")
    add("--proxy-port", type=int, metavar="PORT", help="run nginx too, HTTPS on this port")
    add("--certificate", type=_absolute, metavar="PEM", help="nginx's certificate")
    add("--key", type=_absolute, metavar="PEM", help="nginx's certificate key")
    add("--access-log", type=_absolute, metavar="FILE", help="nginx logs each request here")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.proxy_port and not (args.certificate and args.key):
        parser.error("--proxy-port needs --certificate and --key")
    if args.proxy_port and not shutil.which(NGINX):
        parser.error("nginx is not installed (apt-get install nginx)")
    return args


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, _stop)
    try:
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret()}
    except SettingsError as why:
        raise SystemExit(str(why)) from None
    prepare_database()
    ports = range(args.port, args.port + args.workers)
    addresses = [f"{args.address}:{port}" for port in ports]
    children: list[Child] = []
    with tempfile.TemporaryDirectory(prefix="dashboard-nginx-") as directory:
        try:
            children += start_workers(args.address, ports, env)
            for child in children:
                child.wait_listening()
            lines = upstream_lines(addresses)
            print("upstream servers for nginx:", *lines, sep="\n    ", flush=True)
            if args.proxy_port:
                site = render_site(addresses, str(args.proxy_port), args.certificate, args.key)
                command = nginx_command(Path(directory), site, args.access_log)
                children.append(Child("nginx", command, env, "127.0.0.1", args.proxy_port))
                children[-1].wait_listening()
                print(f"serving https://localhost:{args.proxy_port}", flush=True)
            supervise(children, args.restart_delay)
        finally:
            for number in (signal.SIGTERM, signal.SIGINT):
                signal.signal(number, signal.SIG_IGN)  # stopping is not to be cut short
            stop(children)


if __name__ == "__main__":
    main()
