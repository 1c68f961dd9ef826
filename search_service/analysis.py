"""Language analysis: how text becomes index terms, in Swedish by default or English.

Every word is lemmatised (simplemma: "skrivaren", "skrivarna" -> "skrivare"), then stemmed
(Snowball: "byta", "byte" -> "byt"), so inflections meet. Swedish compounds are split into parts
the knowledge base itself uses ("lösenordsbyte" -> lösenord + byte), hyphenated words are also
indexed joined ("vpn-klient" -> vpn, klient, vpnklient), and a folded form without å, ä, ö lets
"losenord" find "lösenord". Index and query go through the same functions, so they always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
from whoosh.lang import stemmer_for_language, stopwords_for_language

WORD_RE = re.compile(r"\w+(?:-\w+)*")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a",
                       "ø": "o"})
MIN_COMPOUND = 6  # shorter words are never split
MIN_PART = 3  # a first part may be short ("vpn-", "gäst-") ...
MIN_LAST_PART = 4  # ... a last part may not: "lösen-ord", "behörig-het" are not compounds
# Words too common to be worth a search term, beyond the standard stop lists.
EXTRA_STOPWORDS = {
    "sv": {"få", "får", "fick", "gör", "göra", "gjorde", "ska", "vill", "måste", "går",
           "kommer", "finns", "hej", "tack"},
    "en": {"get", "got", "do", "does", "doesn", "don", "t", "work", "works", "working", "can",
           "how", "why", "what"},
}


# Stop words that matter to a helpdesk: "fungerar inte", "not working" name a problem.
KEPT_WORDS = frozenset({"inte", "not"})


def fold(text: str) -> str:
    return text.translate(_FOLD)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query and every index term that may stand for it."""

    surface: str
    term: str  # lemmatised and stemmed
    parts: tuple[str, ...] = ()  # compound parts, already normalised
    folded: tuple[str, ...] = ()  # terms for the folded field


@dataclass
class Analyzer:
    language: str = "sv"
    # Words the knowledge base uses on their own: the only accepted compound parts.
    vocabulary: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        self.stopwords = (frozenset(stopwords_for_language(self.language))
                          | EXTRA_STOPWORDS.get(self.language, set())) - KEPT_WORDS

        self._stem = stemmer_for_language(self.language)
        self.normalise = lru_cache(maxsize=200_000)(self._normalise)
        self.split_compound = lru_cache(maxsize=200_000)(self._split_compound)
        self._known_terms = frozenset(self._normalise(w) for w in self.vocabulary)

    # -- words -----------------------------------------------------------------------------

    def words(self, text: str) -> Iterator[str]:
        """Lowercased words, hyphenated ones as their parts and joined; no stop words."""
        for match in WORD_RE.finditer(text.lower()):
            word = match.group(0)
            if "-" in word:
                pieces = [p for p in word.split("-") if p]
                yield from (p for p in pieces if p not in self.stopwords)
                yield "".join(pieces)
            elif word not in self.stopwords:
                yield word

    def _normalise(self, word: str) -> str:
        lemma = simplemma.lemmatize(word, lang=self.language).lower()
        return self._stem(lemma)

    def _split_compound(self, word: str) -> tuple[str, ...]:
        """Parts of a compound, longest first part first: `skrivarbyte` -> (skriv, byt)."""
        if self.language != "sv" or len(word) < MIN_COMPOUND or not word.isalpha():
            return ()
        for cut in range(len(word) - MIN_LAST_PART, MIN_PART - 1, -1):
            left, right = word[:cut], word[cut:]
            # Swedish joins many compounds with an "s": lösenord-s-byte.
            lefts = (left, left[:-1]) if left.endswith("s") and cut > MIN_PART else (left,)
            for first in lefts:
                if len(first) >= MIN_PART and self._is_part(first) and self._is_part(right):
                    return (self.normalise(first), self.normalise(right))
        return ()

    def _is_part(self, word: str) -> bool:
        if word in self.stopwords:
            return False
        return word in self.vocabulary or self.normalise(word) in self._known_terms

    # -- index side ------------------------------------------------------------------------

    def terms(self, text: str) -> list[str]:
        """Index terms for a text: each word's term, plus its compound parts."""
        out: list[str] = []
        for word in self.words(text):
            out.append(self.normalise(word))
            out.extend(self.split_compound(word))
        return out

    def folded_terms(self, text: str) -> list[str]:
        """Terms for the folded field: only those that folding changes, to keep it small."""
        out = []
        for word in self.words(text):
            term = self.normalise(word)
            variants = {fold(term), self.normalise(fold(word))}
            variants.update(fold(part) for part in self.split_compound(word))
            out.extend(v for v in variants if v != term and v not in self.split_compound(word))
        return out

    # -- query side ------------------------------------------------------------------------

    def query_words(self, text: str) -> list[QueryWord]:
        seen: set[str] = set()
        words = []
        for surface in self.words(text):
            term = self.normalise(surface)
            if term in seen:
                continue
            seen.add(term)
            folded = tuple(sorted({fold(term), self.normalise(fold(surface))}))
            words.append(QueryWord(surface, term, self.split_compound(surface), folded))
        return words


def build_vocabulary(texts: Iterable[str], language: str) -> frozenset[str]:
    """The words a corpus uses on its own (not stop words), lowercased."""
    stop = frozenset(stopwords_for_language(language))
    words: set[str] = set()
    for text in texts:
        for match in WORD_RE.finditer(text.lower()):
            for piece in match.group(0).split("-"):
                if len(piece) >= MIN_PART and piece.isalpha() and piece not in stop:
                    words.add(piece)
    return frozenset(words)
