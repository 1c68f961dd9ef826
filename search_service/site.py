"""Serving the static site the builder wrote, so one process runs the whole portal.

Fingerprinted assets are cached for a year, everything else is revalidated by its ETag
(search_service/headers.py); text is compressed on the way out."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, redirect, request, send_from_directory
from werkzeug.security import safe_join

from .headers import cache_control, compressible

site_blueprint = Blueprint("site", __name__)


@site_blueprint.get("/", defaults={"path": ""})
@site_blueprint.get("/<path:path>")
def page(path: str):
    root = Path(current_app.config["SITE_DIR"])
    target = safe_join(str(root), path)
    if target is None:
        abort(404)
    target_path = Path(target)
    if target_path.is_dir():
        if path and not path.endswith("/"):
            return redirect(request.path + "/", code=301)
        return _send(root, f"{path}index.html".lstrip("/"))
    if target_path.is_file():
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


def _send(root: Path, path: str) -> Response:
    response = send_from_directory(root, path)
    response.headers["Cache-Control"] = cache_control(path)
    if response.status_code == 200 and compressible(current_app, response.mimetype):
        # Read into memory so Flask-Compress compresses it whole, with a Content-Length and an
        # ETag of its own per encoding, instead of streaming it without either.
        response.direct_passthrough = False
        response.make_sequence()
    return response
