"""What the service sends besides the body: security headers on every response, pages and
API alike; fingerprinted assets cached for a year, everything else revalidated by its ETag;
text compressed as the client accepts.

The browser test (tests/e2e/test_security_browser.py) checks that the portal works under this
policy with no violation, and measures what a page load transfers."""

from __future__ import annotations

import gzip

import brotli
import pytest

from search_service import create_app
from search_service.headers import (
    CACHE_IMMUTABLE,
    CACHE_REVALIDATE,
    CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
)

from .corpus_factory import helpdesk_articles, write_corpus

PAGE = "<!doctype html><title>Start</title>" + "<p>Återställ ditt lösenord.</p>" * 100
SCRIPT = "document.title = 'Fokus';\n" * 100
FILES = {
    "index.html": PAGE,
    "404.html": "<!doctype html><title>Sidan finns inte</title>",
    "konton/index.html": PAGE,
    "assets/fokus.js": SCRIPT,
    "assets/fokus.1a2b3c4d.js": SCRIPT,
    "assets/stylesheets/main.57a0d79d.min.css": "body{margin:0}\n" * 100,
    "assets/javascripts/workers/search.a7633da7.min.js": SCRIPT,
}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(2000)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("headers")
    site = root / "site"
    for rel, text in FILES.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    (site / "assets/images").mkdir(parents=True)
    (site / "assets/images/favicon.png").write_bytes(PNG)
    write_corpus(site / "corpus.json", helpdesk_articles())
    app = create_app({"SITE_DIR": str(site), "INDEX_DIR": str(root / "index"),
                      "DATABASE_URL": f"sqlite:///{root / 'fokus.db'}", "WATCH_CORPUS": False})
    return app.test_client()


RESPONSES = {
    "page": ("GET", "/", 200),
    "page without slash": ("GET", "/konton", 301),
    "missing page": ("GET", "/finns-inte/", 404),
    "asset": ("GET", "/assets/fokus.1a2b3c4d.js", 200),
    "image": ("GET", "/assets/images/favicon.png", 200),
    "search": ("GET", "/api/search?q=skrivare", 200),
    "rejected search": ("GET", "/api/search?q=", 400),
    "unknown endpoint": ("GET", "/api/finns-inte", 404),
    "openapi": ("GET", "/api/openapi.json", 200),
    "vote from elsewhere": ("POST", "/api/feedback", 403),
}


@pytest.mark.parametrize("name", RESPONSES)
def test_every_response_carries_the_security_headers(client, name):
    method, path, status = RESPONSES[name]
    headers = {"Origin": "https://evil.example"} if method == "POST" else {}
    reply = client.open(path, method=method, headers=headers, json={} if method == "POST" else None)
    assert reply.status_code == status
    for header, value in SECURITY_HEADERS.items():
        assert reply.headers.get(header) == value, header


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";"))}


def test_the_policy_allows_only_the_portals_own_scripts_and_no_framing():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    # Only style attributes, which Python-Markdown's aligned tables write, are inline.
    unsafe = {name for name, values in policy.items() if any("unsafe" in v for v in values)}
    assert unsafe == {"style-src-attr"}
    assert SECURITY_HEADERS["X-Content-Type-Options"] == "nosniff"
    assert SECURITY_HEADERS["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/assets/fokus.1a2b3c4d.js",
                                  "/assets/stylesheets/main.57a0d79d.min.css",
                                  "/assets/javascripts/workers/search.a7633da7.min.js"])
def test_fingerprinted_assets_are_cached_for_a_year(client, path):
    reply = client.get(path)
    assert reply.headers["Cache-Control"] == CACHE_IMMUTABLE
    assert CACHE_IMMUTABLE == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/konton/", "/assets/fokus.js",
                                  "/assets/images/favicon.png"])
def test_everything_else_is_revalidated_by_its_etag(client, path):
    reply = client.get(path)
    assert reply.headers["Cache-Control"] == CACHE_REVALIDATE == "no-cache"
    etag = reply.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("encoding, decompress", [("gzip", gzip.decompress),
                                                  ("br", brotli.decompress)])
def test_text_is_compressed_as_the_client_accepts(client, encoding, decompress):
    for path, original in (("/", PAGE), ("/assets/fokus.1a2b3c4d.js", SCRIPT)):
        reply = client.get(path, headers={"Accept-Encoding": encoding})
        assert reply.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in reply.headers["Vary"]
        assert int(reply.headers["Content-Length"]) == len(reply.data) < len(original) / 4
        assert decompress(reply.data).decode("utf-8") == original


def test_compressed_pages_are_revalidated_too(client):
    """Each encoding has its own ETag, so a cache never mixes them up, and each revalidates."""
    plain = client.get("/").headers["ETag"]
    compressed = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["ETag"] != plain
    again = client.get("/", headers={"Accept-Encoding": "gzip",
                                     "If-None-Match": compressed.headers["ETag"]})
    assert again.status_code == 304


def test_api_replies_are_compressed(client):
    reply = client.get("/api/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert reply.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(reply.data).startswith(b"{")


def test_images_and_clients_without_compression_get_the_file_as_it_is(client):
    assert client.get("/assets/images/favicon.png",
                      headers={"Accept-Encoding": "gzip"}).data == PNG
    reply = client.get("/")
    assert "Content-Encoding" not in reply.headers and reply.data.decode("utf-8") == PAGE
