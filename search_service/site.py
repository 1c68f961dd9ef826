"""Serving the static site the builder wrote, so one process runs the whole portal.

Fingerprinted assets are cached for a year, everything else is revalidated by its ETag
(search_service/headers.py); text is compressed on the way out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from flask import Blueprint, Response, abort, current_app, redirect, request, send_from_directory
from werkzeug.routing import Map, PathConverter
from werkzeug.security import safe_join

from .headers import cache_control, compressible

site_blueprint = Blueprint("site", __name__)


class PagePath(PathConverter):
    """A page's path: any path but that of an endpoint registered before the site (the app
    factory registers the site last). So another method on an endpoint is a 405 rather than
    this catch-all's 404, and OPTIONS lists only the endpoint's own methods."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        super().__init__(url_map, *args, **kwargs)
        endpoints = sorted(rule.rule.lstrip("/") for rule in url_map.iter_rules()
                           if not rule.arguments and rule.rule != "/")
        if endpoints:
            taken = "|".join(re.escape(path) for path in endpoints)
            self.regex = f"(?!(?:{taken})$){PathConverter.regex}"


site_blueprint.record_once(lambda state: state.app.url_map.converters.update(page=PagePath))


@site_blueprint.get("/", defaults={"path": ""})
@site_blueprint.get("/<page:path>")
def page(path: str):
    root = Path(current_app.config["SITE_DIR"])
    moved = redirect_rules(root / REDIRECTS_FILE).get(request.path)
    if moved is not None:
        # A real 301: the browser keeps the #anchor, and the query (?via=svar) goes along.
        query = request.query_string.decode("latin-1")
        return redirect(moved + (f"?{query}" if query else ""), code=301)
    target = safe_join(str(root), path)
    if target is None:
        abort(404)
    kind = _kind(Path(target))
    if kind == "dir":
        if path and not path.endswith("/"):
            return redirect(request.path + "/", code=301)
        return _send(root, f"{path}index.html".lstrip("/"))
    if kind == "file":
        return _send(root, path)
    if path.startswith("api/"):
        # Not an endpoint and not a page the site has there: the API's JSON 404. Pages of a
        # content folder `api/` are served like any other, unless an endpoint has their path.
        abort(404)
    if (root / "404.html").is_file():
        response = _send(root, "404.html")
        response.status_code = 404
        return response
    abort(404)


def _kind(path: Path) -> str | None:
    """"dir", "file" or None; a name the file system cannot hold (longer than 255 bytes, say)
    is simply not there."""
    try:
        if path.is_dir():
            return "dir"
        return "file" if path.is_file() else None
    except OSError:
        return None


def _send(root: Path, path: str) -> Response:
    response = send_from_directory(root, path)
    response.headers["Cache-Control"] = cache_control(path)
    if response.status_code == 200 and compressible(current_app, response.mimetype):
        # Read into memory so Flask-Compress compresses it whole, with a Content-Length and an
        # ETag of its own per encoding, instead of streaming it without either.
        response.direct_passthrough = False
        response.make_sequence()
    return response


REDIRECTS_FILE = "_redirects"


def redirect_rules(path: Path) -> dict[str, str]:
    """The site's `_redirects` file (Netlify's format, which the build writes): exact paths
    only, `from to [status]` per line. Read again whenever the build replaces it."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    cached = _RULES.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    rules: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not parts[0].startswith("#") and "*" not in parts[0] \
                and parts[0].startswith("/"):
            rules.setdefault(unquote(parts[0]), parts[1])
    _RULES[path] = (stamp, rules)
    return rules


_RULES: dict[Path, tuple[int, dict[str, str]]] = {}
