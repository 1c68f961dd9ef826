"""The search blueprint: /api/search, /api/suggest, /api/articles/<id> and /api/click.

Every rejected request gets a JSON error naming the parameter and a 4xx status."""

from __future__ import annotations

import logging
import re
import time
from html import escape
from urllib.parse import urljoin, urlsplit

from flask import Blueprint, Flask, current_app, jsonify, request
from limits import parse_many

from .catalogue import catalogue_of
from .engine import IndexMissing
from .feedback import client_key
from .indexing_service import engine_of
from .inputs import (
    MAX_ID,
    MAX_POSITION,
    Invalid,
    json_object,
    storable,
    whole_number,
    without_controls,
)
from .status import status_first
from .text import normalise

log = logging.getLogger(__name__)
search_blueprint = Blueprint("search", __name__, url_prefix="/api")

ARTICLE_TYPES = ("handbook", "guide", "faq", "news", "event")
MAX_ANCHOR = 200
PAGE_RE = re.compile(r"[0-9]{1,4}")  # ASCII digits: str.isdigit() also takes "²" and "①"


class BadRequest(Invalid):
    """A query parameter or body the search API cannot use: always 400."""

    def __init__(self, field: str, message: str):
        super().__init__(field, message, status=400)


def init_search_limits(app: Flask) -> None:
    """Suggestions and clicks past their client's limit are 429 (init_feedback made the
    limiter); searches have a limit of their own for logging, see `counts_as_new_search`."""
    limiter = app.extensions["fokus_limiter"]
    for endpoint, setting in (("search.suggest", "SUGGEST_RATE_LIMIT"),
                              ("search.click", "CLICK_RATE_LIMIT")):
        app.view_functions[endpoint] = limiter.limit(
            lambda setting=setting: current_app.config[setting])(app.view_functions[endpoint])


def within_search_limit() -> bool:
    """Whether this client's search is within SEARCH_RATE_LIMIT (and count it). Past the
    limit a search is still answered, only not logged: a flood does not become figures."""
    limiter = current_app.extensions["fokus_limiter"]
    try:
        return all(limiter.limiter.hit(item, "fokus-search-log", client_key())
                   for item in parse_many(current_app.config["SEARCH_RATE_LIMIT"]))
    except Exception:  # noqa: BLE001 (the shared store is out of reach: log as before)
        log.warning("search rate limit not checked: the limiter's store failed", exc_info=True)
        return True


@search_blueprint.errorhandler(IndexMissing)
def index_missing(error: IndexMissing):
    return jsonify(error="unavailable", message=str(error)), 503


def query_text(name: str = "q") -> str:
    text = request.args.get(name)
    if text is None:
        raise BadRequest(name, "is required")
    # The limit applies to what was sent: normalising can lengthen a text (NFC of U+0958).
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if len(text) > limit:
        raise BadRequest(name, f"is longer than {limit} characters")
    text = storable(normalise(without_controls(text)), name, 400)
    if not text:
        raise BadRequest(name, "must not be empty")
    return text


def page_number() -> int:
    raw = request.args.get("page", "1")
    maximum = current_app.config["MAX_PAGE"]
    if not PAGE_RE.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        raise BadRequest("page", f"must be a whole number from 1 to {maximum}")
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
    categories = {c["slug"] for c in catalogue_of(current_app).categories()}
    filters = {"type": choice("type", ARTICLE_TYPES), "category": choice("category", categories)}
    page = page_number()
    started = time.perf_counter()
    result = engine.search(text, page=page, **filters)
    # The service's clock (the event store's, which tests set) decides what status is current.
    result = status_first(result, engine.view().articles.values(),
                          now=current_app.extensions["fokus_store"].clock(), **filters)
    took_ms = (time.perf_counter() - started) * 1000
    if page == 1 and within_search_limit():  # later pages are the same search, not a new one
        store = current_app.extensions["fokus_store"]
        store.record_search(text, {k: v for k, v in filters.items() if v}, result["total"],
                            took_ms)
    result["took_ms"] = round(took_ms, 2)
    return jsonify(result)


@search_blueprint.get("/suggest")
def suggest():
    text = query_text()
    return jsonify(query=text, suggestions=engine_of(current_app).suggest(text))


@search_blueprint.get("/articles/<article_id>")
def article(article_id: str):
    # A string in the route: Werkzeug's int converter fails with a 500 past 4,300 digits.
    if not (article_id.isascii() and article_id.isdigit()
            and len(article_id) <= len(str(MAX_ID))):
        return jsonify(error="not_found", message="no such article"), 404
    found = catalogue_of(current_app).article(int(article_id))
    if found is None:
        return jsonify(error="not_found", message=f"no article KB-{int(article_id):04d}"), 404
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
    body = json_object()
    text = body.get("query")
    limit = current_app.config["MAX_QUERY_LENGTH"]
    if not isinstance(text, str) or not text.strip() or len(text) > limit:
        raise BadRequest("query", f"must be the search text, 1 to {limit} characters")
    storable(text, "query", 400)
    article_id = whole_number(body.get("article_id"), "article_id", status=400)
    position = whole_number(body.get("position"), "position", maximum=MAX_POSITION, status=400)
    anchor = body.get("anchor")
    if anchor is not None and (not isinstance(anchor, str) or len(anchor) > MAX_ANCHOR):
        raise BadRequest("anchor", f"must be text of at most {MAX_ANCHOR} characters")
    if anchor:
        storable(anchor, "anchor", 400)
    if catalogue_of(current_app).article(article_id) is None:
        return jsonify(error="not_found", field="article_id",
                       message=f"no article KB-{article_id:04d}"), 404
    current_app.extensions["fokus_store"].record_click(text, article_id, anchor or None,
                                                        position)
    return "", 204
