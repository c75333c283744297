"""An app server for the benchmarks: a Streamlit process on a free port, what it costs
the machine (CPU seconds and resident memory, read from /proc), and where a report goes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = "dashboard/app.py"
BARE = "benchmarks/bare_page.py"  # the yardstick: a Streamlit page without our code
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User and system time of the process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def wait_healthy(base: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the app server at {base} did not start")


@contextmanager
def app_server(env: dict[str, str], script: str = APP) -> Iterator[tuple[subprocess.Popen, str]]:
    """`streamlit run script` as the launcher runs it (dashboard/worker.py), with `env`
    on top of this process's environment; yields the process and its base URL once it
    answers, and stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard.worker", script]
        + ["--server.port", str(port), "--server.headless", "true"],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process)
        yield process, base
    finally:
        process.terminate()
        process.wait(timeout=20)


def publish(text: str, output: Path | None) -> None:
    """Print a report, and append it to `output` if given."""
    if output:
        with output.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    print(text)
