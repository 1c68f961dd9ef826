"""The application factory. All state lives on the app the factory builds."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from .site import site_blueprint

DEFAULTS: dict[str, Any] = {
    "SITE_DIR": "site",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("FOKUS")
    if config:
        app.config.update(config)
    app.config["SITE_DIR"] = str(Path(app.config["SITE_DIR"]).resolve())

    @app.get("/api/health")
    def health():
        return jsonify(status="ok")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # API clients get JSON errors; pages get the site's own 404 page (see site.py).
        return jsonify(error=error.name, message=error.description), error.code

    app.register_blueprint(site_blueprint)
    return app
