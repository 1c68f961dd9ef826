"""The OpenAPI document served at /api/openapi.json. A test checks that it names every route."""

from __future__ import annotations

from flask import Blueprint, jsonify

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


Q = _query_param("q", "What the reader typed (1-200 characters).", required=True,
                 schema={"type": "string", "minLength": 1, "maxLength": 200})

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Fokus search service", "version": "1",
             "description": "Search, suggestions and article lookup over the Fokus knowledge "
                            "base. Errors are JSON with a 4xx status."},
    "paths": {
        "/api/search": {"get": {
            "summary": "Search articles; hits are sections grouped by article.",
            "parameters": [
                Q,
                _query_param("type", "Only this article type.",
                             schema={"type": "string",
                                     "enum": ["handbook", "guide", "faq", "news", "event"]}),
                _query_param("category", "Only this service area (slug)."),
                _query_param("page", "Result page, from 1.",
                             schema={"type": "integer", "minimum": 1, "maximum": 100}),
            ],
            "responses": {"200": {"description": "results",
                                  **_json({"$ref": "#/components/schemas/SearchResult"})},
                          **_errors(400, 503)},
        }},
        "/api/suggest": {"get": {
            "summary": "Up to 8 titles or FAQ questions for as-you-type suggestions.",
            "parameters": [Q],
            "responses": {"200": {"description": "suggestions", **_json({
                "type": "object", "properties": {
                    "query": {"type": "string"},
                    "suggestions": {"type": "array", "maxItems": 8,
                                    "items": {"$ref": "#/components/schemas/Suggestion"}}}})},
                          **_errors(400, 503)},
        }},
        "/api/articles/{article_id}": {"get": {
            "summary": "An article's metadata, short link and reply snippet, for helpdesk "
                       "tools.",
            "parameters": [{"name": "article_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1}}],
            "responses": {"200": {"description": "the article",
                                  **_json({"$ref": "#/components/schemas/Article"})},
                          **_errors(404, 503)},
        }},
        "/api/click": {"post": {
            "summary": "Record that a reader opened a search result (for search analytics).",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["query", "article_id", "position"],
                "properties": {"query": {"type": "string", "maxLength": 200},
                               "article_id": {"type": "integer"},
                               "anchor": {"type": "string", "nullable": True},
                               "position": {"type": "integer", "minimum": 1}}})},
            "responses": {"204": {"description": "recorded"}, **_errors(400, 404)},
        }},
        "/api/feedback": {"post": {
            "summary": "\"Hjälpte det här?\": one browser's vote on an article or FAQ question. "
                       "A second vote from the same token on the same target replaces the "
                       "first.",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["article_id", "helpful", "token"],
                "properties": {
                    "article_id": {"type": "integer", "minimum": 1},
                    "anchor": {"type": "string", "nullable": True, "maxLength": 200,
                               "description": "FAQ question or section; none for the article"},
                    "helpful": {"type": "boolean"},
                    "comment": {"type": "string", "nullable": True, "maxLength": 1000,
                                "description": "what was missing; null or absent keeps the "
                                               "comment already sent, \"\" removes it"},
                    "query": {"type": "string", "nullable": True, "maxLength": 200,
                              "description": "the search that led the reader here"},
                    "token": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,128}$",
                              "description": "random per-browser token, for de-duplication"},
                }})},
            "responses": {
                "201": {"description": "the stored vote",
                        **_json({"$ref": "#/components/schemas/Vote"})},
                **_errors(400, 403, 404, 413, 422, 429)},
        }},
        "/api/needs": {"post": {
            "summary": "\"Berätta vad du letade efter\": what a reader could not find, from the "
                       "no-results page or after Nej. Staff plan and close needs on /insights/.",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["text"],
                "properties": {
                    "text": {"type": "string", "minLength": 1, "maxLength": 1000},
                    "query": {"type": "string", "nullable": True, "maxLength": 200,
                              "description": "the search that led the reader here"},
                    "category": {"type": "string", "nullable": True,
                                 "description": "the service area (slug) the reader chose"},
                    "article_id": {"type": "integer", "nullable": True, "minimum": 1,
                                   "description": "the article the reader voted Nej on"},
                }})},
            "responses": {
                "201": {"description": "the stored need (e-mail addresses, identity and phone "
                                       "numbers replaced by placeholders)",
                        **_json({"$ref": "#/components/schemas/Need"})},
                **_errors(400, 403, 413, 422, 429)},
        }},
        "/api/reply-links": {"post": {
            "summary": "Count a \"Kopiera länk\" press (copy) or a visit through a copied link "
                       "(visit, from ?via=svar).",
            "requestBody": {"required": True, **_json({
                "type": "object", "required": ["article_id", "kind"],
                "properties": {
                    "article_id": {"type": "integer", "minimum": 1},
                    "anchor": {"type": "string", "nullable": True, "maxLength": 200},
                    "kind": {"type": "string", "enum": ["copy", "visit"]},
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
            "responses": {"200": {"description": "OpenAPI 3 document"}},
        }},
    },
    "components": {"schemas": {
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
            "short_url": {"type": "string"}, "owner": {"type": "string"},
            "reviewed": {"type": "string"}, "reply_snippet": {"type": "string"},
            "reply_html": {"type": "string"}}},
    }},
}


@openapi_blueprint.get("/openapi.json")
def openapi():
    return jsonify(SPEC)
