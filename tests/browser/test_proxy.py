"""The app behind nginx with deploy/nginx-dashboard.conf, over HTTPS: the proxy sends
the security headers Streamlit cannot (CSP, X-Frame-Options, ...), the app works under
them with no CSP violation, the login cookie is Secure, and the metrics are closed."""

import getpass
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import (
    REPO,
    _free_port,
    load,
    login_cookie,
    new_context,
    sign_in,
    wait_drawn,
    wait_for_cookie,
)
from tests.conftest import unavailable

SITE = REPO / "deploy" / "nginx-dashboard.conf"
MAIN = """user {user};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site.conf;
}}
"""


def _site(app_port: int, port: int, directory) -> str:
    """deploy/nginx-dashboard.conf with this test's ports and certificate, nothing else."""
    site = SITE.read_text()
    for placed, here in {
        "server 127.0.0.1:8501 max_fails=1 fail_timeout=10s;": (
            f"server 127.0.0.1:{app_port} max_fails=1 fail_timeout=10s;"
        ),
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "/etc/ssl/certs/dashboard.pem": f"{directory}/cert.pem",
        "/etc/ssl/private/dashboard.key": f"{directory}/key.pem",
    }.items():
        assert placed in site, f"{SITE.name} no longer holds {placed!r}"
        site = site.replace(placed, here)
    return site


@pytest.fixture
def proxied(server, tmp_path):
    """https://127.0.0.1:PORT: nginx in front of the app on the small city."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        unavailable("nginx not installed (apt-get install nginx)")
    base, _ = server
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=127.0.0.1", "-keyout", tmp_path / "key.pem"]
        + ["-out", tmp_path / "cert.pem"],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    (tmp_path / "site.conf").write_text(_site(int(base.rsplit(":", 1)[1]), port, tmp_path))
    (tmp_path / "nginx.conf").write_text(MAIN.format(user=getpass.getuser(), dir=tmp_path))
    process = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    address = f"https://127.0.0.1:{port}"
    try:
        _wait_listening(port, process, tmp_path)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_listening(port: int, process, directory) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            errors = directory / "error.log"
            log = errors.read_text() if errors.exists() else ""
            pytest.fail(f"nginx did not start: {process.stdout.read().decode()} {log}")
        time.sleep(0.1)


def _status(url: str) -> int:
    unverified = ssl._create_unverified_context()
    try:
        return urllib.request.urlopen(url, context=unverified, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def test_behind_the_proxy_the_app_works_under_its_security_headers(proxied, chromium):
    context = new_context(chromium, ignore_https_errors=True)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    response = page.goto(proxied)
    headers = response.headers
    assert "script-src 'self' 'sha256-" in headers["content-security-policy"]
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["x-content-type-options"] == "nosniff"
    load(page)
    sign_in(page, "lead")
    wait_for_cookie(page)
    page.get_by_role("heading", name="总览").wait_for()
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "60.0%"
    load(page, f"{proxied}/double_reporting")  # a view with charts, from the cookie
    page.get_by_role("heading", name="双报到").wait_for()
    wait_drawn(page)
    assert page.locator(".js-plotly-plot").count() > 0
    assert login_cookie(context)["secure"] is True
    route = next(c for c in context.cookies() if c["name"] == "dashboard_route")
    assert route["secure"] and route["httpOnly"] and route["sameSite"] == "Lax"
    assert refused == []
    assert _status(f"{proxied}/_stcore/metrics") == 404
    assert _status(f"{proxied}/_stcore/health") == 200
    context.close()
