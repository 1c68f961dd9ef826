"""Who answers for what: owners, service areas and review dates, read from the corpus file.

The corpus (docs/corpus.md) gives every article its `owner`, `category` and `review_due`, and
every service area its `owner`. A zero-result search belongs to an area by, in this order: the
area a reader chose when telling what they looked for (a need), the area filter the search was
made with, the area of the best partial hit the search index finds for it; searches that belong
to no area go to the configured default owner (the helpdesk)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from .corpus import CorpusError, load_corpus

DUE_SOON_DAYS = 30


class Searcher(Protocol):
    """What owners.py needs of the search engine (search_service.engine.SearchEngine)."""

    def search(self, text: str, **filters: Any) -> dict: ...

    def suggest(self, text: str) -> list[dict]: ...


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    kb: str
    title: str
    category: str
    owner: str
    path: str
    review_due: date | None
    reviewed: date | None
    headings: dict[str, str]  # anchor -> heading, FAQ questions and sections


@dataclass
class Ownership:
    language: str = "sv"
    articles: dict[int, ArticleInfo] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)  # slug -> title
    area_owners: dict[str, str] = field(default_factory=dict)  # slug -> owner

    @property
    def owners(self) -> list[str]:
        return sorted(set(self.area_owners.values()) | {a.owner for a in self.articles.values()
                                                        if a.owner})

    def owner_of_area(self, slug: str | None, default: str) -> str:
        return self.area_owners.get(slug or "", default) if slug else default

    def owner_of_article(self, article_id: int | None, default: str) -> str:
        article = self.articles.get(article_id) if article_id is not None else None
        return article.owner if article and article.owner else default

    def title_of(self, article_id: int, anchor: str | None = None) -> str:
        article = self.articles.get(article_id)
        if article is None:
            return f"KB-{article_id:04d}"
        return article.headings.get(anchor or "", "") if anchor else article.title

    def reviews(self, today: date, soon_days: int = DUE_SOON_DAYS) -> list[tuple[str, ArticleInfo]]:
        """("overdue" or "due", article) for reviews due before today + soon_days, earliest
        first."""
        horizon = today + timedelta(days=soon_days)
        due = sorted((a for a in self.articles.values()
                      if a.review_due is not None and a.review_due <= horizon),
                     key=lambda a: (a.review_due, a.id))
        return [("overdue" if a.review_due < today else "due", a) for a in due]


def ownership_from_corpus(document: Any) -> Ownership:
    """From a loaded corpus (search_service.corpus.Corpus)."""
    articles = {}
    owners_by_area: dict[str, Counter] = {}
    for record in document.articles:
        if record.get("status") != "published" or not record.get("id"):
            continue
        info = ArticleInfo(
            id=record["id"], kb=record.get("kb") or f"KB-{record['id']:04d}",
            title=record.get("title", ""), category=record.get("category", ""),
            owner=record.get("owner") or "", path=record.get("path", ""),
            review_due=_date(record.get("review_due")), reviewed=_date(record.get("reviewed")),
            headings={s["anchor"]: s["heading"] for s in record.get("sections", [])
                      if s.get("anchor")})
        articles[info.id] = info
        if info.owner:
            owners_by_area.setdefault(info.category, Counter())[info.owner] += 1
    areas, area_owners = {}, {}
    for category in document.categories:
        slug = category["slug"]
        areas[slug] = category.get("title", slug)
        # Older corpora carry no area owner: the owner of most of the area's articles.
        owner = category.get("owner") or _most_common(owners_by_area.get(slug))
        if owner:
            area_owners[slug] = owner
    return Ownership(document.language, articles, areas, area_owners)


class OwnershipCache:
    """The ownership of the corpus file, read again only when the file changes."""

    def __init__(self, corpus_path: Path | str):
        self.path = Path(corpus_path)
        self._lock = threading.Lock()
        self._seen: float | None = None
        self._value = Ownership()

    def get(self) -> Ownership:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            return Ownership()
        with self._lock:
            if mtime != self._seen:
                try:
                    self._value = ownership_from_corpus(load_corpus(self.path))
                    self._seen = mtime
                except CorpusError:
                    pass  # keep what we had; the pages still show the event figures
            return self._value


# -- zero-result searches to areas ------------------------------------------------------------

def area_of_query(query: str, *, need_area: str | None, filter_area: str | None,
                  searcher: Searcher | None, ownership: Ownership) -> str | None:
    """The service area a zero-result search belongs to, or None (the default owner's)."""
    for area in (need_area, filter_area):
        if area in ownership.areas:
            return area
    if searcher is None:
        return None
    return best_partial_hit_area(query, searcher, ownership)


def best_partial_hit_area(query: str, searcher: Searcher, ownership: Ownership) -> str | None:
    """The area of the article that comes closest: today's top hit (the index may have grown
    an answer since), else the top hit of "Menade du …?", else the first as-you-type
    suggestion for the query."""
    try:
        result = searcher.search(query)
        hits = result.get("hits") or []
        if not hits and result.get("did_you_mean"):
            hits = searcher.search(result["did_you_mean"]).get("hits") or []
        if hits:
            return hits[0].get("category")
        suggestions = searcher.suggest(query)
    except Exception:  # no index yet, or a query it refuses: no area, the default owner's
        return None
    for suggestion in suggestions:
        article = ownership.articles.get(suggestion.get("article_id"))
        if article is not None:
            return article.category
    return None


def _most_common(counter: Counter | None) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
