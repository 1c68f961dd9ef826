"""The article catalogue: which articles exist, read from the corpus file, not the index.

Votes, clicks and article lookups ask the catalogue, so they work before any search index has
been built (and while one is being rebuilt). The file is read again when it changes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import CorpusError, article_summary, load_corpus

if TYPE_CHECKING:
    from flask import Flask


class ArticleCatalogue:
    def __init__(self, corpus_path: Path | str):
        self.corpus_path = Path(corpus_path)
        self._articles: dict[int, dict] = {}
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def article(self, article_id: int) -> dict | None:
        """The article's metadata (published or archived), or None if there is none."""
        return self._current().get(article_id)

    def _current(self) -> dict[int, dict]:
        stamp = self._file_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._articles = self._read() if stamp else {}
                    self._stamp = stamp
        return self._articles

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.corpus_path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _read(self) -> dict[int, dict]:
        try:
            corpus = load_corpus(self.corpus_path)
        except CorpusError:
            return {}  # nothing is known to exist; the index keeper logs why
        return {a["id"]: article_summary(a) for a in corpus.articles
                if isinstance(a.get("id"), int)}


def catalogue_of(app: Flask) -> ArticleCatalogue:
    return app.extensions["fokus_catalogue"]
