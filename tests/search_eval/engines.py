"""The engines compared: Fokus through its HTTP API, and two stock setups built from the same
corpus in the same run.

- Fokus: `GET /api/search` of the app `fokus serve` runs (Flask's test client, so the request
  goes through routing, validation, the search, the event store and JSON).
- Stock Whoosh: one document per page, `StemmingAnalyzer`, `MultifieldParser` over title and
  body with `OrGroup.factory(0.9)`, BM25F, title boost 3.
- SQLite FTS5: one row per page, `porter unicode61` tokenizer, the query's words OR-ed,
  `bm25()` with the title weighted 3.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from search_service.corpus import Corpus

CUTOFF = 10
TITLE_BOOST = 3.0
PAST_EVERY_BANNER = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


@dataclass
class Answer:
    hits: list[tuple[int, str | None]]  # (article id, anchor landed on), best first
    total: int
    seconds: float


def page_text(article: dict) -> str:
    """Everything of a page but its title, for the stock engines' body field."""
    return " ".join([article["summary"], " ".join(article["tags"]),
                     *(f"{s['heading']} {s['text']}" for s in article["sections"])])


class FokusEngine:
    name = "Fokus"
    lands_on_sections = True

    def __init__(self, corpus: Corpus, workdir: Path):
        from search_service import create_app

        workdir.mkdir(parents=True, exist_ok=True)
        self.app = create_app({"SITE_DIR": str(corpus.path.parent),
                               "CORPUS_PATH": str(corpus.path),
                               "INDEX_DIR": str(workdir / "index"),
                               "DATABASE_URL": f"sqlite:///{workdir / 'fokus.db'}",
                               "WATCH_CORPUS": False, "SERVE_SITE": False,
                               "SALT_FILE": str(workdir / "salt")})
        # Past every status banner: what is measured must not change with the date (status
        # articles pinned first during an incident are their own rule, see test_status.py).
        self.app.extensions["fokus_store"].clock = lambda: PAST_EVERY_BANNER
        self.client = self.app.test_client()

    def search(self, text: str) -> Answer:
        started = time.perf_counter()
        reply = self.client.get("/api/search", query_string={"q": text})
        seconds = time.perf_counter() - started
        if reply.status_code != 200:
            raise RuntimeError(f"/api/search?q={text!r} answered {reply.status_code}: "
                               f"{reply.get_data(as_text=True)[:200]}")
        body = reply.get_json()
        return Answer([(hit["article_id"], hit["anchor"]) for hit in body["hits"]],
                      body["total"], seconds)


class StockWhoosh:
    name = "Whoosh OR (stock)"
    lands_on_sections = False  # one document per page

    def __init__(self, corpus: Corpus, workdir: Path):
        schema = Schema(article_id=ID(stored=True), title=TEXT(analyzer=StemmingAnalyzer()),
                        body=TEXT(analyzer=StemmingAnalyzer()))
        folder = workdir / "stock-whoosh"
        folder.mkdir(parents=True)
        ix = whoosh_index.create_in(str(folder), schema)
        writer = ix.writer()
        for article in corpus.searchable:
            writer.add_document(article_id=str(article["id"]), title=article["title"],
                                body=page_text(article))
        writer.commit()
        self.searcher = ix.searcher()  # BM25F is Whoosh's default weighting
        self.parser = MultifieldParser(["title", "body"], schema,
                                       fieldboosts={"title": TITLE_BOOST},
                                       group=OrGroup.factory(0.9))

    def search(self, text: str) -> Answer:
        started = time.perf_counter()
        results = self.searcher.search(self.parser.parse(text), limit=CUTOFF)
        hits = [(int(hit["article_id"]), None) for hit in results]
        total = results.estimated_length()
        return Answer(hits, total, time.perf_counter() - started)


class SqliteFts5:
    name = "SQLite FTS5"
    lands_on_sections = False  # one row per page

    def __init__(self, corpus: Corpus, workdir: Path):
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute("CREATE VIRTUAL TABLE pages USING fts5(article_id UNINDEXED, title, "
                        "body, tokenize='porter unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO pages VALUES (?, ?, ?)",
                            [(a["id"], a["title"], page_text(a)) for a in corpus.searchable])

    def search(self, text: str) -> Answer:
        started = time.perf_counter()
        words = re.findall(r"\w+", text)
        if not words:
            return Answer([], 0, time.perf_counter() - started)
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.db.execute(
            "SELECT article_id FROM pages WHERE pages MATCH ? "
            f"ORDER BY bm25(pages, 0, {TITLE_BOOST}, 1.0) LIMIT ?", (match, CUTOFF)).fetchall()
        total = self.db.execute("SELECT count(*) FROM pages WHERE pages MATCH ?",
                                (match,)).fetchone()[0]
        return Answer([(int(r[0]), None) for r in rows], total, time.perf_counter() - started)


ENGINES = (FokusEngine, StockWhoosh, SqliteFts5)
