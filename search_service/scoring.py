"""Step 2 of a search: concepts -> a score for every section, BM25F with numpy.

Whoosh's collector scores one posting at a time in Python, about a microsecond each: a question
with a few common words over 67,000 sections took well over 100 ms, nearly all of it there.
Here a term's posting list is read from the Whoosh index once per index generation, scored with
the same BM25F formula, statistics and parameters Whoosh would use, and kept as two arrays
(document numbers and scores). A query then adds whole arrays together, and counting how many
query concepts each section matches (coordination, below) costs one more array per concept.

The index stays Whoosh's: its schema, analysis, segments, incremental updates and the other
fields (suggestions) are used as before; only collecting and scoring moved here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from whoosh import query as wq
from whoosh.matching import Matcher
from whoosh.searching import Searcher

from .indexing import FIELD_WEIGHTS
from .query import CLOSE

if TYPE_CHECKING:
    from .query import Concept

# BM25's saturation of a term's (weighted) frequency, and its length normalisation.
BM25_K1 = 1.2
BM25_B = 0.85  # above Whoosh's 0.75: a long section gains less from repeating a word
# Share of a section's score that depends on how much of the query it matches.
COORDINATION = 0.6
# Extra weight for a section whose heading, or whose article's title, says the whole query.
HEADING_WEIGHT = 1.0
TITLE_WEIGHT = 2.0
# And when the title says nothing else, and at least EXACT_TITLE_SHARE of the query (see
# exact_titles).
EXACT_TITLE = 1.25
EXACT_TITLE_SHARE = 0.5
Postings = tuple[np.ndarray, np.ndarray]  # document numbers (int64), scores (float32)
_EMPTY: Postings = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


class UnsupportedQueryError(TypeError):
    """A query type this scorer does not evaluate (query.py builds only Term, Or and And)."""


class SectionScorer:
    """Scores for every section of one index generation; made once per searcher."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.alive = np.zeros(self.size, dtype=bool)
        self.alive[np.fromiter(self.reader.all_doc_ids(), dtype=np.int64)] = True
        self._lengths: dict[str, np.ndarray] = {}
        self._postings: dict[tuple[str, str], Postings] = {}
        self._documents: dict[tuple[str, str], np.ndarray] = {}
        self._frequencies: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._codes: dict[str, tuple[np.ndarray, list[str]]] = {}
        # Whoosh's readers seek and read shared file objects: one reader at a time. Reads
        # happen once per term and index generation, so nobody waits long.
        self._reading = threading.Lock()

    def prepare(self, text_fields: tuple[str, ...], id_fields: tuple[str, ...]) -> None:
        """Read the per-document arrays now, while opening, rather than in the first search."""
        with self._reading:
            for fieldname in text_fields:
                self._field_lengths(fieldname)
        for fieldname in id_fields:
            self.codes(fieldname)

    # -- per document ---------------------------------------------------------------------

    def stored_column(self, fieldname: str) -> list:
        """A sortable field's value for every document number."""
        with self._reading:
            return list(self.reader.column_reader(fieldname))

    def stored_fields(self, docnum: int) -> dict:
        with self._reading:
            return self.reader.stored_fields(docnum)

    def doc_frequency(self, fieldname: str, text: str) -> int:
        with self._reading:
            return self.reader.doc_frequency(fieldname, text)

    def expand_prefix(self, fieldname: str, prefix: str) -> list[str]:
        """The field's terms that start with `prefix`."""
        with self._reading:
            return [term.decode("utf-8") for term in self.reader.expand_prefix(fieldname, prefix)]

    def codes(self, fieldname: str) -> tuple[np.ndarray, list[str]]:
        """An ID field (type, category) as a code per document and the list of values."""
        cached = self._codes.get(fieldname)
        if cached is None:
            with self._reading:
                cached = self._codes[fieldname] = self._read_codes(fieldname)
        return cached

    def _read_codes(self, fieldname: str) -> tuple[np.ndarray, list[str]]:
        values = [self.reader.schema[fieldname].from_bytes(v)
                  for v in self.reader.lexicon(fieldname)]
        codes = np.full(self.size, -1, dtype=np.int32)
        for code, value in enumerate(values):
            codes[self._ids(fieldname, value)] = code
        return codes, values

    def mask(self, fieldname: str, value: str) -> np.ndarray:
        codes, values = self.codes(fieldname)
        if value not in values:
            return np.zeros(self.size, dtype=bool)
        return codes == values.index(value)

    # -- per term -------------------------------------------------------------------------

    def postings(self, fieldname: str, text: str) -> Postings:
        """Document numbers and BM25F scores of one term, read and scored once."""
        key = (fieldname, text)
        cached = self._postings.get(key)
        if cached is None:
            with self._reading:
                cached = self._postings.get(key)  # another thread may have read it meanwhile
                if cached is None:
                    cached = self._postings[key] = self._score_term(fieldname, text)
        return cached

    def _score_term(self, fieldname: str, text: str) -> Postings:
        docs, tf = self._read_postings(fieldname, text)
        if fieldname == "content":  # the same read tells which sections say it themselves
            self._documents[("own", text)] = self._own(docs, tf, text)
        if not len(docs):
            return _EMPTY
        b, k1 = BM25_B, BM25_K1
        idf = self.searcher.idf(fieldname, text)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        length = self._field_lengths(fieldname)[docs]
        # whoosh.scoring.bm25, on whole arrays
        scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
        keep = self.alive[docs]
        return docs[keep], scores[keep].astype(np.float32)

    def _field_lengths(self, fieldname: str) -> np.ndarray:
        lengths = self._lengths.get(fieldname)
        if lengths is None:  # read under self._reading, by _score_term or prepare
            lengths = np.fromiter(
                (self.reader.doc_field_length(d, fieldname, 1) for d in range(self.size)),
                dtype=np.float64, count=self.size)
            self._lengths[fieldname] = lengths
        return lengths

    def _ids(self, fieldname: str, value: str) -> np.ndarray:
        docs, _ = self._read_postings(fieldname, value)
        return docs[self.alive[docs]]

    def _read_postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """A term's document numbers and weights over every segment (deleted ones too)."""
        ids, weights = [], []
        for segment, offset in self.reader.leaf_readers():
            if (fieldname, text) in segment:
                seg_ids, seg_weights = _read_all(_unwrap(segment.postings(fieldname, text)))
                ids.append(seg_ids + offset)
                weights.append(seg_weights)
        if not ids:
            return _EMPTY[0], np.zeros(0, dtype=np.float64)
        return np.concatenate(ids), np.concatenate(weights)

    def documents(self, fieldname: str, text: str) -> np.ndarray:
        """The live documents whose field holds the term, sorted; read once."""
        key = (fieldname, text)
        cached = self._documents.get(key)
        if cached is None:
            with self._reading:
                cached = self._documents.get(key)
                if cached is None:
                    cached = self._documents[key] = self._ids(fieldname, text)
        return cached

    def frequencies(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The live documents whose field holds the term, with its frequency in each."""
        key = (fieldname, text)
        cached = self._frequencies.get(key)
        if cached is None:
            with self._reading:
                docs, frequency = self._read_postings(fieldname, text)
                keep = self.alive[docs]
                cached = self._frequencies[key] = (docs[keep], frequency[keep])
        return cached

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """Every document's number of terms in the field (read once, see prepare)."""
        with self._reading:
            return self._field_lengths(fieldname)

    def idf(self, fieldname: str, text: str) -> float:
        with self._reading:
            return self.searcher.idf(fieldname, text)

    def own_documents(self, text: str) -> np.ndarray:
        """The live documents whose own words, heading or text, hold the term."""
        key = ("own", text)
        if key not in self._documents:
            self.postings("content", text)  # finds them too
        return self._documents[key]

    def _own(self, docs: np.ndarray, frequency: np.ndarray, text: str) -> np.ndarray:
        """`content` counts the title, heading and summary of a section with their
        FIELD_WEIGHTS: what is left of a term's frequency once those are taken away is the
        text's. Reads the term in those fields, and keeps what it read (see documents)."""
        rest = frequency.copy()
        for fieldname, part in (("title", "title"), ("heading", "heading"),
                                ("about", "summary")):
            field_docs, field_frequency = self._read_postings(fieldname, text)
            # Every document with the term in a field has it in `content` too.
            rest[np.searchsorted(docs, field_docs)] -= FIELD_WEIGHTS[part] * field_frequency
            self._documents.setdefault((fieldname, text), field_docs[self.alive[field_docs]])
        own = np.union1d(docs[rest > 0.5], self._documents[("heading", text)])
        return own[self.alive[own]]

    def add_presence(self, total: np.ndarray, concept: Concept, fieldname: str,
                     weight: float) -> None:
        """Add `weight` times the weight of the concept's best alternative that the field
        holds whole (every term of it) to each document's `total`. Field "own" is a
        section's own words. Works on the documents found only, not on every section.
        A close spelling of a word the index does not know counts whole: `weight` is the
        concept's, already lowered for the doubt (concept_weight), and a title "GROMACS" says
        all of what "gromcas" meant."""
        documents = self.own_documents if fieldname == "own" else (
            lambda term: self.documents(fieldname, term))
        found = []
        for alternative in concept.alternatives:
            docs = documents(alternative.terms[0])
            for term in alternative.terms[1:]:
                docs = np.intersect1d(docs, documents(term), assume_unique=True)
            if len(docs):
                found.append((docs, 1.0 if alternative.kind == CLOSE else alternative.weight))
        if len(found) == 1:
            docs, best = found[0]
            total[docs] += weight * best
        elif found:
            docs = np.concatenate([d for d, _ in found])
            weights = np.concatenate([np.full(len(d), w, dtype=np.float32) for d, w in found])
            order = np.lexsort((-weights, docs))  # per document, its best alternative first
            docs, weights = docs[order], weights[order]
            first = np.ones(len(docs), dtype=bool)
            first[1:] = docs[1:] != docs[:-1]
            total[docs[first]] += weight * weights[first]

    # -- per query ------------------------------------------------------------------------

    def add(self, query: wq.Query, scores: np.ndarray, matched: np.ndarray,
            boost: float = 1.0) -> None:
        """Add the query's score for every section to `scores` and mark in `matched` the
        sections it matches. Or sums its parts (as Whoosh does); And needs all of them."""
        boost *= query.boost
        if isinstance(query, wq.Term):
            docs, term_scores = self.postings(query.fieldname, query.text)
            # Document numbers are unique within a term, so fancy-index adding is exact.
            scores[docs] += term_scores * boost
            matched[docs] = True
        elif isinstance(query, wq.Or):
            for part in query.subqueries:
                self.add(part, scores, matched, boost)
        elif isinstance(query, wq.And):
            part_scores = np.zeros(self.size, dtype=np.float32)
            every = np.ones(self.size, dtype=bool)
            for part in query.subqueries:
                part_matched = np.zeros(self.size, dtype=bool)
                self.add(part, part_scores, part_matched, boost)
                every &= part_matched
            scores += np.where(every, part_scores, 0)
            matched |= every
        else:
            raise UnsupportedQueryError(f"cannot score {type(query).__name__} queries")


@dataclass
class SectionScores:
    """A query's evidence for every section (arrays indexed by document number)."""

    scores: np.ndarray  # the final score: text, coverage, heading and title together
    heading: np.ndarray  # the share of the query the section's own heading says (0 to 1)
    own: np.ndarray  # the share its own heading and text say (not the article's title)
    weights: list[float]  # per concept, how much it counts in the shares (concept_weight)


def section_scores(scorer: SectionScorer, concepts: list[Concept]) -> SectionScores:
    """BM25F over the weighted text, scaled by three shares of the query, each weighted by
    how rare its words are: the share the section matches anywhere (coordination), the share
    its heading says, and the share the article's title says. A heading or title that says
    the whole query is strong evidence: it outweighs a body that repeats the words."""
    weights = [concept_weight(scorer, concept) for concept in concepts]
    total = sum(weights)
    text = np.zeros(scorer.size, dtype=np.float32)
    matched = np.zeros(scorer.size, dtype=np.float32)
    heading = np.zeros(scorer.size, dtype=np.float32)
    title = np.zeros(scorer.size, dtype=np.float32)
    own = np.zeros(scorer.size, dtype=np.float32)
    if not total:
        return SectionScores(text, heading, matched, weights)
    for concept, weight in zip(concepts, weights, strict=True):
        found = np.zeros(scorer.size, dtype=bool)
        scorer.add(concept.query(), text, found)
        matched += weight * found
        scorer.add_presence(heading, concept, "heading", weight)
        scorer.add_presence(title, concept, "title", weight)
        scorer.add_presence(own, concept, "own", weight)
    matched /= total
    heading /= total
    title /= total
    own /= total
    # A page whose title says nothing but the query is the answer as a whole: each of its
    # sections counts as headed by the query too, and a little more.
    exact = exact_titles(scorer, concepts, title)
    headed = np.where(exact, np.maximum(heading, title), heading)
    scores = (text * ((1 - COORDINATION) + COORDINATION * matched)
              * (1 + HEADING_WEIGHT * headed + TITLE_WEIGHT * title))
    scores[exact] *= EXACT_TITLE
    return SectionScores(scores.astype(np.float32), heading, own, weights)


def exact_titles(scorer: SectionScorer, concepts: list[Concept],
                 title: np.ndarray) -> np.ndarray:
    """The sections whose article's title says nothing but what the query says, and most of
    it: of several "… FAQ" pages, the one titled "FAQ" for the query "faq"; but not a page
    titled "Login" for "what is the last day I can log in to ARCHER2", which it names a
    common word of."""
    said = np.zeros(scorer.size, dtype=np.float32)  # the title's terms the query has
    for term in set().union(*(c.terms for c in concepts)):
        docs, frequency = scorer.frequencies("title", term)
        said[docs] += frequency
    lengths = scorer.field_lengths("title")
    return (title >= EXACT_TITLE_SHARE) & (lengths > 0) & (said >= lengths)


def concept_weight(scorer: SectionScorer, concept: Concept) -> float:
    """How much a concept counts in the shares: the idf of its rarest way of matching, as
    far as the index has it (a word found nowhere counts nothing)."""
    best_weight = 0.0
    for alternative in concept.alternatives:
        idfs = [scorer.idf("content", term) for term in alternative.terms
                if scorer.doc_frequency("content", term)]
        if len(idfs) == len(alternative.terms):
            best_weight = max(best_weight, alternative.weight * min(idfs))
    return best_weight


def best(scores: np.ndarray, count: int) -> np.ndarray:
    """Document numbers of the `count` highest positive scores, best first."""
    matching = int(np.count_nonzero(scores > 0))
    count = min(count, matching)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, count - 1)[:count]
    return top[np.argsort(-scores[top], kind="stable")]


def _unwrap(matcher: Matcher) -> Matcher:
    """The leaf under Whoosh's deletion filter: deleted documents are dropped by `alive`."""
    while not hasattr(matcher, "_read_ids") and hasattr(matcher, "child"):
        matcher = matcher.child
    return matcher


def _read_all(matcher: Matcher) -> tuple[np.ndarray, np.ndarray]:
    """Every posting of a leaf matcher, a block at a time (a posting at a time is what makes
    Whoosh slow). Falls back to the public one-at-a-time interface for other matchers."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64))
            weights.append(np.asarray(matcher._weights, dtype=np.float64))
            matcher._next_block()
    else:
        docs, tfs = [], []
        while matcher.is_active():
            docs.append(matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
        ids.append(np.asarray(docs, dtype=np.int64))
        weights.append(np.asarray(tfs, dtype=np.float64))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(weights)
