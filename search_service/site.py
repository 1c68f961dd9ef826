"""Serving the static site the builder wrote, so one process runs the whole portal."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, redirect, request, send_from_directory
from werkzeug.routing import Map, PathConverter
from werkzeug.security import safe_join

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
    target = safe_join(str(root), path)
    if target is None:
        abort(404)
    kind = _kind(Path(target))
    if kind == "dir":
        if path and not path.endswith("/"):
            return redirect(request.path + "/", code=301)
        return send_from_directory(root, f"{path}index.html".lstrip("/"))
    if kind == "file":
        return send_from_directory(root, path)
    if path.startswith("api/"):
        # Not an endpoint and not a page the site has there: the API's JSON 404. Pages of a
        # content folder `api/` are served like any other, unless an endpoint has their path.
        abort(404)
    not_found = root / "404.html"
    if not_found.is_file():
        return send_from_directory(root, "404.html"), 404
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
