"""The search blueprint: /api/search, /api/suggest, /api/articles/<id> and /api/click.

Every rejected request gets a JSON error naming the parameter and a 4xx status."""

from __future__ import annotations

import time
from html import escape
from typing import Any
from urllib.parse import urljoin, urlsplit

from flask import Blueprint, current_app, jsonify, request

from .catalogue import catalogue_of
from .engine import IndexMissing
from .indexing_service import engine_of
from .status import status_first
from .text import normalise

search_blueprint = Blueprint("search", __name__, url_prefix="/api")

ARTICLE_TYPES = ("handbook", "guide", "faq", "news", "event")


class BadRequest(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@search_blueprint.errorhandler(BadRequest)
def bad_request(error: BadRequest):
    return jsonify(error="bad_request", field=error.field, message=error.message), 400


@search_blueprint.errorhandler(IndexMissing)
def index_missing(error: IndexMissing):
    return jsonify(error="unavailable", message=str(error)), 503


def query_text(name: str = "q") -> str:
    text = request.args.get(name)
    if text is None:
        raise BadRequest(name, "is required")
    text = normalise(text)
    if not text:
        raise BadRequest(name, "must not be empty")
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if len(text) > limit:
        raise BadRequest(name, f"is longer than {limit} characters")
    return text


def page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= current_app.config["MAX_PAGE"]:
        raise BadRequest("page", f"must be a whole number from 1 to "
                                 f"{current_app.config['MAX_PAGE']}")
    return int(raw)


def choice(name: str, allowed) -> str | None:
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        raise BadRequest(name, f"must be one of {', '.join(sorted(allowed))}")
    return value


@search_blueprint.get("/search")
def search():
    text = query_text()
    engine = engine_of(current_app)
    categories = {c["slug"] for c in engine.view().meta["categories"]}
    filters = {"type": choice("type", ARTICLE_TYPES), "category": choice("category", categories)}
    page = page_number()
    started = time.perf_counter()
    result = engine.search(text, page=page, **filters)
    # The service's clock (the event store's, which tests set) decides what status is current.
    result = status_first(result, engine.view().articles.values(),
                          now=current_app.extensions["fokus_store"].clock(), **filters)
    took_ms = (time.perf_counter() - started) * 1000
    if page == 1:  # later pages are the same search, not a new one
        store = current_app.extensions["fokus_store"]
        store.record_search(text, {k: v for k, v in filters.items() if v}, result["total"],
                            took_ms)
    result["took_ms"] = round(took_ms, 2)
    return jsonify(result)


@search_blueprint.get("/suggest")
def suggest():
    text = query_text()
    return jsonify(query=text, suggestions=engine_of(current_app).suggest(text))


@search_blueprint.get("/articles/<int:article_id>")
def article(article_id: int):
    found = catalogue_of(current_app).article(article_id)
    if found is None:
        return jsonify(error="not_found", message=f"no article KB-{article_id:04d}"), 404
    found = dict(found, url=_public_url(found["url"], found["path"]),
                 short_url=_public_url(found["short_url"], found["short_path"]))
    label = f"{found['kb']} {found['title']}".strip()
    return jsonify(dict(found, reply_snippet=f"{label} – {found['short_url']}",
                        reply_html=f'<a href="{escape(found["short_url"])}">{escape(label)}</a>'))


def _public_url(url: str, path: str) -> str:
    """The corpus's absolute URL when the site has a public address (`site_url`); without
    one, the page's path at the address this request came to."""
    return url if urlsplit(url).scheme else urljoin(request.root_url, path)


@search_blueprint.post("/click")
def click():
    body = _json_body()
    text = body.get("query")
    if not isinstance(text, str) or not text.strip() or len(text) > 200:
        raise BadRequest("query", "must be the search text, 1 to 200 characters")
    article_id = body.get("article_id")
    if isinstance(article_id, bool) or not isinstance(article_id, int):
        raise BadRequest("article_id", "must be an integer")
    if catalogue_of(current_app).article(article_id) is None:
        return jsonify(error="not_found", field="article_id",
                       message=f"no article KB-{article_id:04d}"), 404
    position = body.get("position")
    if isinstance(position, bool) or not isinstance(position, int) or position < 1:
        raise BadRequest("position", "must be a positive integer")
    anchor = body.get("anchor")
    if anchor is not None and (not isinstance(anchor, str) or len(anchor) > 200):
        raise BadRequest("anchor", "must be text of at most 200 characters")
    current_app.extensions["fokus_store"].record_click(text, article_id, anchor or None,
                                                        position)
    return "", 204


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest("body", "must be a JSON object")
    return body
