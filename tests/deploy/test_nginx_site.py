"""nginx as deploy/nginx/ configures it, in front of a real replica, serves a built site with
the same headers the service sends (issue 12, point 4): security headers on pages, files,
errors and the API, once each; immutable caching for fingerprinted files only; text
compressed; and the build's short links and old paths as real 301s (issue 13, point 4)."""

from __future__ import annotations

import gzip
import http.client
import json
import re
from pathlib import Path

import pytest

from search_service.headers import (
    CACHE_IMMUTABLE,
    CACHE_REVALIDATE,
    SECURITY_HEADERS,
    cache_control,
)
from site_builder.build import build_site

from ..conftest import write_kb
from ..servers import running_service
from .nginx import HEADERS, running_nginx


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("nginx-site")
    write_kb(root)
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory) -> int:
    root = tmp_path_factory.mktemp("nginx")
    settings = {"SITE_DIR": str(site), "INDEX_DIR": str(root / "index"),
                "DATABASE_URL": f"sqlite:///{root / 'fokus.db'}", "SERVE_SITE": "false",
                "PROXY_COUNT": "1", "SECRET_KEY_FILE": str(root / "secret_key"),
                "SALT_FILE": str(root / "salt")}
    with (running_service(settings, workers=1, log=root / "replica.log") as replica,
          running_nginx(root / "nginx", site, [replica]) as port):
        yield port


def get(port: int, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    reply = connection.getresponse()
    body = reply.read()
    connection.close()
    return reply, body


def fingerprinted_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("assets/**/*")
                  if p.is_file() and cache_control(p.relative_to(site).as_posix())
                  == CACHE_IMMUTABLE)


def test_the_nginx_headers_file_says_what_the_service_says():
    text = HEADERS.read_text(encoding="utf-8")
    declared = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', text, re.M))
    assert declared == SECURITY_HEADERS


@pytest.mark.parametrize("path", ["/", "/konton/aterstall-losenord/", "/corpus.json",
                                  "/finns-inte/", "/api/search?q=l%C3%B6senord",
                                  "/api/health"])
def test_every_response_carries_each_security_header_once(nginx, path):
    reply, _ = get(nginx, path)
    assert reply.status in (200, 404)
    for name, value in SECURITY_HEADERS.items():
        assert reply.msg.get_all(name) == [value], (path, name)


def test_fingerprinted_files_are_cached_for_a_year_and_carry_the_headers(nginx, site):
    files = fingerprinted_files(site)
    assert any(f.endswith(".css") for f in files) and any(f.endswith(".js") for f in files)
    for path in files:
        reply, _ = get(nginx, "/" + path)
        assert reply.status == 200, path
        assert reply.msg.get_all("Cache-Control") == [CACHE_IMMUTABLE], path
        assert reply.getheader("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize("path", ["/", "/konton/aterstall-losenord/", "/corpus.json",
                                  "/kalender.ics", "/feed.xml"])
def test_pages_and_data_files_are_revalidated(nginx, path):
    reply, _ = get(nginx, path)
    assert reply.status == 200, path
    assert reply.msg.get_all("Cache-Control") == [CACHE_REVALIDATE]


def test_text_is_compressed_for_clients_that_accept_it(nginx, site):
    stylesheet = max((f for f in fingerprinted_files(site) if f.endswith(".css")),
                     key=lambda f: (site / f).stat().st_size)  # Material's, not a tiny one
    for path in ["/konton/aterstall-losenord/", "/" + stylesheet]:
        reply, body = get(nginx, path, **{"Accept-Encoding": "gzip"})
        assert reply.getheader("Content-Encoding") == "gzip", path
        plain, raw = get(nginx, path)
        assert plain.getheader("Content-Encoding") is None
        assert gzip.decompress(body) == raw


def test_a_missing_page_is_the_portals_404(nginx, site):
    reply, body = get(nginx, "/finns-inte/")
    assert reply.status == 404
    assert body == (site / "404.html").read_bytes()


@pytest.mark.parametrize("path, location", [
    ("/kb/42/", "/konton/aterstall-losenord/"),
    ("/kb/0042/", "/konton/aterstall-losenord/"),
    ("/kb/KB-0042", "/konton/aterstall-losenord/"),
    ("/kb/42/?via=svar", "/konton/aterstall-losenord/?via=svar"),
    ("/konton/losenordsregler/", "/konton/gammalt/"),
])
def test_short_links_and_old_paths_are_real_301s(nginx, path, location):
    reply, _ = get(nginx, path)
    assert reply.status == 301
    assert reply.getheader("Location").endswith(location)


def test_the_api_answers_through_nginx(nginx):
    reply, body = get(nginx, "/api/search?q=l%C3%B6senord")
    assert reply.status == 200
    hits = json.loads(body)["hits"]
    assert hits[0]["url"].endswith("/konton/aterstall-losenord/")
