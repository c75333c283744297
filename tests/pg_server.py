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


class NoPostgres(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass
class Server:
    url: str
    directory: str
    pg_ctl: list[str]

    def stop(self) -> None:
        subprocess.run([*self.pg_ctl, "stop", "-m", "immediate"], capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> Server:
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not binaries:
        raise NoPostgres("PostgreSQL server binaries not found (apt-get install postgresql)")
    bindir = os.path.dirname(binaries[-1])
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    directory = tempfile.mkdtemp(prefix="dashboard-pg-")
    if as_user:
        shutil.chown(directory, "postgres")
    data = os.path.join(directory, "data")
    port = _free_port()
    pg_ctl = [*as_user, f"{bindir}/pg_ctl", "-D", data]
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
    options = (
        f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    started = subprocess.run(
        [*pg_ctl, "-o", options, "-l", os.path.join(directory, "log"), "-w", "start"],
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        log = open(os.path.join(directory, "log")).read()[-500:]
        raise NoPostgres(f"pg_ctl start failed: {started.stderr.strip()} {log}")
    return Server(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", directory, pg_ctl)
