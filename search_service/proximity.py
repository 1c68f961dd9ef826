"""Step 2b of a search: the best sections again, for query words that stand side by side.

Words of the query next to each other in a section ("Intel compilers", "stripe count",
"large datasets") say that it speaks of the query's thing, not just that it uses its words
somewhere apart: a term-proximity signal, as in the sequential dependence model of Metzler and
Croft. The index holds no positions (`content` counts weighted frequencies, see
indexing.FIELD_WEIGHTS), and adding every word pair to it would double the postings a build
writes. So, like Elasticsearch's rescore window, only the best RESCORE_WINDOW sections are read
again: their title, heading and text as pairs of neighbouring terms, cached per index view.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .scoring import SectionScores, best

if TYPE_CHECKING:
    from .analysis import Analyzer
    from .query import Concept
    from .scoring import SectionScorer

RESCORE_WINDOW = 50  # sections
# A section where every neighbouring pair of the query stands together scores this much more.
PAIR_WEIGHT = 0.8
CACHED_SECTIONS = 20_000

Pair = tuple[str, str]


class SectionPairs:
    """Each section's pairs of neighbouring terms, read from the stored text when asked."""

    def __init__(self, scorer: SectionScorer, analyzer: Analyzer, titles: dict[str, str]):
        self.scorer = scorer
        self.analyzer = analyzer
        self.titles = titles  # article id -> title
        self.of = lru_cache(maxsize=CACHED_SECTIONS)(self._pairs)

    def _pairs(self, docnum: int) -> frozenset[Pair]:
        stored = self.scorer.stored_fields(docnum)
        pairs: set[Pair] = set()
        for text in (self.titles.get(stored.get("article_id", ""), ""),
                     stored.get("heading_text", ""), stored.get("text", "")):
            pairs.update(neighbours(self.analyzer, text))
        return frozenset(pairs)


def neighbours(analyzer: Analyzer, text: str) -> set[Pair]:
    """Pairs of the text's terms that stand next to each other, stop words left out."""
    terms = [analyzer.normalise(word) for word in analyzer.words(text)]
    return set(zip(terms, terms[1:], strict=False))


def query_pairs(concepts: list[Concept], weights: list[float]) -> list[tuple[set, set, float]]:
    """Neighbouring concepts of the query, each pair weighted by its weaker concept: the
    words each may stand for (not compound parts), and the weight."""
    pairs = []
    for (first, w1), (second, w2) in zip(zip(concepts, weights, strict=True),
                                         zip(concepts[1:], weights[1:], strict=True),
                                         strict=False):
        weight = min(w1, w2)
        if weight:
            pairs.append((first.word_terms, second.word_terms, weight))
    return pairs


def together(section: frozenset[Pair], first: set[str], second: set[str]) -> bool:
    """Whether the section has a word of `first` next to a word of `second`, either way
    round ("compilers from Intel" is rare; "the quota of the work file system" is not)."""
    return any((a, b) in section or (b, a) in section for a in first for b in second)


def rescore(pairs: SectionPairs, concepts: list[Concept], evidence: SectionScores) -> None:
    """Raise the score of the best sections by the share of the query's neighbouring pairs
    they have together, in place."""
    wanted = query_pairs(concepts, evidence.weights)
    if not wanted:
        return
    total = sum(weight for _, _, weight in wanted)
    window = best(evidence.scores, RESCORE_WINDOW)
    shares = np.zeros(len(window), dtype=np.float32)
    for i, docnum in enumerate(window.tolist()):
        section = pairs.of(docnum)
        shares[i] = sum(weight for first, second, weight in wanted
                        if together(section, first, second)) / total
    evidence.scores[window] *= 1 + PAIR_WEIGHT * shares
