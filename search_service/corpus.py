"""Reading the corpus file the site builder writes: the service's only input from the build."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .text import normalise

SCHEMA_NAME = "fokus-corpus"
SUPPORTED_VERSIONS = (1,)
# Optional text fields of an article and a section: missing, null or empty all read as "".
ARTICLE_TEXT_FIELDS = ("title", "summary", "type", "category", "url", "path")
SECTION_TEXT_FIELDS = ("heading", "anchor", "text")


class CorpusError(ValueError):
    """The corpus file is missing, unreadable or of a version this service does not know."""


@dataclass
class Corpus:
    path: Path
    generated_at: str
    language: str
    site_url: str
    categories: list[dict]
    synonyms: list[list[str]]
    articles: list[dict]

    @property
    def searchable(self) -> list[dict]:
        """Articles the index holds: archived ones are kept out of search results."""
        return [a for a in self.articles if a.get("status") == "published" and a.get("id")]


def article_summary(article: dict) -> dict:
    """What results, facets and the catalogue need about an article, kept in memory."""
    keys = ("id", "kb", "title", "summary", "type", "category", "url", "path", "short_url",
            "short_path", "owner", "reviewed", "date", "tags", "status", "banner",
            "banner_until")
    summary = {key: article.get(key) for key in keys}
    summary["anchors"] = [s["anchor"] for s in article.get("sections", []) if s.get("anchor")]
    return summary


def load_corpus(path: Path | str) -> Corpus:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: no corpus file; run `fokus build` first") from None
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: cannot read the corpus: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
        raise CorpusError(f"{path}: not a Fokus corpus file")
    if data.get("schema_version") not in SUPPORTED_VERSIONS:
        raise CorpusError(f"{path}: corpus schema version {data.get('schema_version')} is not "
                          f"supported (this service reads {SUPPORTED_VERSIONS})")
    return Corpus(path=path, generated_at=data.get("generated_at", ""),
                  language=data.get("language", "sv"), site_url=data.get("site_url", ""),
                  categories=data.get("categories", []),
                  synonyms=[[_text(word) for word in group if isinstance(word, str)]
                            for group in data.get("synonyms") or [] if isinstance(group, list)],
                  articles=[with_defaults(a) for a in data.get("articles") or []
                            if isinstance(a, dict)])


def with_defaults(article: dict) -> dict:
    """The article with every optional field the service reads present and of its type, so
    that no reader of the corpus needs to guard against a missing, null or empty summary."""
    article = dict(article)
    for key in ARTICLE_TEXT_FIELDS:
        article[key] = _text(article.get(key))
    article["tags"] = [_text(tag) for tag in article.get("tags") or [] if isinstance(tag, str)]
    article["short_url"] = article.get("short_url") or article["url"]
    article["short_path"] = article.get("short_path") or article["path"]
    article["sections"] = [
        {**section, **{key: _text(section.get(key)) for key in SECTION_TEXT_FIELDS}}
        for section in article.get("sections") or [] if isinstance(section, dict)]
    return article


def _text(value: object) -> str:
    """Text as the analysis and the snippets expect it: NFC, single spaces."""
    return normalise(value) if isinstance(value, str) else ""
