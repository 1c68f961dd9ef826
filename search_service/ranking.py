"""Step 3 of a search: section scores -> ranked articles, with the floor and the facets.

A page deeper in the site's folders is the more specific one: of two pages that say as much,
the shallower, more general one ranks first (depth_factor).

An article ranks by its best section among the best CANDIDATE_SECTIONS; it keeps its candidate
sections for results.py to land on.
Results are the best MAX_ARTICLES articles: with OR semantics nearly every article shares some
word with a long question, and counting all of them would cost far more than it tells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .scoring import SectionScores, best

if TYPE_CHECKING:
    from .engine import IndexView

CANDIDATE_SECTIONS = 300
MAX_ARTICLES = 100
MIN_RELATIVE_SCORE = 0.1
MIN_HITS = 5  # kept whatever the floor says, when as many articles match
# A section's score is multiplied by this once per folder of its article's path. In each shared
# docs tree the pages that answer the labelled queries sit higher up than its pages on average
# (cscs-docs: 78% of the answers, 45% of the pages are files of a top-level folder): the deeper
# pages are the tutorials, per-application and training pages that repeat an overview's words.
DEPTH_FACTOR = 0.9


class RankedSection(NamedTuple):
    docnum: int
    score: float
    heading: float  # the share of the query its heading says (scoring.SectionScores)
    own: float  # the share its own heading and text say


@dataclass
class Candidates:
    """The best CANDIDATE_SECTIONS sections of a query, best first, as arrays."""

    docnums: np.ndarray
    scores: np.ndarray
    heading: np.ndarray
    own: np.ndarray
    articles: np.ndarray  # each section's article number (IndexView.article_number)

    def of_article(self, number: int) -> list[RankedSection]:
        where = np.flatnonzero(self.articles == number).tolist()
        return [RankedSection(int(self.docnums[i]), float(self.scores[i]),
                              float(self.heading[i]), float(self.own[i])) for i in where]


@dataclass
class RankedArticle:
    article_id: str
    score: float
    number: int  # IndexView.article_number
    candidates: Candidates

    @property
    def sections(self) -> list[RankedSection]:
        """Its candidate sections, best first (worked out for the hits shown only)."""
        return self.candidates.of_article(self.number)


@dataclass
class Ranking:
    articles: list[RankedArticle]  # after the filters, best first
    facets: dict


def rank(view: IndexView, evidence: SectionScores, *, type: str | None = None,
         category: str | None = None) -> Ranking:
    """The articles for the section scores; facets count the unfiltered ranking."""
    scores = evidence.scores * view.depth_factor[view.article_number]
    ranked = ranked_articles(view, scores, evidence)
    facets = count_facets(view, ranked, type, category)
    if type or category:
        chosen = np.ones(view.scorer.size, dtype=bool)
        if type:
            chosen &= view.scorer.mask("type", type)
        if category:
            chosen &= view.scorer.mask("category", category)
        ranked = ranked_articles(view, np.where(chosen, scores, 0), evidence)
    return Ranking(ranked, facets)


def depth_factor(path: str) -> float:
    """DEPTH_FACTOR once per folder of the path: 1 for the site's home page ("") and equally
    for every page when all sit at the same depth, as in the starter content."""
    return DEPTH_FACTOR ** len([folder for folder in path.split("/") if folder])


def ranked_articles(view: IndexView, scores: np.ndarray,
                    evidence: SectionScores) -> list[RankedArticle]:
    """Articles by their best candidate section, above the floor. Articles the metadata
    does not know yet (a newer generation's) are left out."""
    docnums = best(scores, CANDIDATE_SECTIONS)
    numbers = view.article_number[docnums]
    known = view.known_article[numbers]
    docnums, numbers = docnums[known], numbers[known]
    candidates = Candidates(docnums, scores[docnums], evidence.heading[docnums],
                            evidence.own[docnums], numbers)
    # An article's first candidate is its best: candidates come best first.
    _, first = np.unique(numbers, return_index=True)
    first.sort()
    ranked = [RankedArticle(view.article_of[docnum], score, number, candidates)
              for docnum, score, number in zip(docnums[first].tolist(),
                                               candidates.scores[first].tolist(),
                                               numbers[first].tolist(), strict=True)]
    return above_floor(ranked)[:MAX_ARTICLES]


def above_floor(ranked: list[RankedArticle]) -> list[RankedArticle]:
    """Far below the best answer is noise (an article sharing one common word), but never
    fewer than MIN_HITS: for a long question the best score can belong to the wrong page."""
    if not ranked:
        return ranked
    floor = MIN_RELATIVE_SCORE * ranked[0].score
    kept = sum(1 for entry in ranked if entry.score >= floor)
    return ranked[:max(kept, MIN_HITS)]


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
