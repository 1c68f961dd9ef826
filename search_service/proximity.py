"""Step 2b of a search: the best sections again, for query words that stand side by side.

Words of the query next to each other in a section ("Intel compilers", "stripe count",
"large datasets") say that it speaks of the query's thing, not just that it uses its words
somewhere apart: a term-proximity signal, as in the sequential dependence model of Metzler and
Croft. The index holds no positions (`content` counts weighted frequencies, see
indexing.FIELD_WEIGHTS), and adding every word pair to it would double the postings a build
writes. So, like Elasticsearch's rescore window, only the best RESCORE_WINDOW sections are read
again: their title, heading and text as pairs of neighbouring terms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from .scoring import SectionScores, best

if TYPE_CHECKING:
    from .analysis import Analyzer
    from .engine import IndexView
    from .query import Concept

RESCORE_WINDOW = 30  # sections
# A section where every neighbouring pair of the query stands together scores this much more.
PAIR_WEIGHT = 0.8
# A word of the text is analysed only if it starts as a term of the query does: the rest
# cannot be one of its words, and analysing every word of the window would cost more than
# the whole search. (A lemma starts as its word does but for a few irregular forms.)
PREFIX = 2

_WORD_RE = re.compile(r"\w+")

Pair = tuple[str, str]
Wanted = list[tuple[set[str], set[str], float]]


def rescore(view: IndexView, concepts: list[Concept], evidence: SectionScores) -> None:
    """Raise the score of the best sections by the share of the query's neighbouring pairs
    they have together, in place."""
    wanted = query_pairs(concepts, evidence.weights)
    if not wanted:
        return
    total = sum(weight for _, _, weight in wanted)
    prefixes = {term[:PREFIX] for first, second, _ in wanted for term in first | second}
    window = best(evidence.scores, RESCORE_WINDOW)
    shares = np.zeros(len(window), dtype=np.float32)
    for i, docnum in enumerate(window.tolist()):
        stored = view.scorer.stored_fields(docnum)
        title = view.articles.get(stored.get("article_id", ""), {}).get("title", "")
        pairs: set[Pair] = set()
        for text in (title, stored.get("heading_text", ""), stored.get("text", "")):
            pairs |= neighbours(view.analyzer, text, prefixes)
        shares[i] = sum(weight for first, second, weight in wanted
                        if together(pairs, first, second)) / total
    evidence.scores[window] *= 1 + PAIR_WEIGHT * shares


def query_pairs(concepts: list[Concept], weights: list[float]) -> Wanted:
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


def neighbours(analyzer: Analyzer, text: str, prefixes: set[str]) -> set[Pair]:
    """Pairs of the text's terms that stand next to each other, stop words left out; a word
    that starts unlike every prefix stands there as nothing. (The parts of a hyphenated word
    are words here: Analyzer.words, which also yields them joined, is a generator, and too
    slow for the text of the whole window.)"""
    stopwords, normalise = analyzer.stopwords, analyzer.normalise
    terms = [normalise(word) if word[:PREFIX] in prefixes else None
             for word in _WORD_RE.findall(text.lower()) if word not in stopwords]
    return {(a, b) for a, b in zip(terms, terms[1:], strict=False)
            if a is not None and b is not None}


def together(section: set[Pair], first: set[str], second: set[str]) -> bool:
    """Whether the section has a word of `first` next to a word of `second`, either way
    round ("compilers from Intel" is rare; "the quota of the work file system" is not)."""
    return any((a, b) in section or (b, a) in section for a in first for b in second)
