"""Short links in every form staff write them, and real 301s for static hosting: the
`_redirects` file (Netlify, Cloudflare Pages) and an nginx map, tried on a real nginx."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from site_builder.build import build_site

from ..conftest import write_kb

NGINX = "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("redirects")
    write_kb(root)
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


@pytest.mark.parametrize("form", ["kb/42/", "kb/0042/", "kb/KB-0042/"])
def test_every_form_of_a_short_link_has_a_redirect_page(site, form):
    html = (site / form / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="../../konton/aterstall-losenord/"' in html


def test_the_redirects_file_lists_short_links_aliases_and_successors(site):
    lines = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/kb/42/ /konton/aterstall-losenord/ 301" in lines
    assert "/kb/0042/ /konton/aterstall-losenord/ 301" in lines
    assert "/kb/KB-0042/ /konton/aterstall-losenord/ 301" in lines
    assert "/konton/losenordsregler/ /konton/gammalt/ 301" in lines  # an alias
    assert "/kb/5/ /konton/aterstall-losenord/ 301" in lines  # archived: to its successor
    assert not any("/kb/6/" in line for line in lines)  # a draft has no short link


def test_paths_carry_the_base_path_of_site_url(tmp_path):
    write_kb(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("https://kb.example.se/",
                                                 "https://www.example.se/it/"))
    build_site(str(config))
    lines = (tmp_path / "site/_redirects").read_text(encoding="utf-8").splitlines()
    assert "/it/kb/42/ /it/konton/aterstall-losenord/ 301" in lines


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


NGINX_CONF = """
daemon off;
user root;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    map $uri $fokus_redirect {{ include {site}/_fokus/redirects.nginx.map; }}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        if ($fokus_redirect) {{ return 301 $fokus_redirect$is_args$args; }}
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


@pytest.fixture
def nginx(site, tmp_path):
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: install Debian's nginx (apt-get install nginx)")
    port = free_port()
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(root=tmp_path, site=site, port=port))
    server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path), "-e",
                               str(tmp_path / "error.log")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # bounded: 10 s for nginx to listen
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp_path / "tmp", ignore_errors=True)


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    return connection.getresponse()


@pytest.mark.parametrize("path, location", [
    ("/kb/42/", "/konton/aterstall-losenord/"),
    ("/kb/0042/", "/konton/aterstall-losenord/"),
    ("/kb/KB-0042", "/konton/aterstall-losenord/"),
    ("/kb/42/?via=svar", "/konton/aterstall-losenord/?via=svar"),
    ("/konton/losenordsregler/", "/konton/gammalt/"),
])
def test_nginx_with_the_map_answers_301(nginx, path, location):
    reply = get(nginx, path)
    assert reply.status == 301
    assert reply.getheader("Location").endswith(location)


def test_nginx_still_serves_pages_that_are_not_redirects(nginx):
    assert get(nginx, "/konton/aterstall-losenord/").status == 200
