"""The application factory. All state lives on the app the factory builds."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException, NotFound, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from .api import init_search_limits, search_blueprint
from .catalogue import ArticleCatalogue
from .config import load_settings
from .corpus import CorpusError
from .engine import IndexMissing
from .feedback import init_feedback
from .headers import init_headers
from .indexing_service import IndexKeeper
from .inputs import Invalid, refuse_nul_outside_the_api
from .insights import init_insights
from .needs import init_needs
from .openapi import openapi_blueprint
from .reply_links import init_reply_links
from .retention import DailyPrune
from .site import site_blueprint
from .store import EventStore

log = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 64 * 1024


def create_app(config: Mapping[str, Any] | None = None, *,
               settings_file: str | os.PathLike | None = None,
               defaults: Mapping[str, Any] | None = None) -> Flask:
    """The app. Settings: see search_service.config.load_settings; `config` overrides them."""
    settings = load_settings(config, settings_file=settings_file, defaults=defaults)
    app = Flask(__name__, static_folder=None)
    app.config.update(settings)
    init_headers(app)
    # No request body the service accepts is anywhere near this; Werkzeug answers 413 beyond
    # it, also for a chunked body. (Flask's defaults hold the key as None: setdefault would not
    # set it.) The feedback APIs set a smaller limit of their own (feedback.limit_body).
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    store = EventStore(settings["DATABASE_URL"])
    store.upgrade()
    app.extensions["fokus_store"] = store

    keeper = IndexKeeper(settings["CORPUS_PATH"], settings["INDEX_DIR"],
                         watch=settings["WATCH_CORPUS"])
    if settings["INDEX_ON_START"]:
        try:
            log.info("search index: %s", keeper.update())
        except CorpusError as exc:
            # The site can still be served; search answers 503 until a corpus exists.
            log.warning("no search index: %s", exc)
    with contextlib.suppress(IndexMissing):  # until `fokus index` runs; search answers 503
        keeper.engine.refresh()  # open the index now, not in the first search
    app.extensions["fokus_index"] = keeper
    app.extensions["fokus_catalogue"] = ArticleCatalogue(settings["CORPUS_PATH"])

    @app.get("/api/health")
    def health():
        return jsonify(status="ok")

    app.register_blueprint(search_blueprint)
    app.register_blueprint(openapi_blueprint)
    init_feedback(app)
    init_search_limits(app)
    init_needs(app)
    init_reply_links(app)
    init_insights(app)
    pruner = DailyPrune(store, settings["RETENTION_DAYS"], enabled=settings["PRUNE_DAILY"])
    app.extensions["fokus_prune"] = pruner
    app.before_request(pruner.maybe_run)
    app.before_request(refuse_nul_outside_the_api)
    if settings["FEEDBACK_ORIGINS"]:
        # The static site served from another host may call the API, and only that site.
        CORS(app, resources={r"/api/*": {"origins": settings["FEEDBACK_ORIGINS"]}},
             methods=["GET", "POST"], allow_headers=["Content-Type"], max_age=3600)
    if settings["SERVE_SITE"]:
        app.register_blueprint(site_blueprint)
    _json_errors(app)
    if settings["PROXY_COUNT"]:
        # The client's address, scheme and host as the proxies say, for the rate limits and the
        # origin check; the proxy's own address stays in environ["werkzeug.proxy_fix.orig"].
        count = settings["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count,
                                x_port=count)
    return app


def _json_errors(app: Flask) -> None:
    @app.errorhandler(Invalid)
    def invalid(error: Invalid):
        return jsonify(error="invalid" if error.status == 422 else "bad_request",
                       field=error.field, message=error.message), error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, NotFound) and not request.path.startswith("/api/"):
            return error  # the site blueprint serves its own 404 page
        name = "too_large" if isinstance(error, RequestEntityTooLarge) else (
            error.name.lower().replace(" ", "_"))
        reply = jsonify(error=name, message=error.description)
        reply.status_code = error.code or 500
        # Keep what the error says in headers: Allow on a 405, Retry-After, ...
        for header, value in error.get_headers():
            if header.lower() != "content-type":
                reply.headers[header] = value
        return reply

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        # Never a stack trace to the client; the log has it.
        log.exception("unexpected error on %s", request.path)
        return jsonify(error="internal_error", message="something went wrong"), 500
