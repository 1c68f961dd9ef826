"""Reply-link tracking (the KCS link rate): how often staff copy an article's link into a reply,
and how often a reader arrives through such a link.

The theme's "Kopiera länk" button posts `kind: "copy"` and puts `?via=svar` on the copied
address; a page opened with that marker posts `kind: "visit"` once and removes the marker from
the address bar, so a reload or a bookmark does not count again."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import insert

from .catalogue import catalogue_of
from .feedback import limit_body, origin_allowed
from .inputs import Invalid, json_object, storable, whole_number
from .store import REPLY_LINK_KINDS, EventStore, reply_link_events

reply_links_blueprint = Blueprint("reply_links", __name__, url_prefix="/api")

VIA_MARKER = "svar"  # ?via=svar on a copied link


def init_reply_links(app: Flask) -> None:
    app.register_blueprint(reply_links_blueprint)
    limiter = app.extensions["fokus_limiter"]
    app.view_functions["reply_links.post_reply_link"] = limiter.limit(
        lambda: current_app.config["FEEDBACK_RATE_LIMIT"])(post_reply_link)


@reply_links_blueprint.post("/reply-links")
def post_reply_link():
    limit_body()
    if not origin_allowed():
        return jsonify(error="forbidden",
                       message="reply links are counted from the portal's own pages only"), 403
    event = parse_reply_link(json_object())
    article = catalogue_of(current_app).article(event["article_id"])
    if article is None or article.get("status") != "published":
        return jsonify(error="not_found", field="article_id",
                       message=f"no article KB-{event['article_id']:04d}"), 404
    if event["anchor"] and event["anchor"] not in article.get("anchors", []):
        return jsonify(error="not_found", field="anchor",
                       message=f"KB-{event['article_id']:04d} has no question or section "
                               f"#{event['anchor']}"), 404
    record_reply_link(current_app.extensions["fokus_store"], **event)
    return "", 204


def parse_reply_link(body: dict[str, Any]) -> dict[str, Any]:
    article_id = whole_number(body.get("article_id"), "article_id")
    kind = body.get("kind")
    if kind not in REPLY_LINK_KINDS:
        raise Invalid("kind", f"must be one of {', '.join(REPLY_LINK_KINDS)}")
    anchor = body.get("anchor")
    if anchor is not None and (not isinstance(anchor, str) or len(anchor) > 200):
        raise Invalid("anchor", "must be text of at most 200 characters")
    if anchor:
        storable(anchor, "anchor")
    return {"article_id": article_id, "anchor": (anchor or "").lstrip("#"), "kind": kind}


def record_reply_link(store: EventStore, *, article_id: int, anchor: str, kind: str) -> None:
    with store.transaction() as connection:
        connection.execute(insert(reply_link_events), {
            "created_at": store.clock(), "article_id": article_id, "anchor": anchor,
            "kind": kind})
