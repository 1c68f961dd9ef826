"""The Whoosh index: one document per article section, fed only from the corpus.

Text is analysed by `analysis.Analyzer`, wrapped as the schema's Whoosh analyzer so that the
multi-process writer runs it in its workers; queries are built from the same analysis. Field
weights are BM25F's: see FIELD_WEIGHTS. A full build goes into a new
named index inside the index directory and `CURRENT` is switched atomically; an incremental
update re-indexes only articles whose `content_hash` changed. Readers never see a half-built
index: they open whatever `CURRENT` names, at its latest committed generation.

One writer at a time: every update holds an exclusive `fcntl.flock` on `.lock` in the index
directory, shared by every process on the host (workers, replicas, `fokus index`); the others
wait, or skip when they ask to (`IndexBusy`). The lock dies with its holder, even under
`kill -9`, and the next writer removes what a killed one left: temporary files and folders,
and the files of an index never switched to.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index
from whoosh.analysis import CharsetFilter, StandardAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from .analysis import (
    PART_SEPARATOR,
    CountedFrequency,
    IndexTermsAnalyzer,
    build_vocabulary,
    forget_vocabulary,
)
from .corpus import Corpus, article_summary

CURRENT = "CURRENT"
LOCK = ".lock"
PARALLEL_FROM = 500  # articles
WRITER_MB = 1536  # per writer process; see _rebuild
# Whoosh names an index's files `_NAME_1.toc`, `NAME_xyz.seg`, `NAME_WRITELOCK`; ours add
# `NAME.meta.json`.
_INDEX_FILE_RE = re.compile(r"^_?(fokus\d+)[_.]")
# Bump when the schema, the analysis or what goes into a document changes: forces a full rebuild.
FORMAT = 14

# BM25F: a field's weight multiplies its term frequencies before saturation. Counting a field's
# terms w times in one `content` field does exactly that, and a query needs one posting list per
# word instead of one per field and word. The order is the order of the parts of `content`.
FIELD_WEIGHTS = {"title": 4, "heading": 3, "summary": 2, "body": 1}


def completion_analyzer():
    """Lowercase and without accents, so "losen" completes "Lösenord"."""
    return StandardAnalyzer(stoplist=None) | CharsetFilter(accent_map)


def make_schema(language: str, vocabulary_file: Path) -> Schema:
    vocabulary = str(vocabulary_file)
    content = TEXT(analyzer=IndexTermsAnalyzer(language, vocabulary,
                                               weights=tuple(FIELD_WEIGHTS.values())),
                   phrase=False)
    content.format = CountedFrequency()
    return Schema(
        key=ID(unique=True, stored=True),
        article_id=ID(stored=True, sortable=True),
        anchor=STORED(),
        heading_text=STORED(),
        text=STORED(),
        type=ID(stored=True),
        category=ID(stored=True),
        # As-you-type suggestions: the title on an article's first section, the question on
        # each FAQ section; no stemming, so prefixes work.
        complete=TEXT(analyzer=completion_analyzer(), stored=True, phrase=False),
        content=content,
        # The title and the section heading alone: strong evidence when they say what the
        # query says. With the summary and tags (`about`) they also tell which terms of
        # `content` are the section's own words, heading and text, which decide where in an
        # article to land (see scoring.SectionScorer.own_documents).
        title=_evidence_field(language, vocabulary),
        heading=_evidence_field(language, vocabulary),
        about=_evidence_field(language, vocabulary),
    )


def _evidence_field(language: str, vocabulary: str) -> TEXT:
    field = TEXT(analyzer=IndexTermsAnalyzer(language, vocabulary), phrase=False)
    field.format = CountedFrequency()
    return field


@dataclass
class UpdateStats:
    mode: str  # "full", "incremental" or "unchanged"
    added: int = 0
    updated: int = 0
    removed: int = 0
    seconds: float = 0.0


def article_texts(article: dict) -> str:
    sections = " ".join(f"{s['heading']} {s['text']}" for s in article.get("sections", []))
    return " ".join([article.get("title", ""), article.get("summary", ""),
                     " ".join(article.get("tags", [])), sections])


def section_documents(article: dict) -> list[dict]:
    """One Whoosh document per section; title, summary and tags go into every one of them so
    that a section matching the body and the title at once ranks highest. The text fields are
    analysed by the schema's `IndexTermsAnalyzer`, in the writer's worker processes."""
    title = article["title"]
    # Tags are keywords an author chose: they count like the summary.
    summary = " ".join([article.get("summary", ""), *article.get("tags", [])])
    docs = []
    sections = article.get("sections") or [{"heading": "", "anchor": "", "text": ""}]
    for number, section in enumerate(sections):
        heading, text = section.get("heading", ""), section.get("text", "")
        if number == 0:
            complete = title
        elif article.get("type") == "faq" and (section.get("level") == 2
                                               or heading.endswith("?")):
            # An FAQ's questions: its `##` headings, and the questions an adopted FAQ asks
            # deeper under topic headings (corpus.md, "Section").
            complete = heading
        else:
            complete = ""
        docs.append({
            "key": f"{article['id']}#{section.get('anchor', '')}#{number}",
            "article_id": str(article["id"]),
            "anchor": section.get("anchor", ""),
            "heading_text": heading,
            "text": text,
            "type": article.get("type", ""),
            "category": article.get("category", ""),
            "complete": complete,
            "content": PART_SEPARATOR.join([title, heading, summary, text]),  # FIELD_WEIGHTS
            "title": title,
            "heading": heading,
            "about": summary,
        })
    return docs


# The lock belongs to the open file, which a forked child shares: Whoosh's writer processes
# would keep the lock after their parent was killed, and wait forever for work from it. So a
# child forked while the lock is held closes its copy at once and dies with its parent.
_HELD_LOCKS: set[int] = set()
_PR_SET_PDEATHSIG = 1  # Linux prctl(2)


def _close_held_locks_in_child() -> None:
    if not _HELD_LOCKS:
        return
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the child may outlive it
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


os.register_at_fork(after_in_child=_close_held_locks_in_child)


class IndexBusy(RuntimeError):
    """Another process is writing the index, and the caller asked not to wait."""


class IndexDirectory:
    """The index directory: named Whoosh indexes, `CURRENT`, and a meta file per index."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def current_name(self) -> str | None:
        try:
            return (self.path / CURRENT).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def meta_path(self, name: str) -> Path:
        return self.path / f"{name}.meta.json"

    def read_meta(self, name: str) -> dict:
        return json.loads(self.meta_path(name).read_text(encoding="utf-8"))

    def open(self, name: str) -> index.Index:
        return index.open_dir(str(self.path), indexname=name)

    @contextmanager
    def writing(self, *, wait: bool = True) -> Iterator[None]:
        """Hold the directory's write lock; then clear what an interrupted writer left."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOCK, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise IndexBusy(f"{self.path}: another process is writing the index") from None
            _HELD_LOCKS.add(lock.fileno())
            try:
                self._remove_leftovers()
                yield
            finally:
                _HELD_LOCKS.discard(lock.fileno())
                fcntl.flock(lock, fcntl.LOCK_UN)

    def update(self, corpus: Corpus, *, full: bool = False, procs: int | None = None,
               wait: bool = True) -> UpdateStats:
        """Bring the index in line with the corpus, as cheaply as possible, under the write
        lock: waiting for another writer to finish, or raising IndexBusy unless `wait`."""
        started = time.perf_counter()
        with self.writing(wait=wait):
            stats = self._update(corpus, full=full, procs=procs)
        stats.seconds = time.perf_counter() - started
        return stats

    def _update(self, corpus: Corpus, *, full: bool, procs: int | None) -> UpdateStats:
        name = self.current_name()
        meta = self.read_meta(name) if name and self.meta_path(name).exists() else None
        if (full or meta is None or meta.get("format") != FORMAT
                or meta.get("language") != corpus.language
                or meta.get("synonyms") != corpus.synonyms):
            return self._rebuild(corpus, procs)
        return self._incremental(corpus, name, meta)

    def _rebuild(self, corpus: Corpus, procs: int | None) -> UpdateStats:
        self.path.mkdir(parents=True, exist_ok=True)
        articles = corpus.searchable
        if procs is None:  # worker processes pay off only for a large corpus
            procs = min(os.cpu_count() or 1, 4) if len(articles) >= PARALLEL_FROM else 1
        vocabulary = build_vocabulary((article_texts(a) for a in articles), corpus.language)
        name = f"fokus{time.time_ns()}"
        self._write_vocabulary(name, vocabulary)
        schema = make_schema(corpus.language, self.vocabulary_path(name))
        ix = index.create_in(str(self.path), schema, indexname=name)
        # Each writer keeps its postings in memory up to `limitmb` (by Whoosh's generous
        # estimate) and beyond that sorts them through files on disk: with the title, heading
        # and own-words fields, 512 MB made a 10,000-article build take 81 CPU s instead of 48.
        # 1536 MB per worker holds 10,000 articles (peak resident set about 1.2 GB).
        writer = (ix.writer(procs=procs, limitmb=WRITER_MB, multisegment=True) if procs > 1
                  else ix.writer(limitmb=WRITER_MB))
        for article in articles:
            for doc in section_documents(article):
                writer.add_document(**doc)
        writer.commit()
        self._write_meta(name, corpus, articles)
        previous = self.current_name()
        _write_atomically(self.path / CURRENT, name)
        self._remove_indexes(keep={name, previous})
        return UpdateStats("full", added=len(articles))

    def _incremental(self, corpus: Corpus, name: str, meta: dict) -> UpdateStats:
        articles = {str(a["id"]): a for a in corpus.searchable}
        old_hashes: dict[str, str] = meta["hashes"]
        changed = [i for i, a in articles.items() if old_hashes.get(i) != a.get("content_hash")]
        removed = [i for i in old_hashes if i not in articles]
        if not changed and not removed:
            return UpdateStats("unchanged")
        # New words join the vocabulary; old ones stay, so existing documents stay valid.
        vocabulary = self.read_vocabulary(name) | build_vocabulary(
            (article_texts(articles[i]) for i in changed), corpus.language)
        self._write_vocabulary(name, vocabulary)
        # Readers may see the new generation before the new metadata: let the metadata know
        # both the old and the new articles until the commit is done.
        self._write_meta(name, corpus, list(articles.values()), keep=meta["articles"])
        ix = self.open(name)
        writer = ix.writer(limitmb=128)
        for article_id in changed + removed:
            writer.delete_by_term("article_id", article_id)
        for article_id in changed:
            for doc in section_documents(articles[article_id]):
                writer.add_document(**doc)
        writer.commit()
        self._write_meta(name, corpus, list(articles.values()))
        added = sum(1 for i in changed if i not in old_hashes)
        return UpdateStats("incremental", added=added, updated=len(changed) - added,
                           removed=len(removed))

    def vocabulary_path(self, name: str) -> Path:
        return self.path / f"{name}.vocabulary.json"

    def read_vocabulary(self, name: str) -> frozenset[str]:
        return frozenset(json.loads(self.vocabulary_path(name).read_text(encoding="utf-8")))

    def _write_vocabulary(self, name: str, vocabulary: frozenset[str]) -> None:
        path = self.vocabulary_path(name)
        _write_atomically(path, json.dumps(sorted(vocabulary), ensure_ascii=False))
        forget_vocabulary(str(path))

    def _write_meta(self, name: str, corpus: Corpus, articles: list[dict],
                    keep: dict | None = None) -> None:
        meta = {
            "format": FORMAT,
            "language": corpus.language,
            "generated_at": corpus.generated_at,
            "synonyms": corpus.synonyms,
            "categories": corpus.categories,
            "hashes": {str(a["id"]): a.get("content_hash") for a in articles},
            "articles": {**(keep or {}),
                         **{str(a["id"]): article_summary(a) for a in corpus.articles
                            if a.get("id")}},
        }
        _write_atomically(self.meta_path(name), json.dumps(meta, ensure_ascii=False))

    def _remove_leftovers(self) -> None:
        """What no writer holds any more (the caller has the lock): temporary files and Whoosh's
        temporary folders, and every index but the current one and the one before it, which
        a reader may still use."""
        current = self.current_name()
        if current is None:
            keep: set[str | None] = set()
        else:
            # The newest complete index older than the current one; a newer one, or one
            # without its meta file, is a rebuild that never got to switch.
            older = sorted(path.name.removesuffix(".meta.json")
                           for path in self.path.glob("fokus*.meta.json"))
            older = [n for n in older if _INDEX_FILE_RE.match(n + ".")
                     and _stamp(n) < _stamp(current)]
            keep = {current, older[-1] if older else None}
        for path in self.path.iterdir():
            if _is_temporary(path):
                _remove(path)
        self._remove_indexes(keep)

    def _remove_indexes(self, keep: set[str | None]) -> None:
        for path in self.path.iterdir():
            owner = _INDEX_FILE_RE.match(path.name)
            if owner and owner.group(1) not in keep:
                _remove(path)


def _is_temporary(path: Path) -> bool:
    """A file of _write_atomically's (".CURRENT.x1y2"), or a Whoosh temporary folder."""
    if path.name.startswith("."):
        return path.name != LOCK
    return path.name.endswith(".tmp") and path.is_dir()


def _stamp(name: str) -> int:
    return int(name.removeprefix("fokus"))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
