"""The launcher's shared secret and its rendering of the nginx site (the processes and
nginx themselves run in tests/browser/test_serve.py)."""

from pathlib import Path

from dashboard.proxy import render_site, upstream_lines
from dashboard.serve import cookie_secret

KEY = "k7Qz2wLr9vXn4tPb8sJd1fHm6cGy3aNe5uRo0iKl"


def test_every_process_of_a_deployment_derives_the_same_cookie_secret(monkeypatch):
    monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET", raising=False)
    monkeypatch.setenv("DASHBOARD_COOKIE_KEY", KEY)
    secret = cookie_secret()
    assert secret == cookie_secret()
    assert len(secret) == 64 and KEY not in secret  # the key itself is not handed to Streamlit
    monkeypatch.setenv("DASHBOARD_COOKIE_KEY", KEY[::-1])
    assert cookie_secret() != secret  # another deployment, another secret
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", "set by the operator")
    assert cookie_secret() == "set by the operator"


def test_the_site_is_rendered_with_every_worker_and_the_route_cookie():
    addresses = ["127.0.0.1:8601", "127.0.0.1:8602", "10.0.0.5:8601"]
    site = render_site(addresses, "8443", Path("/run/c.pem"), Path("/run/k.pem"))
    lines = upstream_lines(addresses)
    assert lines[2] == "server 10.0.0.5:8601 max_fails=1 fail_timeout=10s;"
    assert all(line in site for line in lines)
    assert "8501" not in site and "ip_hash;" not in site
    assert "hash $dashboard_route consistent;" in site
    assert "add_header Set-Cookie $dashboard_route_cookie always;" in site
    assert "listen 8443 ssl;" in site
    assert "ssl_certificate /run/c.pem;" in site and "ssl_certificate_key /run/k.pem;" in site
