"""The app behind nginx with deploy/nginx-dashboard.conf, over HTTPS: the proxy sends
the security headers Streamlit cannot (CSP, X-Frame-Options, ...), the app works under
them with no CSP violation, the login cookie is Secure, and the metrics are closed."""

import shutil
import ssl
import subprocess
import urllib.error
import urllib.request

import pytest

from dashboard.proxy import NGINX, nginx_command, render_site
from tests.browser.conftest import (
    _free_port,
    load,
    login_cookie,
    new_context,
    self_signed,
    sign_in,
    wait_drawn,
    wait_for_cookie,
    wait_listening,
)
from tests.conftest import unavailable


@pytest.fixture
def proxied(server, tmp_path):
    """https://127.0.0.1:PORT: nginx in front of the app on the small city, with
    deploy/nginx-dashboard.conf rendered as the launcher renders it (dashboard/proxy.py)."""
    if not shutil.which(NGINX):
        unavailable("nginx not installed (apt-get install nginx)")
    base, _ = server
    self_signed(tmp_path)
    port = _free_port()
    site = render_site(
        [base.removeprefix("http://")],
        f"127.0.0.1:{port}",
        tmp_path / "cert.pem",
        tmp_path / "key.pem",
    )
    log = tmp_path / "nginx.log"
    with log.open("ab") as output:
        process = subprocess.Popen(nginx_command(tmp_path, site), stdout=output, stderr=output)
    address = f"https://127.0.0.1:{port}"
    try:
        wait_listening(port, process, log)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


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
