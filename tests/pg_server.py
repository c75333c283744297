"""A throwaway PostgreSQL server for the tests, from Debian's postgresql package.

initdb and pg_ctl live in the package's versioned bin directory and refuse
to run as root, so as root they run as the `postgres` user.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class NoPostgres(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass
class Server:
    url: str
    directory: str
    port: int

    def stop(self) -> None:
        stop(self.directory)

    def pause(self) -> None:
        """Shut the server down, keeping its data, as an outage would."""
        subprocess.run([*_pg_ctl(self.directory), "stop", "-m", "fast"], capture_output=True)

    def resume(self) -> None:
        _launch(self.directory, self.port)


def _pg_ctl(directory: str) -> list[str]:
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not binaries:
        raise NoPostgres("PostgreSQL server binaries not found (apt-get install postgresql)")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return [*as_user, binaries[-1], "-D", os.path.join(directory, "data")]


def stop(directory: str) -> None:
    subprocess.run([*_pg_ctl(directory), "stop", "-m", "immediate"], capture_output=True)
    shutil.rmtree(directory, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> Server:
    directory = tempfile.mkdtemp(prefix="dashboard-pg-")
    pg_ctl = _pg_ctl(directory)
    as_user, bindir = pg_ctl[:-3], os.path.dirname(pg_ctl[-3])
    if as_user:
        shutil.chown(directory, "postgres")
    data = os.path.join(directory, "data")
    port = _free_port()
    init = subprocess.run(
        [
            *as_user,
            f"{bindir}/initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        capture_output=True,
        text=True,
    )
    if init.returncode != 0:
        raise NoPostgres(f"initdb failed: {init.stderr.strip()[-500:]}")
    _launch(directory, port)
    return Server(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", directory, port)


def _launch(directory: str, port: int) -> None:
    options = (
        f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    started = subprocess.run(
        [*_pg_ctl(directory), "-o", options, "-l", os.path.join(directory, "log"), "-w", "start"],
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        log = Path(directory, "log").read_text()[-500:]
        raise NoPostgres(f"pg_ctl start failed: {started.stderr.strip()} {log}")


if __name__ == "__main__":
    # .ci/run: `start` prints "URL DIRECTORY"; `stop DIRECTORY` stops and removes it.
    import sys

    if sys.argv[1:2] == ["start"]:
        server = start()
        print(server.url, server.directory)
    elif sys.argv[1:2] == ["stop"] and len(sys.argv) == 3:
        stop(sys.argv[2])
    else:
        sys.exit("usage: python3 tests/pg_server.py start | stop DIRECTORY")
