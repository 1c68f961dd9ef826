"""Serving the static site the builder wrote, so one process runs the whole portal."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, request, send_from_directory
from werkzeug.security import safe_join

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
        return send_from_directory(root, f"{path}index.html".lstrip("/"))
    if target_path.is_file():
        return send_from_directory(root, path)
    if path.startswith("api/"):
        # Not an endpoint and not a page the site has there: the API's JSON 404. Pages of a
        # content folder `api/` are served like any other, unless an endpoint has their path.
        abort(404)
    not_found = root / "404.html"
    if not_found.is_file():
        return send_from_directory(root, "404.html"), 404
    abort(404)
