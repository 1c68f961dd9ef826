"""Language analysis: how text becomes index terms, in Swedish by default or English.

Every word is lemmatised (simplemma: "skrivaren", "skrivarna" -> "skrivare"), so inflections
meet; Swedish lemmas then lose a final vowel ("byta", "byte" -> byt), English ones are stemmed
(Snowball). Swedish compounds are split into parts
the knowledge base itself uses ("lösenordsbyte" -> lösenord + byte), hyphenated words are also
indexed joined ("vpn-klient" -> vpn, klient, vpnklient). A query word typed without å, ä, ö
also stands for the knowledge base's words that it spells that way ("losenord" -> lösenord), at a
lower weight. Index and query go through the same functions, so they always agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
from whoosh.formats import Frequency
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.system import pack_uint

from .text import normalise as normalise_text

WORD_RE = re.compile(r"\w+(?:-\w+)*")
_FOLDABLE = re.compile("[åäöéèüæø]")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a",
                       "ø": "o"})
MIN_COMPOUND = 6  # shorter words are never split
MIN_PART = 3  # a first part may be short ("vpn-", "gäst-") ...
MIN_LAST_PART = 4  # ... a last part may not: "lösen-ord", "behörig-het" are not compounds
_LETTERS_RE = re.compile(rf"[^\W\d_]{{{MIN_PART},}}")  # candidate compound parts
# Words too common to be worth a search term, beyond the standard stop lists.
EXTRA_STOPWORDS = {
    "sv": {"få", "får", "fick", "fått", "gör", "göra", "gjorde", "ska", "vill", "måste", "går",
           "kommer", "finns", "hej", "tack"},
    "en": {"get", "got", "do", "does", "doesn", "don", "t", "can",
           "how", "why", "what", "would", "could", "might", "must", "please", "hi", "hello",
           "thanks", "thank", "anyone", "someone", "also", "i", "im", "ive", "cant", "cannot",
           "dont", "isnt", "wont"},
}


# Swedish nouns made from verbs end in -an ("anmälan" from "anmäla", "ansökan", "början"):
# they meet the verb, so "felanmälan" finds "Anmäl ett fel". Shorter lemmas are left alone.
MIN_VERBAL_NOUN = 6
# Prefixes that only add emphasis: "jätteseg" is "seg", "superlångsam" is "långsam".
INTENSIFIERS = {"sv": ("jätte", "super", "skit", "mega")}
# Swedish endings on a borrowed word the dictionary does not have: "wifit" -> "wifi".
# Only the definite endings: a plural "-er" would make a "printer" of "print".
LOANWORD_ENDINGS = {"sv": ("arna", "erna", "orna", "en", "et", "na", "n", "t")}
MIN_STEM = 3  # letters left after a prefix or an ending

# Stop words that matter to a helpdesk: "fungerar inte", "not working" name a problem.
KEPT_WORDS = frozenset({"inte", "not"})


def fold(text: str) -> str:
    return text.translate(_FOLD)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query and every index term that may stand for it."""

    surface: str
    term: str  # as Analyzer.normalise makes it
    parts: tuple[str, ...] = ()  # compound parts, already normalised
    # Typed without å, ä, ö: the knowledge base's words that fold to it, as (term, parts):
    # "gastnatverk" -> (the term of "gästnätverk", (gäst, nätverk)).
    unfolded: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Typed as two words that the knowledge base writes as one ("lösen ord", "log in"): the
    # terms of the words as typed, which still count, below the joined word.
    apart: tuple[str, ...] = ()


@dataclass
class Analyzer:
    language: str = "sv"
    # Words the knowledge base uses on their own: the only accepted compound parts.
    vocabulary: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        stopwords = (frozenset(stopwords_for_language(self.language))
                     | EXTRA_STOPWORDS.get(self.language, set())) - KEPT_WORDS
        # Typed without å, ä, ö they are still stop words: "pa" is "på", "nar" is "när".
        self.stopwords = stopwords | {fold(word) for word in stopwords}

        self._stem = stemmer_for_language(self.language)
        self.normalise = lru_cache(maxsize=200_000)(self._normalise)
        self.split_compound = lru_cache(maxsize=200_000)(self._split_compound)
        self.word_terms = lru_cache(maxsize=200_000)(self._word_terms)
        # The parts of the section being indexed, each asked for by several fields.
        self.part_counts = lru_cache(maxsize=64)(self._part_counts)
        self.token_terms = lru_cache(maxsize=200_000)(self._token_terms)
        self._known_terms = frozenset(self._normalise(w) for w in self.vocabulary)
        self._unfold: dict[str, tuple[str, ...]] | None = None  # made on first use

    # -- words -----------------------------------------------------------------------------

    def words(self, text: str) -> Iterator[str]:
        """Lowercased words, hyphenated ones as their parts and joined; no stop words. The
        text is taken to be normalised already (text.normalise): the corpus reader does it
        for article text, query_words for queries."""
        stopwords = self.stopwords
        for word in WORD_RE.findall(text.lower()):
            if "-" in word:
                pieces = [p for p in word.split("-") if p]
                yield from (p for p in pieces if p not in stopwords)
                yield "".join(pieces)
            elif word not in stopwords:
                yield word

    def _normalise(self, word: str) -> str:
        if word in dictionary_lemmas(self.language):
            lemma = word  # simplemma would take "dator" for a form of "data"
        else:
            # greedy: also compounds the dictionary lacks ("gästnätverket" -> gästnätverk)
            lemma = simplemma.lemmatize(word, lang=self.language, greedy=True).lower()
        if self.language != "sv":
            return self._stem(lemma)
        if (lemma.endswith("an") and len(lemma) >= MIN_VERBAL_NOUN
                and lemma[:-2] + "a" in dictionary_lemmas(self.language)):
            lemma = lemma[:-2] + "a"
        # Swedish: the dictionary form with only a final vowel cut, so that verb and noun
        # meet ("byta", "byte" -> byt). Snowball would also cut "-are" and "-or": a printer
        # would be writing ("skrivare" -> skriv) and a computer data ("dator" -> dat).
        return lemma[:-1] if len(lemma) > 3 and lemma[-1] in "ae" else lemma

    def _split_compound(self, word: str) -> tuple[str, ...]:
        """Parts of a compound, longest first part first: `skrivarbyte` -> (skrivar, byt)."""
        if self.language != "sv" or len(word) < MIN_COMPOUND or not word.isalpha():
            return ()
        # A first part the knowledge base writes as a word first: the lemmatiser also
        # "recognises" fragments ("nätverksut" -> nätverk), which would cut
        # "nätverksuttaget" after "ut". The last part is the inflected one.
        for verbatim in (True, False):
            for cut in range(len(word) - MIN_LAST_PART, MIN_PART - 1, -1):
                left, right = word[:cut], word[cut:]
                # Swedish joins many compounds with an "s": lösenord-s-byte.
                lefts = (left, left[:-1]) if left.endswith("s") and cut > MIN_PART else (left,)
                for first in lefts:
                    if (len(first) >= MIN_PART and self._is_part(first, verbatim)
                            and self._is_part(right)):
                        return (self.normalise(first), self.normalise(right))
        return ()

    def _is_part(self, word: str, verbatim: bool = False) -> bool:
        if word in self.stopwords:
            return False
        if word in self.vocabulary:
            return True
        return not verbatim and self.normalise(word) in self._known_terms

    # -- index side ------------------------------------------------------------------------

    def _word_terms(self, word: str) -> tuple[str, ...]:
        return (self.normalise(word), *self.split_compound(word))

    def _token_terms(self, token: str) -> frozenset[str]:
        """The terms a word of a text stands for, as a snippet matches them: its term, that
        term without å, ä, ö, and its compound parts."""
        terms: set[str] = set()
        for word in self.words(token):
            term = self.normalise(word)
            terms.update((term, fold(term), *self.split_compound(word)))
        return frozenset(terms)

    def _part_counts(self, text: str) -> Counter[str]:
        return Counter(self.terms(text))

    def terms(self, text: str) -> list[str]:
        """Index terms for a text: each word's term, plus its compound parts."""
        out: list[str] = []
        word_terms = self.word_terms
        for word in self.words(text):
            out.extend(word_terms(word))
        return out

    # -- query side ------------------------------------------------------------------------

    def query_words(self, text: str) -> list[QueryWord]:
        seen: set[str] = set()
        words = []
        for typed, apart in self.join_split_compounds(text):
            apart_terms = self._typed_apart(apart)
            for surface in self.words(typed):
                surface = self.known_form(surface)
                term = self.normalise(surface)
                if term in seen:
                    continue
                seen.add(term)
                # A compound typed apart keeps the words as typed for its parts: "file
                # systems" is `filesystems`, and still finds a page that says "file systems".
                parts = self.split_compound(surface) or apart_terms
                unfolded: set[tuple[str, tuple[str, ...]]] = set()
                if not _FOLDABLE.search(surface):
                    unfolded = {(self.normalise(w), self.split_compound(w))
                                for w in self.unfold(surface)} - {(term, parts)}
                words.append(QueryWord(surface, term, parts, tuple(sorted(unfolded)),
                                       apart_terms))
        return words

    def known_form(self, word: str) -> str:
        """A query word the knowledge base does not use, as the word it does use that it is
        made of: an emphasis prefix and a word ("jätteseg" -> "seg"), or a word the
        dictionary lacks with a Swedish ending ("wifit" -> "wifi"). Other words unchanged."""
        if not self.vocabulary or word in self.vocabulary or not word.isalpha():
            return word
        for prefix in INTENSIFIERS.get(self.language, ()):
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= MIN_STEM and self._is_known_word(rest):
                return rest
        if self.normalise(word) in self._known_terms:
            return word  # an inflection the lemmatiser knows
        for ending in LOANWORD_ENDINGS.get(self.language, ()):
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) >= MIN_STEM and stem in self.vocabulary:
                return stem
        return word

    def join_split_compounds(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """The query's words, each with the words it was typed as: two neighbours that the
        knowledge base writes as one word are joined ("lösen ord", "chat gpt", "log in"),
        unless the first is a stop word ("my job" is not "myjob", nor "do I" a DOI). After a
        stop word only into a word the knowledge base writes itself ("log in" -> login): the
        lemmatiser would take "inkorgen är" for a form of "inkorg"."""
        raw = WORD_RE.findall(normalise_text(text).lower())
        out: list[tuple[str, tuple[str, ...]]] = []
        index = 0
        while index < len(raw):
            pair = raw[index:index + 2]
            joined = self._joined(pair) if len(pair) == 2 else None
            if joined:
                out.append((joined, tuple(pair)))
                index += 2
            else:
                out.append((raw[index], ()))
                index += 1
        return out

    def _joined(self, pair: list[str]) -> str | None:
        """The one word the knowledge base writes for two typed words, if any: as typed
        ("log in" -> login), or with the first in its dictionary form, as a verb and its
        particle are typed ("backed up" -> backup, "logged in" -> login). After a stop word
        only a word the content writes verbatim: "inkorgen är" is not "inkorg"."""
        first, second = pair
        if first in self.stopwords:
            return None
        lemma = simplemma.lemmatize(first, lang=self.language).lower()
        for joined in dict.fromkeys((first + second, lemma + second)):
            if (joined in self.vocabulary if second in self.stopwords
                    else self._is_known_word(joined)):
                return joined
        return None

    def _typed_apart(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The terms of the two words a compound was joined from; none if one is a stop
        word."""
        terms = tuple(self.normalise(w) for w in words if w not in self.stopwords)
        return terms if len(terms) == 2 else ()

    def _is_known_word(self, word: str) -> bool:
        if "-" in word or not word.isalpha():
            return False
        return word in self.vocabulary or self.normalise(word) in self._known_terms

    def unfold(self, word: str) -> tuple[str, ...]:
        """The vocabulary's words with å, ä or ö that are this word, or an inflection of it,
        without them: "losenord" -> lösenord; "natverket" -> nätverk, nätverket."""
        if self._unfold is None:
            unfold: dict[str, set[str]] = {}
            for known in self.vocabulary:
                if _FOLDABLE.search(known):
                    unfold.setdefault(fold(known), set()).add(known)
                    unfold.setdefault(fold(self.normalise(known)), set()).add(known)
            self._unfold = {k: tuple(sorted(v)) for k, v in unfold.items()}
        found = set(self._unfold.get(word, ())) | set(self._unfold.get(self.normalise(word), ()))
        return tuple(sorted(found))


@lru_cache(maxsize=2)
def dictionary_lemmas(language: str) -> frozenset[str]:
    """Every lemma of simplemma's dictionary for the language. simplemma maps a word that is
    a lemma and also looks like an inflected form to the other lemma ("dator" -> data, "kurs"
    -> kur, "router" -> route), which splits a word from its own inflections ("datorn" ->
    dator); a word that is a lemma itself is therefore kept as it is."""
    try:
        # The factory simplemma.lemmatize uses, so the dictionary is loaded once.
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DEFAULT_DICTIONARY_FACTORY,
        )

        dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary(language)
    except (ImportError, LookupError, ValueError):  # another simplemma: lemmatise as it says
        return frozenset()
    raw = getattr(dictionary, "_dict", None)  # bytes to bytes: much faster than decoding views
    if isinstance(raw, dict):
        return frozenset(value.decode("utf-8") for value in raw.values())
    return frozenset(dictionary.values())


def build_vocabulary(texts: Iterable[str], language: str) -> frozenset[str]:
    """The words a corpus uses on its own (letters only, not stop words), lowercased."""
    words: set[str] = set()
    for text in texts:
        words.update(_LETTERS_RE.findall(text.lower()))
    return frozenset(words - frozenset(stopwords_for_language(language)))


PART_SEPARATOR = "\x1e"  # ASCII record separator: never in article text


class IndexTermsAnalyzer:
    """Fokus's analysis as a Whoosh analyzer, so that Whoosh's multi-process writer runs it in
    its worker processes. It carries only the language and the vocabulary file's path (it is
    pickled into the index's schema); the `Analyzer` itself is loaded once per process."""

    def __init__(self, language: str, vocabulary_file: str, weights: tuple[int, ...] = ()):
        self.language = language
        self.vocabulary_file = vocabulary_file
        # With weights, the value is parts joined by PART_SEPARATOR, and the terms of part i
        # are counted weights[i] times: BM25F's weighted term frequency, analysed once.
        self.weights = weights

    def _key(self) -> tuple:
        return (self.language, self.vocabulary_file, self.weights)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexTermsAnalyzer) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def term_counts(self, value: str) -> Counter[str]:
        """Each term of the value with its (weighted) number of occurrences: what `terms`
        lists, counted, without a token object per occurrence (see CountedFrequency).
        The fields of a section repeat its parts (the title in `content` and `title`, the
        text in `content` and `own`): each part is analysed once (Analyzer.part_counts)."""
        part_counts = analyzer_for(self.language, self.vocabulary_file).part_counts
        parts = value.split(PART_SEPARATOR)
        weights = self.weights or (1,) * len(parts)
        counts: Counter[str] = Counter()
        for weight, part in zip(weights, parts, strict=False):
            for term, count in part_counts(part).items():
                counts[term] += count * weight
        return counts

    def terms(self, value: str) -> list[str]:
        analyse = analyzer_for(self.language, self.vocabulary_file).terms
        parts = value.split(PART_SEPARATOR)
        weights = self.weights or (1,) * len(parts)
        out: list[str] = []
        for weight, part in zip(weights, parts, strict=False):
            out.extend(analyse(part) * weight)
        return out

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "", **kwargs):
        from whoosh.analysis import Token

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, term in enumerate(self.terms(value), start_pos):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = position
            yield token


class CountedFrequency(Frequency):
    """Whoosh's Frequency format, taking term counts straight from an analyzer that has them
    (`IndexTermsAnalyzer.term_counts`) rather than one token per occurrence: the same
    frequencies, weights and field lengths for much less work when indexing."""

    def word_values(self, value, analyzer, **kwargs):
        term_counts = getattr(analyzer, "term_counts", None)
        if term_counts is None:
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((term, count, count * boost, pack_uint(count))
                for term, count in term_counts(value).items())


_ANALYZERS: dict[tuple[str, str, int], Analyzer] = {}
_MTIMES: dict[str, tuple[float, int]] = {}


def _mtime(path: str) -> int:
    """The file's mtime, looked at no more than once a second: this runs for every field."""
    import os
    import time

    now = time.monotonic()
    checked = _MTIMES.get(path)
    if checked is None or now - checked[0] > 1.0:
        checked = (now, os.stat(path).st_mtime_ns)
        _MTIMES[path] = checked
    return checked[1]


def forget_vocabulary(path: str) -> None:
    """The vocabulary file was rewritten: look at it again on next use."""
    _MTIMES.pop(path, None)


def analyzer_for(language: str, vocabulary_file: str) -> Analyzer:
    """One Analyzer per process and vocabulary version (the file changes on updates)."""
    import json

    key = (language, vocabulary_file, _mtime(vocabulary_file))
    if key not in _ANALYZERS:
        with open(vocabulary_file, encoding="utf-8") as handle:
            _ANALYZERS.clear()
            _ANALYZERS[key] = Analyzer(language, frozenset(json.load(handle)))
    return _ANALYZERS[key]
