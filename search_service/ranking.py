"""Step 3 of a search: section scores -> ranked articles, with the floor and the facets.

An article ranks by its best section among the best CANDIDATE_SECTIONS, weighted by how much
of the query its title says; it keeps its candidate sections for results.py to land on.
Results are the best MAX_ARTICLES articles: with OR semantics nearly every article shares some
word with a long question, and counting all of them would cost far more than it tells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .scoring import best

if TYPE_CHECKING:
    from .engine import IndexView
    from .query import Concept

CANDIDATE_SECTIONS = 300
MAX_ARTICLES = 100
MIN_RELATIVE_SCORE = 0.1
# Extra weight when the article's title says everything the query says.
TITLE_COVERAGE = 0.5


@dataclass
class RankedArticle:
    article_id: str
    score: float
    factor: float  # the title's weight, applied to every section
    sections: list[tuple[int, float]] = field(default_factory=list)  # (docnum, score), best first


@dataclass
class Ranking:
    articles: list[RankedArticle]  # after the filters, best first
    facets: dict


def rank(view: IndexView, scores: np.ndarray, concepts: list[Concept], *,
         type: str | None = None, category: str | None = None) -> Ranking:
    """The articles for the section scores; facets count the unfiltered ranking."""
    ranked = ranked_articles(view, scores, concepts)
    facets = count_facets(view, ranked, type, category)
    if type or category:
        chosen = np.ones(view.scorer.size, dtype=bool)
        if type:
            chosen &= view.scorer.mask("type", type)
        if category:
            chosen &= view.scorer.mask("category", category)
        ranked = ranked_articles(view, np.where(chosen, scores, 0), concepts)
    return Ranking(ranked, facets)


def ranked_articles(view: IndexView, scores: np.ndarray,
                    concepts: list[Concept]) -> list[RankedArticle]:
    """Articles by their best candidate section after the title weight, above the floor."""
    candidates = best(scores, CANDIDATE_SECTIONS)
    by_article: dict[str, RankedArticle] = {}
    for docnum, score in zip(candidates.tolist(), scores[candidates].tolist(), strict=True):
        article_id = view.article_of[docnum]
        if article_id not in view.articles:
            continue  # an article the metadata does not know yet: skip
        entry = by_article.get(article_id)
        if entry is None:
            title_terms = view.title_terms(article_id)
            titled = sum(1 for c in concepts if c.terms & title_terms)
            factor = title_factor(titled, len(concepts))
            entry = by_article[article_id] = RankedArticle(article_id, score * factor, factor)
        entry.sections.append((docnum, score * entry.factor))
    ranked = sorted(by_article.values(), key=lambda entry: -entry.score)
    if ranked:
        # Far below the best answer is noise: an article sharing one common word.
        floor = MIN_RELATIVE_SCORE * ranked[0].score
        ranked = [entry for entry in ranked if entry.score >= floor]
    return ranked[:MAX_ARTICLES]


def title_factor(in_title: int, total: int) -> float:
    """The weight of an article whose title says `in_title` of the query's `total` concepts."""
    return 1 + TITLE_COVERAGE * (in_title / total) if total else 1.0


def count_facets(view: IndexView, ranked: list[RankedArticle], type: str | None,
                 category: str | None) -> dict:
    """Counts per type within the chosen area, and per area within the chosen type: each
    facet ignores its own filter, so the reader sees what switching would give."""
    articles = [view.articles[entry.article_id] for entry in ranked]
    types = Counter(a["type"] for a in articles if not category or a["category"] == category)
    areas = Counter(a["category"] for a in articles if not type or a["type"] == type)
    titles = {c["slug"]: c["title"] for c in view.meta["categories"]}
    return {
        "type": [{"value": v, "count": n} for v, n in types.most_common()],
        "category": [{"value": v, "title": titles.get(v, v), "count": n}
                     for v, n in areas.most_common()],
    }
