"""The headers the portal sends for safety, caching and compression, written once.

The service adds them to every response, pages and API alike (`init_headers`). The nginx of a
deployment serves the static site with the same values (deploy/nginx/fokus-headers.conf and
fokus-locations.conf); tests/deploy/test_nginx_site.py holds them to these constants.

The Content-Security-Policy lets pages run only scripts and stylesheets the portal serves
itself. The built site has no inline script: Material's inline scripts are files in
fokus_theme/assets, and the data blocks are `<script type="application/json">`, which no browser
runs. Style attributes stay allowed (`style-src-attr`): Python-Markdown's tables align columns
with them, and a style cannot run script. docs/security.md explains each choice.
"""

from __future__ import annotations

import re

from flask import Flask, Response
from flask_compress import Compress

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",  # Material's icons are data: URLs in its stylesheet
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Links out of the portal do not tell other sites which article the reader was on.
    "Referrer-Policy": "same-origin",
}

# Files whose names carry a hash of their content (Material's `main.57a0d79d.min.css`, Fokus's
# `fokus.1a2b3c4d.js` from site_builder/assets.py): new content is a new name, so a browser may
# keep them for a year. Everything else, HTML first, is revalidated by its ETag on every use.
FINGERPRINTED = re.compile(r"(^|/)assets/.+\.[0-9a-f]{8}(\.min)?\.(css|js)$")
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_REVALIDATE = "no-cache"


def cache_control(path: str) -> str:
    """The Cache-Control of a file of the site, by its path below the site root."""
    return CACHE_IMMUTABLE if FINGERPRINTED.search(path) else CACHE_REVALIDATE


def init_headers(app: Flask) -> None:
    """Security headers on every response, and text compressed (Brotli, zstd or gzip, as the
    client accepts) by Flask-Compress, which also keeps ETags distinct per encoding."""
    Compress(app)

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def compressible(app: Flask, mimetype: str) -> bool:
    return mimetype in app.config["COMPRESS_MIMETYPES"]
