"""The search engine: index views, their refresh, and one query through the pipeline.

A query moves forward through modules named for their step:

    query.py      text -> concepts
    scoring.py    concepts -> a score for every section
    proximity.py  the best sections again, for query words side by side
    ranking.py    section scores -> ranked articles, floor, facets
    results.py    ranked articles -> hits with snippets, did-you-mean; also suggestions

`SearchEngine.view()` hands each request one consistent view of the index (scorer, metadata,
analyzer). When `fokus index` or the service itself commits a new generation, or switches
`CURRENT` to a rebuilt index, a fresh view is opened in the background and later requests get
it; requests until then, and those already running, keep theirs. So a swap never produces a
failed or an empty response, nor a slow one.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .analysis import Analyzer
from .indexing import IndexDirectory
from .proximity import rescore
from .query import QueryBuilder
from .ranking import depth_factor, rank
from .results import PAGE_SIZE, SUGGESTIONS, result_page, suggestions
from .scoring import SectionScorer, section_scores
from .spelling import Speller
from .vocabulary import language_synonyms

REFRESH_SECONDS = 1.0


class IndexMissing(RuntimeError):
    """No index has been built yet."""


@dataclass
class IndexView:
    """One index generation as the steps of a search read it."""

    name: str
    generation: int
    meta: dict
    analyzer: Analyzer
    builder: QueryBuilder
    speller: Speller
    scorer: SectionScorer
    article_of: list[str]  # article id per document number
    article_number: np.ndarray  # a number per article, per document number
    known_article: np.ndarray  # per article number: whether the metadata knows it
    depth_factor: np.ndarray  # per article number: ranking.depth_factor of its path
    meta_mtime: int = 0

    @property
    def articles(self) -> dict[str, dict]:
        return self.meta["articles"]


class SearchEngine:
    def __init__(self, index_dir: Path | str):
        self.directory = IndexDirectory(index_dir)
        self._view: IndexView | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # -- one query ---------------------------------------------------------------------------

    def search(self, text: str, *, type: str | None = None, category: str | None = None,
               page: int = 1, page_size: int = PAGE_SIZE) -> dict:
        view = self.view()
        concepts = view.builder.concepts(text, view.scorer)
        ranking = None
        if concepts:
            evidence = section_scores(view.scorer, concepts)
            rescore(view, concepts, evidence)
            ranking = rank(view, evidence, type=type, category=category)
        return result_page(view, text, concepts, ranking, page, page_size)

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[dict]:
        return suggestions(self.view(), text, limit)

    # -- keeping up with the index ---------------------------------------------------------

    def view(self) -> IndexView:
        """The current view. Opening a new generation takes a while (the analyzer, the
        speller), so once there is a view, a newer index is opened in the background and
        requests go on with the view they have until it is ready."""
        view = self._view
        if view is None:
            return self.refresh()
        now = time.monotonic()
        if now - self._checked >= REFRESH_SECONDS:
            self._checked = now
            if not self._lock.locked() and self._is_stale(view):
                threading.Thread(target=self.refresh, daemon=True).start()
        return view

    def refresh(self) -> IndexView:
        """Open the newest index now if the view is out of date, and return the view."""
        with self._lock:
            if self._view is None or self._is_stale(self._view):
                self._view = self._open()
            self._checked = time.monotonic()
            return self._view

    def _is_stale(self, view: IndexView) -> bool:
        name = self.directory.current_name()
        if name != view.name:
            return True
        if self.directory.meta_path(name).stat().st_mtime_ns != view.meta_mtime:
            return True
        return self.directory.open(name).latest_generation() != view.generation

    def _open(self) -> IndexView:
        name = self.directory.current_name()
        if name is None:
            raise IndexMissing("no search index yet: run `fokus index`")
        ix = self.directory.open(name)
        meta_mtime = self.directory.meta_path(name).stat().st_mtime_ns
        meta = self.directory.read_meta(name)
        vocabulary = self.directory.read_vocabulary(name)
        analyzer = Analyzer(meta["language"], vocabulary)
        speller = Speller(vocabulary)
        scorer = SectionScorer(ix.searcher())
        scorer.prepare(("content", "title"), ("type", "category"))
        article_of = scorer.stored_column("article_id")
        ids, numbers = np.unique(np.array(article_of, dtype=str), return_inverse=True)
        known = np.array([i in meta["articles"] for i in ids.tolist()], dtype=bool)
        depth = np.array([depth_factor(meta["articles"].get(i, {}).get("path") or "")
                          for i in ids.tolist()], dtype=np.float32)
        return IndexView(name, ix.latest_generation(), meta, analyzer,
                         QueryBuilder(analyzer, meta["synonyms"], speller,
                                      language_synonyms(meta["language"])), speller,
                         scorer, article_of, numbers.astype(np.int32), known, depth,
                         meta_mtime)
