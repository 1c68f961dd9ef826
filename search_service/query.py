"""Step 1 of a search: what an employee typed, as *concepts*.

Each query word becomes a concept: its own term in the weighted `content` field, plus
alternatives that also count as that word (synonyms, compound parts, for a word typed without
å/ä/ö the words with them that it spells, and for unknown words of five letters or more, close
spellings). Concepts are OR-ed, so a question in natural language still finds articles that
use only some of its words; scoring.py then rewards sections that match more of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from whoosh import query as wq

from .analysis import Analyzer, QueryWord
from .spelling import Speller

FUZZY_MIN_LENGTH = 5
SYNONYM_WEIGHT = 0.9
PART_WEIGHT = 0.7
FOLDED_WEIGHT = 0.6
FUZZY_WEIGHT = 0.5
APART_WEIGHT = 0.8  # the words of a compound typed apart, as typed


class DocumentFrequencies(Protocol):
    """What the builder asks of the index (scoring.SectionScorer answers it)."""

    def doc_frequency(self, fieldname: str, text: str) -> int: ...


# How an alternative stands for the word typed: the word itself (or a whole other word: a
# synonym, the spelling with å/ä/ö, a close spelling), several words (a multi-word synonym),
# or the parts of a compound. Only words and phrases are words of the text that matched as
# words: the parts of "lösenord" are not reasons to highlight a lone "ord". A close spelling of
# a word the index does not know is the word the reader meant (scoring.SectionScorer
# .add_presence).
WORD, PHRASE, PARTS, CLOSE = "word", "phrase", "parts", "close"


@dataclass(frozen=True)
class Alternative:
    terms: tuple[str, ...]  # index terms that must all occur
    weight: float = 1.0
    kind: str = WORD


@dataclass
class Concept:
    label: str
    alternatives: list[Alternative] = field(default_factory=list)
    known: bool = True  # whether the word itself occurs in the index

    @property
    def terms(self) -> set[str]:
        """Every term that satisfies the concept, or is part of something that does."""
        return {t for alternative in self.alternatives for t in alternative.terms}

    @property
    def word_terms(self) -> set[str]:
        """The terms that stand for a whole word of the query (see WORD, PHRASE, PARTS)."""
        return {t for a in self.alternatives if a.kind != PARTS for t in a.terms}

    def query(self, fieldname: str = "content") -> wq.Query:
        # A sum, not a maximum: an article that uses both a word and its synonym is the
        # better match, and Whoosh can skip blocks of a sum but not of a maximum.
        return wq.Or([all_terms(a.terms, a.weight, fieldname) for a in self.alternatives])

    def add(self, terms: tuple[str, ...], weight: float = 1.0, kind: str = WORD) -> None:
        alternative = Alternative(terms, weight, kind)
        if terms and alternative not in self.alternatives:
            self.alternatives.append(alternative)


def all_terms(terms: tuple[str, ...], boost: float, fieldname: str = "content") -> wq.Query:
    """All the terms in the field: `content` is the weighted title, heading, summary and body
    (see indexing.FIELD_WEIGHTS); `title` and `heading` hold those alone."""
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    return wq.And([wq.Term(fieldname, t) for t in terms], boost=boost)


class QueryBuilder:
    def __init__(self, analyzer: Analyzer, synonyms: list[list[str]], speller: Speller):
        self.analyzer = analyzer
        self.speller = speller
        # Each synonym group as tuples of normalised terms: ("trådlös", "nätverk"), ("wifi",)
        self.groups: list[list[tuple[str, ...]]] = []
        for group in synonyms:
            entries = [tuple(analyzer.normalise(w) for w in analyzer.words(e)) for e in group]
            self.groups.append([e for e in entries if e])

    def concepts(self, text: str, index: DocumentFrequencies) -> list[Concept]:
        words = self.analyzer.query_words(text)
        terms = [w.term for w in words]
        concepts: list[Concept] = []
        position = 0
        while position < len(words):
            multi = self._multiword_synonym(terms, position)
            if multi:
                entry, alternatives = multi
                concepts.append(self._synonym_concept(entry, alternatives))
                position += len(entry)
                continue
            concepts.append(self._word_concept(words[position], index))
            position += 1
        return concepts

    def _multiword_synonym(self, terms: list[str], start: int):
        for group in self.groups:
            for entry in group:
                if len(entry) > 1 and tuple(terms[start:start + len(entry)]) == entry:
                    return entry, [e for e in group if e != entry]
        return None

    def _synonym_concept(self, entry: tuple[str, ...],
                         alternatives: list[tuple[str, ...]]) -> Concept:
        concept = Concept(" ".join(entry))
        concept.add(entry, 1.0, PHRASE)
        for alternative in alternatives:
            concept.add(alternative, SYNONYM_WEIGHT, PHRASE if len(alternative) > 1 else WORD)
        return concept

    def _word_concept(self, word: QueryWord, index: DocumentFrequencies) -> Concept:
        concept = Concept(word.surface)
        concept.add((word.term,))
        for group in self.groups:
            if (word.term,) in group:
                for alternative in group:
                    if alternative != (word.term,):
                        concept.add(alternative, SYNONYM_WEIGHT,
                                    PHRASE if len(alternative) > 1 else WORD)
        if word.parts and word.parts != word.apart:
            concept.add(word.parts, PART_WEIGHT, PARTS)
        if word.apart:  # typed apart: the words as typed, which are words, not parts
            concept.add(word.apart, APART_WEIGHT, PHRASE)
        for term, parts in word.unfolded:
            # What the word with å, ä, ö would have found, below what was typed.
            concept.add((term,), FOLDED_WEIGHT)
            if parts:
                concept.add(parts, FOLDED_WEIGHT * PART_WEIGHT, PARTS)
        concept.known = index.doc_frequency("content", word.term) > 0
        if not concept.known and len(word.surface) >= FUZZY_MIN_LENGTH:
            close = {self.analyzer.normalise(w) for w in self.speller.close(word.surface)}
            for term in sorted(close - concept.terms):  # not what å, ä, ö found already
                concept.add((term,), FUZZY_WEIGHT, CLOSE)
        return concept
