"""deploy/nginx-dashboard.conf made runnable: with given app servers, port and certificate,
inside a main configuration that keeps all of nginx's files in one private directory.
The launcher (dashboard/serve.py) and the proxy tests run nginx this way."""

import getpass
import os
import re
import shutil
from pathlib import Path

from data_access.settings import REPO_ROOT

SITE = REPO_ROOT / "deploy" / "nginx-dashboard.conf"
EXAMPLE_SERVER = "127.0.0.1:8501"  # SITE's upstream server: each app server gets its line
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Errors go to nginx's standard error; if asked for, each request is logged with its
# route ($dashboard_route, from SITE) and the app servers that nginx tried for it.
# Every open page holds a websocket, two connections through nginx: nginx's default 512
# connections refused some of 300 phones voting at once (docs/BALLOTS.md).
MAIN = """{user}
daemon off;
pid {dir}/nginx.pid;
error_log stderr;
worker_processes auto;
worker_rlimit_nofile 16384;
events {{ worker_connections 8192; }}
http {{
    log_format routed '$remote_addr "$request" $status '
                      'route=$dashboard_route upstream=$upstream_addr';
    access_log {access_log};
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site.conf;
}}
"""


def upstream_lines(addresses: list[str]) -> list[str]:
    """SITE's upstream server line, with its failover settings, for each host:port."""
    found = re.search(rf"server {re.escape(EXAMPLE_SERVER)}\b[^;\n]*;", SITE.read_text())
    if found is None:
        raise ValueError(f"{SITE.name} no longer holds the server {EXAMPLE_SERVER}")
    return [found.group().replace(EXAMPLE_SERVER, address) for address in addresses]


def render_site(addresses: list[str], listen: str, certificate: Path, key: Path) -> str:
    """SITE with these app servers (host:port), listening on `listen` (a port, or
    address:port), with this certificate and key (absolute paths)."""
    site = SITE.read_text()
    for placed, here in {
        upstream_lines([EXAMPLE_SERVER])[0]: "\n    ".join(upstream_lines(addresses)),
        "listen 443 ssl;": f"listen {listen} ssl;",
        "/etc/ssl/certs/dashboard.pem": str(certificate),
        "/etc/ssl/private/dashboard.key": str(key),
    }.items():
        if placed not in site:
            raise ValueError(f"{SITE.name} no longer holds {placed!r}")
        site = site.replace(placed, here)
    return site


def nginx_command(directory: Path, site: str, access_log: Path | None = None) -> list[str]:
    """Write `site` and a main configuration around it into `directory`, which only its
    owner may enter; the command that runs nginx on them in the foreground."""
    # as root, nginx's workers would run as nobody, who cannot enter `directory`
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    logged = f"{access_log} routed" if access_log else "off"
    (directory / "site.conf").write_text(site)
    (directory / "nginx.conf").write_text(MAIN.format(user=user, dir=directory, access_log=logged))
    return [NGINX, "-e", "stderr", "-p", str(directory), "-c", str(directory / "nginx.conf")]
