"""The feedback blueprint: POST /api/feedback, the "Hjälpte det här?" vote of one browser on one
article or FAQ question. Stored in the event store; a changed mind replaces the earlier vote and
keeps the comment already sent unless the request replaces it."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from .catalogue import catalogue_of
from .inputs import Invalid, json_object, storable, whole_number
from .privacy import load_salt, pseudonym

feedback_blueprint = Blueprint("feedback", __name__, url_prefix="/api")

MAX_COMMENT = 1000
MAX_QUERY = 200
MAX_ANCHOR = 200
TOKEN_PATTERN = "^[A-Za-z0-9_-]{16,128}$"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,128}")  # fullmatch: "$" would let a "\n" through


def client_key() -> str:
    """Rate limits count per client address, kept only as a salted hash."""
    return pseudonym(current_app.extensions["fokus_salt"], request.remote_addr or "unknown")


def init_feedback(app: Flask) -> None:
    """Salt, rate limiter and blueprint; called by the app factory."""
    app.extensions["fokus_salt"] = load_salt(app.config["HASH_SALT"], app.config["SALT_FILE"])
    # With a shared store (Redis) out of reach, each process counts for itself meanwhile
    # rather than failing the request.
    limiter = Limiter(client_key, app=app, storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                      default_limits=[], headers_enabled=True, in_memory_fallback_enabled=True,
                      swallow_errors=True)
    app.extensions["fokus_limiter"] = limiter  # the other APIs and staff sign-in use it too
    app.register_blueprint(feedback_blueprint)
    # Flask-Limiter checks inside the wrapper it returns, so that wrapper must be the view.
    app.view_functions["feedback.post_feedback"] = limiter.limit(
        lambda: current_app.config["FEEDBACK_RATE_LIMIT"])(post_feedback)

    @app.errorhandler(RateLimitExceeded)
    def too_many(error: RateLimitExceeded):
        return jsonify(error="too_many_requests",
                       message=f"too many requests from this client ({error.description}); "
                               "try again later"), 429


def origin_allowed() -> bool:
    """Browsers send Origin with every POST: only the portal itself and the configured sites
    may post. A request without Origin comes from no browser page, so no site can forge it."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = request.host_url.rstrip("/")
    return origin == own or origin in current_app.config["FEEDBACK_ORIGINS"]


def limit_body() -> None:
    """The feedback APIs' own, smaller body limit; Werkzeug enforces it while the body is read,
    so a chunked body without Content-Length is cut off at the limit too (413)."""
    request.max_content_length = current_app.config["FEEDBACK_MAX_BYTES"]


@feedback_blueprint.post("/feedback")
def post_feedback():
    limit_body()
    if not origin_allowed():
        return jsonify(error="forbidden",
                       message="votes are accepted from the portal's own pages only"), 403
    vote = parse_vote(json_object())
    article = catalogue_of(current_app).article(vote["article_id"])
    if article is None or article.get("status") != "published":
        return jsonify(error="not_found", field="article_id",
                       message=f"no article KB-{vote['article_id']:04d}"), 404
    if vote["anchor"] and vote["anchor"] not in article.get("anchors", []):
        return jsonify(error="not_found", field="anchor",
                       message=f"KB-{vote['article_id']:04d} has no question or section "
                               f"#{vote['anchor']}"), 404
    token = vote.pop("token")
    stored = current_app.extensions["fokus_store"].record_vote(
        voter=pseudonym(current_app.extensions["fokus_salt"], token), **vote)
    return jsonify(public_vote(stored)), 201


def parse_vote(body: dict[str, Any]) -> dict[str, Any]:
    article_id = whole_number(body.get("article_id"), "article_id")
    helpful = body.get("helpful")
    if not isinstance(helpful, bool):
        raise Invalid("helpful", "must be true or false")
    token = body.get("token")
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        raise Invalid("token", "must be the browser's token: 16-128 letters, digits, - or _")
    return {
        "article_id": article_id,
        "helpful": helpful,
        "token": token,
        "anchor": optional_text(body, "anchor", MAX_ANCHOR),
        "comment": comment_text(body),
        "query": optional_text(body, "query", MAX_QUERY),
    }


def comment_text(body: dict) -> str | None:
    """None (no `comment`, or null) keeps the comment this browser already sent; text
    replaces it, and "" removes it: a changed vote never loses what was said."""
    if body.get("comment") == "":
        return ""
    return optional_text(body, "comment", MAX_COMMENT)


def optional_text(body: dict, field: str, limit: int) -> str | None:
    value = body.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid(field, "must be text")
    if len(value) > limit:
        raise Invalid(field, f"must be at most {limit} characters")
    return storable(value, field)


def public_vote(row: dict[str, Any]) -> dict[str, Any]:
    """The stored vote as the API shows it: never the voter's pseudonym."""
    return {"id": row["id"], "article_id": row["article_id"], "anchor": row["anchor"] or None,
            "helpful": row["helpful"], "comment": row["comment"], "query": row["query"],
            "created_at": row["created_at"].isoformat(),
            "updated_at": row["updated_at"].isoformat()}
