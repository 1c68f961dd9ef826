"""Keeping the index in step with the corpus while the service runs.

At start the index is built or updated from the corpus. While serving, a changed corpus file
(a new `fokus build`) is re-indexed in a background thread; searches go on against the previous
index until the new generation is committed, then move to it (see engine.SearchEngine).

Every worker of every replica on a host watches the same corpus, and `fokus index` may run at
the same time: the directory's write lock lets one of them write (indexing.IndexDirectory).
At start a worker waits for it; a background re-index skips while another process writes, and
looks again at the next check, when the index the other wrote usually leaves nothing to do."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from flask import Flask

from .corpus import CorpusError, load_corpus
from .engine import SearchEngine
from .indexing import IndexBusy, IndexDirectory, UpdateStats

log = logging.getLogger(__name__)
WATCH_SECONDS = 2.0


class IndexKeeper:
    def __init__(self, corpus_path: Path | str, index_dir: Path | str, *, watch: bool = True):
        self.corpus_path = Path(corpus_path)
        self.directory = IndexDirectory(index_dir)
        self.engine = SearchEngine(index_dir)
        self.watch = watch
        self._seen_mtime: float | None = None
        self._checked = 0.0
        self._updating = threading.Lock()

    def update(self, *, full: bool = False, wait: bool = True) -> UpdateStats:
        """Index the corpus now (incrementally unless `full`), waiting for another writer to
        finish unless `wait` is false (then IndexBusy)."""
        mtime = self._mtime()
        stats = self.directory.update(load_corpus(self.corpus_path), full=full, wait=wait)
        self._seen_mtime = mtime
        return stats

    def update_now(self) -> UpdateStats:
        """Index the corpus and search the new index from now on: for the preview, which has
        just rebuilt the site in this process (`fokus serve --watch`)."""
        with self._updating:
            stats = self.update()
            self.engine.refresh()
        return stats

    def maybe_reindex(self) -> None:
        """Cheap enough for every request: a stat of the corpus at most every two seconds."""
        if not self.watch:
            return
        now = time.monotonic()
        if now - self._checked < WATCH_SECONDS:
            return
        self._checked = now
        mtime = self._mtime()
        if mtime is None or mtime == self._seen_mtime or self._updating.locked():
            return
        threading.Thread(target=self._reindex_in_background, daemon=True).start()

    def _reindex_in_background(self) -> None:
        if not self._updating.acquire(blocking=False):
            return
        try:
            stats = self.update(wait=False)
            log.info("re-indexed the corpus: %s", stats)
            self.engine.refresh()  # here, rather than in the next search
        except IndexBusy:
            pass  # another process is writing; the next check finds what it wrote
        except CorpusError as exc:
            log.warning("corpus not re-indexed: %s", exc)
        finally:
            self._updating.release()

    def _mtime(self) -> float | None:
        try:
            return self.corpus_path.stat().st_mtime
        except FileNotFoundError:
            return None


def engine_of(app: Flask) -> SearchEngine:
    keeper: IndexKeeper = app.extensions["fokus_index"]
    keeper.maybe_reindex()
    return keeper.engine
