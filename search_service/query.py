"""Step 1 of a search: what an employee typed, as *concepts*.

Each query word becomes a concept: its own term in the weighted `content` field, plus
alternatives that also count as that word (synonyms, compound parts, for a word typed without
å/ä/ö the words with them that it spells, and for unknown words of five letters or more, close
spellings). Concepts are OR-ed, so a question in natural language still finds articles that
use only some of its words; scoring.py then rewards sections that match more of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from whoosh import query as wq
from whoosh.support.levenshtein import damerau_levenshtein

from .analysis import WORD_RE, Analyzer, QueryWord
from .spelling import Speller

FUZZY_MIN_LENGTH = 5
SYNONYM_WEIGHT = 0.9
PART_WEIGHT = 0.7
FOLDED_WEIGHT = 0.6
FUZZY_WEIGHT = 0.5
# The one known word a letter away from an unknown word is nearly surely what was meant.
TYPO_WEIGHT = 0.9
MIN_COMPOUND_REST = 3  # letters of a compound besides the synonym it is made with
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
    def __init__(self, analyzer: Analyzer, synonyms: list[list[str]], speller: Speller,
                 language_synonyms: Sequence[Sequence[str]] = ()):
        self.analyzer = analyzer
        self.speller = speller
        # Each synonym group as tuples of normalised terms: ("trådlös", "nätverk"), ("wifi",)
        self.groups = self._normalised(synonyms)
        # The language's own (vocabulary.py): for a word the knowledge base does not use.
        self.language_groups = self._normalised(language_synonyms)
        # Every term of either: words the search understands, never typos.
        self.synonym_terms = frozenset(t for g in self.groups + self.language_groups
                                       for e in g for t in e)

    def _normalised(self, groups: Sequence[Sequence[str]]) -> list[list[tuple[str, ...]]]:
        return [[e for e in map(self._entry, group) if e] for group in groups]

    def _entry(self, text: str) -> tuple[str, ...]:
        """A word or phrase of a group as the terms a text must hold. In a phrase a
        hyphenated word counts by its parts alone: "multi-factor authentication" is also
        written "multi factor authentication", which has no `multifactor`."""
        words = list(self.analyzer.words(text))
        tokens = WORD_RE.findall(text.lower())
        if len(tokens) > 1:
            joined = {"".join(p for p in t.split("-") if p) for t in tokens if "-" in t}
            words = [w for w in words if w not in joined]
        return tuple(self.analyzer.normalise(w) for w in words)

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
        for alternative in self._alternatives((word.term,), self.groups):
            concept.add(alternative, SYNONYM_WEIGHT, PHRASE if len(alternative) > 1 else WORD)
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
        if not concept.known:
            for alternative in self._alternatives((word.term,), self.language_groups):
                concept.add(alternative, SYNONYM_WEIGHT, PHRASE if len(alternative) > 1 else WORD)
            for term in self._synonym_compounds(word.surface, index):
                concept.add((term,), SYNONYM_WEIGHT)
        if not concept.known and len(word.surface) >= FUZZY_MIN_LENGTH:
            for term, weight in self._close_spellings(word.surface):
                if term not in concept.terms:  # found already, as the spelling with å, ä, ö
                    concept.add((term,), weight, CLOSE)
        return concept

    @staticmethod
    def _alternatives(entry: tuple[str, ...],
                      groups: list[list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
        """The other entries of every group that holds this one."""
        return [other for group in groups if entry in group for other in group
                if other != entry]

    def _close_spellings(self, surface: str) -> list[tuple[str, float]]:
        """Known words within a typo's reach: the nearest, when it is the only one a letter
        away, at nearly a word's weight ("autenticator" -> authenticator); others lower."""
        nearest = self.speller.nearest(surface)
        sure = (self.analyzer.normalise(nearest[0]) if len(nearest) == 1
                and damerau_levenshtein(surface, nearest[0]) == 1 else None)
        close = sorted({self.analyzer.normalise(w) for w in self.speller.close(surface)})
        return [(term, TYPO_WEIGHT if term == sure else FUZZY_WEIGHT) for term in close]

    def _synonym_compounds(self, surface: str, index: DocumentFrequencies) -> list[str]:
        """A compound the index does not know, made with a word of a synonym group, stands
        for the compounds the index does know made with the group's other words:
        "bluffmail" -> bluffmejl, "mailsignatur" -> mejlsignatur."""
        found = []
        for group in self.groups:
            words = [entry[0] for entry in group if len(entry) == 1 and entry[0].isalpha()]
            for word in words:
                for other in words:
                    if other == word:
                        continue
                    for candidate in _swapped(surface, word, other):
                        term = self.analyzer.normalise(candidate)
                        if index.doc_frequency("content", term):
                            found.append(term)
        return found


def _swapped(surface: str, word: str, other: str) -> list[str]:
    """`surface` with its first or last part `word` replaced by `other`."""
    out = []
    if len(surface) - len(word) >= MIN_COMPOUND_REST:
        if surface.endswith(word):
            out.append(surface[:-len(word)] + other)
        if surface.startswith(word):
            out.append(other + surface[len(word):])
    return out
