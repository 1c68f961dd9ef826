"""Related articles: those sharing the most tags, then others from the same service area."""

from __future__ import annotations

import heapq
from collections import defaultdict

from .content import Article

# A tag carried by thousands of articles says little; looking at this many is plenty.
_CANDIDATES_PER_TAG = 200


def related_articles(articles: list[Article], count: int) -> dict[str, list[Article]]:
    """Map each article's path to at most ``count`` related live articles, best first."""
    live = sorted((a for a in articles if a.status == "published"),
                  key=lambda a: (a.title.casefold(), a.path))
    by_tag: dict[str, list[Article]] = defaultdict(list)
    by_area: dict[str, list[Article]] = defaultdict(list)
    for article in live:
        by_area[article.category].append(article)
        for tag in {t.casefold() for t in article.tags}:
            if len(by_tag[tag]) < _CANDIDATES_PER_TAG:
                by_tag[tag].append(article)
    # Ties go by the order of `live`, so that every build lists the same related articles.
    rank = {a.path: n for n, a in enumerate(live)}
    result: dict[str, list[Article]] = {}
    for article in articles:
        scores: dict[str, int] = {}
        lookup: dict[str, Article] = {}
        for tag in {t.casefold() for t in article.tags}:
            for other in by_tag.get(tag, ()):
                weight = 2 if other.category == article.category else 1
                scores[other.path] = scores.get(other.path, 0) + weight
                lookup[other.path] = other
        scores.pop(article.path, None)
        # The best `count` of hundreds of candidates: a heap, not a sort of them all.
        best = heapq.nsmallest(count, scores.items(),
                               key=lambda kv: (-kv[1], rank.get(kv[0], 0)))
        ranked = [lookup[p] for p, _ in best]
        for other in by_area.get(article.category, ()):
            if len(ranked) >= count:
                break
            if other.path != article.path and other not in ranked:
                ranked.append(other)
        result[article.path] = ranked
    return result


def related_basis(articles: list[Article], count: int) -> tuple:
    """Everything `related_articles` decides by: while it stays the same, so does the result."""
    return (count, tuple((a.path, a.title, a.category, a.status, tuple(a.tags))
                         for a in articles))
