"""Close spellings for typos, from the words the knowledge base itself uses.

A word's variants with one letter deleted are its keys; two words within one edit share a key
(a swapped pair of letters too: "lösenrod" and "lösenord" both give "lösenod"). Candidates are
then checked with the true Damerau-Levenshtein distance. This needs no index scan, whatever the
size of the vocabulary or the number of index segments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from whoosh.support.levenshtein import damerau_levenshtein

LONG_WORD = 8  # from this length two edits are allowed


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))} | {word}


def max_distance(word: str) -> int:
    return 1 if len(word) < LONG_WORD else 2


class Speller:
    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        self._keys: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            for key in _deletions(word):
                self._keys[key].append(word)

    def close(self, word: str, limit: int = 8) -> list[str]:
        """Known words within reach of `word`, nearest first (the word itself excluded)."""
        limit_distance = max_distance(word)
        found: dict[str, int] = {}
        for key in _deletions(word):
            for candidate in self._keys.get(key, ()):
                if candidate != word and candidate not in found:
                    distance = damerau_levenshtein(word, candidate)
                    if distance <= limit_distance:
                        found[candidate] = distance
        return sorted(found, key=lambda w: (found[w], w))[:limit]

    def nearest(self, word: str) -> list[str]:
        """The known words at the smallest distance from `word` (none if none is in reach)."""
        options = self.close(word, limit=len(self.words))
        if not options:
            return []
        smallest = damerau_levenshtein(word, options[0])
        return [o for o in options if damerau_levenshtein(word, o) == smallest]
