"""The corpus file: the only thing the search service reads from the build.

Its schema is documented in docs/corpus.md; bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from .content import Article, Category
from .events import utc_iso
from .links import absolute
from .sections import Section

SCHEMA_NAME = "fokus-corpus"
SCHEMA_VERSION = 1


def article_record(article: Article, sections: list[Section], short_path: str, *,
                   site_url: str, review_interval: int) -> dict:
    """``short_path``: the site path of the article's short link (site_builder/urls.py)."""
    due = article.review_due(review_interval)
    record = {
        "id": article.id,
        "kb": article.kb or None,
        "title": article.title,
        "summary": article.summary,
        "type": article.type,
        "category": article.category,
        "tags": article.tags,
        "owner": article.owner,
        "reviewed": _iso(article.reviewed),
        "review_due": _iso(due),
        "date": _iso(article.date),
        "status": article.status,
        "replaced_by": article.replaced_by,
        "important": article.important,
        "source_path": article.path,
        "path": article.url,
        "url": absolute(site_url, article.url),
        "short_path": short_path if article.id is not None else None,
        "short_url": absolute(site_url, short_path) if article.id is not None else None,
        "aliases": article.aliases,
        # Events and status banners (docs/corpus.md); times in UTC.
        "start": utc_iso(article.start),
        "end": utc_iso(article.end),
        "place": article.place,
        "online": article.online,
        "registration": article.registration,
        "banner": article.banner,
        "banner_until": utc_iso(article.banner_until),
        "sections": [
            {"heading": s.heading, "anchor": s.anchor, "level": s.level, "text": s.text}
            for s in sections
        ],
    }
    record["content_hash"] = content_hash(record)
    return record


def content_hash(record: dict) -> str:
    """Changes whenever anything the search index holds about the article changes."""
    data = json.dumps({k: v for k, v in record.items() if k != "content_hash"},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def corpus_document(records: list[dict], categories: list[Category], *, site_url: str,
                    language: str, synonyms: list[list[str]] | None = None,
                    generated_at: dt.datetime | None = None) -> dict:
    return {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "generated_at": (generated_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "site_url": site_url,
        "language": language,
        "categories": [
            {"slug": c.slug, "title": c.title, "description": c.description, "icon": c.icon,
             "order": c.order, "owner": c.owner}
            for c in categories
        ],
        "synonyms": synonyms or [],
        "articles": sorted(records, key=lambda r: (r["id"] is None, r["id"] or 0, r["path"])),
    }


def write_json_atomically(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".corpus-", dir=path.parent)
    # One line: without `indent`, json uses its C encoder, many times faster for a large tree.
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False))
    os.replace(tmp, path)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
