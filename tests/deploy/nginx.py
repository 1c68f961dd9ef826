"""A real nginx for the deployment tests, running deploy/nginx/ as production does: the
http block of fokus.conf (upstream, redirect map) around fokus-locations.conf, with
fokus-headers.conf in its configuration directory. Loopback only; stopped whatever happens."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..servers import REPO, free_port, stop, wait_for_port

NGINX = Path("/usr/sbin/nginx")
DEPLOY = REPO / "deploy" / "nginx"
LOCATIONS = DEPLOY / "fokus-locations.conf"
HEADERS = DEPLOY / "fokus-headers.conf"
REDIRECT_MAP = "_fokus/redirects.nginx.map"


def nginx_conf(root: Path, port: int, site: Path, replicas: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;"
                        for p in replicas)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read pytest's tmp dirs
    temp = "\n".join(f"    {kind}_temp_path {root / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    redirects = site / REDIRECT_MAP
    redirect_map = f"include {redirects};" if redirects.is_file() else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {root / 'nginx.pid'};
error_log {root / 'error.log'} warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {root / 'access.log'};
{temp}
    upstream fokus_replicas {{
{servers}
        keepalive 16;
    }}
    map $uri $fokus_redirect {{ {redirect_map} }}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {LOCATIONS};
    }}
}}
"""


@contextmanager
def running_nginx(root: Path, site: Path, replicas: list[int]) -> Iterator[int]:
    """nginx serving `site` and proxying to the replicas' ports; yields its port."""
    if not NGINX.is_file():
        raise RuntimeError(f"{NGINX} is needed: apt-get install -y nginx")
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(HEADERS, root / HEADERS.name)  # beside nginx.conf, as in /etc/nginx/
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(nginx_conf(root, port, site, replicas), encoding="utf-8")
    nginx = subprocess.Popen([str(NGINX), "-p", str(root), "-c", str(conf)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        try:
            wait_for_port(port, nginx, timeout=20)
        except RuntimeError as error:
            raise RuntimeError(f"{error}: {nginx.stderr.read().decode()}") from None
        yield port
    finally:
        stop(nginx, signal.SIGQUIT)
