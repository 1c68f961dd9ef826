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


class DocumentFrequencies(Protocol):
    """What the builder asks of the index (scoring.SectionScorer answers it)."""

    def doc_frequency(self, fieldname: str, text: str) -> int: ...


@dataclass
class Concept:
    label: str
    terms: set[str] = field(default_factory=set)  # every term that satisfies the concept
    alternatives: list[wq.Query] = field(default_factory=list)
    known: bool = True  # whether the word itself occurs in the index

    def query(self) -> wq.Query:
        # A sum, not a maximum: an article that uses both a word and its synonym is the
        # better match, and Whoosh can skip blocks of a sum but not of a maximum.
        return wq.Or(self.alternatives)


def content_term(term: str, boost: float = 1.0) -> wq.Query:
    """The term in the weighted `content` field (title, heading, summary and body; see
    indexing.FIELD_WEIGHTS)."""
    return wq.Term("content", term, boost=boost)


def all_terms(terms: tuple[str, ...], boost: float) -> wq.Query:
    if len(terms) == 1:
        return content_term(terms[0], boost)
    return wq.And([content_term(t) for t in terms], boost=boost)


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
        concept = Concept(" ".join(entry), set(entry), [all_terms(entry, 1.0)])
        for alternative in alternatives:
            concept.alternatives.append(all_terms(alternative, SYNONYM_WEIGHT))
            concept.terms.update(alternative)
        return concept

    def _word_concept(self, word: QueryWord, index: DocumentFrequencies) -> Concept:
        concept = Concept(word.surface, {word.term}, [content_term(word.term)])
        for group in self.groups:
            if (word.term,) in group:
                for alternative in group:
                    if alternative != (word.term,):
                        concept.alternatives.append(all_terms(alternative, SYNONYM_WEIGHT))
                        concept.terms.update(alternative)
        if word.parts:
            concept.alternatives.append(all_terms(word.parts, PART_WEIGHT))
            concept.terms.update(word.parts)
        for term, parts in word.unfolded:
            # What the word with å, ä, ö would have found, below what was typed.
            unfolded = [content_term(term)] + ([all_terms(parts, PART_WEIGHT)] if parts else [])
            concept.alternatives.append(wq.Or(unfolded, boost=FOLDED_WEIGHT))
            concept.terms.update({term, *parts})
        concept.known = index.doc_frequency("content", word.term) > 0
        if not concept.known and len(word.surface) >= FUZZY_MIN_LENGTH:
            close = sorted({self.analyzer.normalise(w) for w in self.speller.close(word.surface)})
            if close:
                concept.alternatives.append(
                    wq.Or([content_term(t) for t in close], boost=FUZZY_WEIGHT))
                concept.terms.update(close)
        return concept
