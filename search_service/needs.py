"""Needs from employees: "Berätta vad du letade efter" on the no-results page and after Nej.

POST /api/needs stores what a reader was looking for, with the same origin check, rate limit and
size limit as votes (see search_service.feedback). Staff then plan or close each need on the
insights pages; the owner is the one staff set, else the owner of the chosen service area."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import func, insert, select, update

from .catalogue import catalogue_of
from .feedback import MAX_QUERY, limit_body, optional_text, origin_allowed
from .inputs import Invalid, json_object, storable, whole_number
from .privacy import scrub
from .store import NEED_STATUSES, EventStore, as_utc, needs, normalise_query

needs_blueprint = Blueprint("needs", __name__, url_prefix="/api")

MAX_NEED = 1000


def init_needs(app: Flask) -> None:
    """Register the blueprint under the feedback API's rate limit (init_feedback runs first)."""
    app.register_blueprint(needs_blueprint)
    limiter = app.extensions["fokus_limiter"]
    app.view_functions["needs.post_need"] = limiter.limit(
        lambda: current_app.config["FEEDBACK_RATE_LIMIT"])(post_need)


@needs_blueprint.post("/needs")
def post_need():
    limit_body()
    if not origin_allowed():
        return jsonify(error="forbidden",
                       message="needs are accepted from the portal's own pages only"), 403
    need = parse_need(json_object())
    catalogue = catalogue_of(current_app)
    areas = {c["slug"] for c in catalogue.categories()}
    if need["category"] is not None and need["category"] not in areas:
        raise Invalid("category", f"must be one of {', '.join(sorted(areas))}")
    if need["article_id"] is not None:
        article = catalogue.article(need["article_id"])
        if article is None or article.get("status") != "published":
            return jsonify(error="not_found", field="article_id",
                           message=f"no article KB-{need['article_id']:04d}"), 404
    stored = record_need(current_app.extensions["fokus_store"], **need)
    return jsonify(public_need(stored)), 201


def parse_need(body: dict[str, Any]) -> dict[str, Any]:
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Invalid("text", "is required: what you were looking for")
    if len(text) > MAX_NEED:
        raise Invalid("text", f"must be at most {MAX_NEED} characters")
    storable(text, "text")
    article_id = body.get("article_id")
    if article_id is not None:
        whole_number(article_id, "article_id")
    return {"text": text.strip(), "query": optional_text(body, "query", MAX_QUERY),
            "category": optional_text(body, "category", 100), "article_id": article_id}


def public_need(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "text": row["text"], "query": row["query"],
            "category": row["category"], "article_id": row["article_id"],
            "status": row["status"], "created_at": row["created_at"].isoformat()}


# -- the store side ---------------------------------------------------------------------------

def record_need(store: EventStore, *, text: str, query: str | None, category: str | None,
                article_id: int | None) -> dict[str, Any]:
    """Store a new need, scrubbed of personal data; returns the stored row."""
    now = store.clock()
    row = {"created_at": now, "updated_at": now, "text": scrub(text),
           "query": normalise_query(query) if query else None, "category": category,
           "article_id": article_id, "status": "new", "owner": None}
    with store.transaction() as connection:
        need_id = connection.execute(insert(needs).returning(needs.c.id), row).scalar_one()
    return {"id": need_id, **row}


def update_need(store: EventStore, need_id: int, *, status: str | None = None,
                owner: str | None = None) -> bool:
    """Staff set a need's status and owner (an empty owner: back to the area's). False when
    there is no such need."""
    values: dict[str, Any] = {"updated_at": store.clock()}
    if status is not None:
        if status not in NEED_STATUSES:
            raise ValueError(f"status must be one of {', '.join(NEED_STATUSES)}")
        values["status"] = status
    if owner is not None:
        values["owner"] = owner.strip() or None
    with store.transaction() as connection:
        changed = connection.execute(update(needs).where(needs.c.id == need_id).values(values))
    return changed.rowcount == 1


def needs_between(store: EventStore, start: datetime, end: datetime,
                  statuses: tuple[str, ...] = NEED_STATUSES) -> list[dict[str, Any]]:
    """Needs written in [start, end), newest first."""
    statement = (select(needs)
                 .where(needs.c.created_at >= as_utc(start), needs.c.created_at < as_utc(end),
                        needs.c.status.in_(statuses))
                 .order_by(needs.c.created_at.desc(), needs.c.id.desc()))
    return [dict(row) for row in store.read(statement)]


def open_needs(store: EventStore) -> list[dict[str, Any]]:
    """Every need not yet done, whenever it was written, oldest first."""
    statement = (select(needs).where(needs.c.status != "done")
                 .order_by(needs.c.created_at, needs.c.id))
    return [dict(row) for row in store.read(statement)]


def count_needs(store: EventStore) -> int:
    return store.read(select(func.count().label("n")).select_from(needs))[0]["n"]
