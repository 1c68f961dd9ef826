"""The OpenAPI document served at /api/openapi.json. A test checks that it names every route,
and Schemathesis that the service answers as it says (tests/search_service/test_openapi.py).

The document states the bounds the validation applies, from the same constants and settings;
the service areas a search or need may name are the corpus's own, so the document is made for
the corpus being served."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, current_app, jsonify

from .api import ARTICLE_TYPES, MAX_ANCHOR
from .catalogue import catalogue_of
from .feedback import MAX_COMMENT, MAX_QUERY, TOKEN_PATTERN
from .inputs import (
    MAX_ID,
    MAX_POSITION,
    NO_NUL_PATTERN,
    REQUIRED_TEXT_PATTERN,
    SEARCH_TEXT_PATTERN,
)
from .needs import MAX_NEED
from .store import REPLY_LINK_KINDS

openapi_blueprint = Blueprint("openapi", __name__, url_prefix="/api")

ERROR = {"$ref": "#/components/schemas/Error"}


def _query_param(name: str, description: str, *, required: bool = False,
                 schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict:
    return {str(code): {"description": "error", **_json(ERROR)} for code in codes}


def _text(maximum: int, *, required: bool = False, **extra: Any) -> dict:
    """A JSON text field: without NUL; a required one with more than spaces in it."""
    schema = {"type": "string", "maxLength": maximum, **extra}
    if required:
        schema.update(minLength=1, pattern=REQUIRED_TEXT_PATTERN)
    else:
        schema.update(nullable=True, pattern=NO_NUL_PATTERN)
    return schema


ARTICLE_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def document(config: Mapping[str, Any], areas: list[str]) -> dict:
    """The document for the service's settings and the service areas of its corpus."""
    q = _query_param("q", "What the reader typed: something besides spaces and control "
                     "characters (which count as spaces).", required=True,
                     schema={"type": "string", "minLength": 1,
                             "maxLength": config["MAX_QUERY_LENGTH"],
                             "pattern": SEARCH_TEXT_PATTERN})
    area = {"type": "string", "enum": ["", *areas]}
    return {"openapi": "3.0.3", "info": INFO, "paths": {
        "/api/search": {"get": {
            "summary": "Search articles; hits are sections grouped by article.",
            "parameters": [
                q,
                _query_param("type", "Only this article type (empty: all).",
                             schema={"type": "string", "enum": ["", *ARTICLE_TYPES]}),
                _query_param("category", "Only this service area, by slug (empty: all).",
                             schema=area),
                _query_param("page", "Result page, from 1.",
                             schema={"type": "integer", "minimum": 1,
                                     "maximum": config["MAX_PAGE"]}),
            ],
            "responses": {"200": {"description": "results",
                                  **_json({"$ref": "#/components/schemas/SearchResult"})},
                          **_errors(400, 503)},
        }},
        "/api/suggest": {"get": {
            "summary": "Up to 8 titles or FAQ questions for as-you-type suggestions.",
            "parameters": [q],
            "responses": {"200": {"description": "suggestions", **_json({
                "type": "object", "properties": {
                    "query": {"type": "string"},
                    "suggestions": {"type": "array", "maxItems": 8,
                                    "items": {"$ref": "#/components/schemas/Suggestion"}}}})},
                          **_errors(400, 429, 503)},
        }},
        "/api/articles/{article_id}": {"get": {
            "summary": "An article's metadata, short link and reply snippet, for helpdesk "
                       "tools.",
            "parameters": [{"name": "article_id", "in": "path", "required": True,
                            "schema": ARTICLE_ID}],
            "responses": {"200": {"description": "the article",
                                  **_json({"$ref": "#/components/schemas/Article"})},
                          **_errors(404)},
        }},
        "/api/click": {"post": {
            "summary": "Record that a reader opened a search result (for search analytics).",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["query", "article_id", "position"],
                "properties": {
                    "query": _text(config["MAX_QUERY_LENGTH"], required=True),
                    "article_id": ARTICLE_ID,
                    "anchor": _text(MAX_ANCHOR),
                    "position": {"type": "integer", "minimum": 1, "maximum": MAX_POSITION,
                                 "description": "1-based rank in the result list"}}})},
            "responses": {"204": {"description": "recorded"},
                          **_errors(400, 404, 413, 429)},
        }},
        "/api/feedback": {"post": {
            "summary": "\"Hjälpte det här?\": one browser's vote on an article or FAQ question. "
                       "A second vote from the same token on the same target replaces the "
                       "first, so a vote sent twice (a retry) is stored once.",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["article_id", "helpful", "token"],
                "properties": {
                    "article_id": ARTICLE_ID,
                    "anchor": _text(MAX_ANCHOR, description="FAQ question or section; none "
                                                            "for the article"),
                    "helpful": {"type": "boolean"},
                    "comment": _text(MAX_COMMENT, description="what was missing; null or absent "
                                    "keeps the comment already sent, \"\" removes it"),
                    "query": _text(MAX_QUERY, description="the search that led the reader "
                                                          "here"),
                    "token": {"type": "string", "pattern": TOKEN_PATTERN,
                              "description": "random per-browser token, for de-duplication"},
                }})},
            "responses": {
                "201": {"description": "the stored vote",
                        **_json({"$ref": "#/components/schemas/Vote"})},
                **_errors(400, 403, 404, 413, 422, 429)},
        }},
        "/api/needs": {"post": {
            "summary": "\"Berätta vad du letade efter\": what a reader could not find, from "
                       "the no-results page or after Nej. Staff plan and close needs on "
                       "/insights/.",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["text"],
                "properties": {
                    "text": _text(MAX_NEED, required=True),
                    "query": _text(MAX_QUERY, description="the search that led the reader "
                                                          "here"),
                    # OpenAPI 3.0: a nullable enum lists null among its values.
                    "category": {**area, "enum": [*area["enum"], None], "nullable": True,
                                 "description": "the service area (slug) the reader chose"},
                    "article_id": {**ARTICLE_ID, "nullable": True,
                                   "description": "the article the reader voted Nej on"},
                }})},
            "responses": {
                "201": {"description": "the stored need (e-mail addresses, identity and phone "
                                       "numbers replaced by placeholders)",
                        **_json({"$ref": "#/components/schemas/Need"})},
                **_errors(400, 403, 404, 413, 422, 429)},
        }},
        "/api/reply-links": {"post": {
            "summary": "Count a \"Kopiera länk\" press (copy) or a visit through a copied "
                       "link (visit, from ?via=svar).",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["article_id", "kind"],
                "properties": {
                    "article_id": ARTICLE_ID,
                    "anchor": _text(MAX_ANCHOR),
                    "kind": {"type": "string", "enum": list(REPLY_LINK_KINDS)},
                }})},
            "responses": {"204": {"description": "counted"},
                          **_errors(400, 403, 404, 413, 422, 429)},
        }},
        "/api/health": {"get": {
            "summary": "Liveness.",
            "responses": {"200": {"description": "ok", **_json({"type": "object"})}},
        }},
        "/api/openapi.json": {"get": {
            "summary": "This document.",
            "responses": {"200": {"description": "OpenAPI 3 document",
                                  **_json({"type": "object"})}},
        }},
    }, "components": COMPONENTS}


INFO = {"title": "Fokus search service", "version": "1",
        "description": "Search, suggestions and article lookup over the Fokus knowledge base, "
                       "and what readers tell it. Errors are JSON with a 4xx status."}

COMPONENTS = {"schemas": {
    "Error": {"type": "object", "required": ["error", "message"], "properties": {
        "error": {"type": "string"}, "message": {"type": "string"},
        "field": {"type": "string", "description": "the parameter or field at fault"}}},
    "Facet": {"type": "object", "properties": {
        "value": {"type": "string"}, "title": {"type": "string"},
        "count": {"type": "integer"}}},
    "Hit": {"type": "object", "properties": {
        "article_id": {"type": "integer"}, "kb": {"type": "string"},
        "title": {"type": "string"}, "type": {"type": "string"},
        "category": {"type": "string"},
        "section": {"type": "string", "nullable": True,
                    "description": "heading of the best-matching section"},
        "anchor": {"type": "string", "nullable": True},
        "url": {"type": "string", "description": "canonical URL with #anchor"},
        "path": {"type": "string", "description": "site-relative path with #anchor"},
        "short_url": {"type": "string"}, "summary": {"type": "string"},
        "snippet": {"type": "string",
                    "description": "HTML-escaped text; matches wrapped in <mark>"},
        "score": {"type": "number"},
        "more_sections": {"type": "array", "items": {"type": "object"}}}},
    "SearchResult": {"type": "object", "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer",
                  "description": "articles found: the best matches, at most 100, none "
                                 "scoring below a tenth of the best"},
        "page": {"type": "integer"}, "pages": {"type": "integer"},
        "page_size": {"type": "integer"},
        "did_you_mean": {"type": "string", "nullable": True},
        "facets": {"type": "object", "properties": {
            "type": {"type": "array", "items": {"$ref": "#/components/schemas/Facet"}},
            "category": {"type": "array",
                         "items": {"$ref": "#/components/schemas/Facet"}}}},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "took_ms": {"type": "number"}}},
    "Vote": {"type": "object", "properties": {
        "id": {"type": "integer"}, "article_id": {"type": "integer"},
        "anchor": {"type": "string", "nullable": True}, "helpful": {"type": "boolean"},
        "comment": {"type": "string", "nullable": True},
        "query": {"type": "string", "nullable": True},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"}}},
    "Need": {"type": "object", "properties": {
        "id": {"type": "integer"}, "text": {"type": "string"},
        "query": {"type": "string", "nullable": True},
        "category": {"type": "string", "nullable": True},
        "article_id": {"type": "integer", "nullable": True},
        "status": {"type": "string", "enum": ["new", "planned", "done"]},
        "created_at": {"type": "string", "format": "date-time"}}},
    "Suggestion": {"type": "object", "properties": {
        "text": {"type": "string"}, "article_id": {"type": "integer"},
        "kb": {"type": "string"}, "title": {"type": "string"}, "type": {"type": "string"},
        "path": {"type": "string"}, "url": {"type": "string"}}},
    "Article": {"type": "object", "properties": {
        "id": {"type": "integer"}, "kb": {"type": "string"}, "title": {"type": "string"},
        "summary": {"type": "string"}, "type": {"type": "string"},
        "category": {"type": "string"}, "url": {"type": "string"},
        "short_url": {"type": "string"}, "owner": {"type": "string", "nullable": True},
        "reviewed": {"type": "string", "nullable": True}, "reply_snippet": {"type": "string"},
        "reply_html": {"type": "string"}}},
}}


@openapi_blueprint.get("/openapi.json")
def openapi():
    areas = [c["slug"] for c in catalogue_of(current_app).categories()]
    return jsonify(document(current_app.config, areas))
