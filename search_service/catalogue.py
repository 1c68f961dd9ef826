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
        self._categories: list[dict] = []
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def article(self, article_id: int) -> dict | None:
        """The article's metadata (published or archived), or None if there is none."""
        self._refresh()
        return self._articles.get(article_id)

    def categories(self) -> list[dict]:
        """The service areas, in menu order."""
        self._refresh()
        return self._categories

    def _refresh(self) -> None:
        stamp = self._file_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    read = self._read() if stamp else ({}, [])
                    if read is None:
                        return  # half written, say: keep what was known, and look again
                    self._articles, self._categories = read
                    self._stamp = stamp

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.corpus_path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _read(self) -> tuple[dict[int, dict], list[dict]] | None:
        """The articles and areas; None for a file that cannot be read as a corpus (the
        index keeper logs why): votes on known articles go on meanwhile."""
        try:
            corpus = load_corpus(self.corpus_path)
        except CorpusError:
            return None
        articles = {a["id"]: article_summary(a) for a in corpus.articles
                    if isinstance(a.get("id"), int)}
        return articles, [c for c in corpus.categories
                         if isinstance(c, dict) and isinstance(c.get("slug"), str)]


def catalogue_of(app: Flask) -> ArticleCatalogue:
    return app.extensions["fokus_catalogue"]
