"""Running searches and suggestions against the current index.

`SearchEngine.state()` hands each request one consistent view (searcher, metadata, analyzer).
When `fokus index` or the service itself commits a new generation, or switches `CURRENT` to a
rebuilt index, the next request gets a fresh view; requests already running keep theirs. So a
swap never produces a failed or an empty response.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as wq
from whoosh.searching import Searcher

from .analysis import Analyzer
from .indexing import IndexDirectory, completion_analyzer
from .ranking import Concept, QueryBuilder, coordination
from .snippets import snippet

PAGE_SIZE = 10
SUGGESTIONS = 8
REFRESH_SECONDS = 1.0
FEW_HITS = 3
EXTRA_SECTIONS = 2  # other matching sections shown under an article


class IndexMissing(RuntimeError):
    """No index has been built yet."""


@dataclass
class IndexState:
    name: str
    generation: int
    searcher: Searcher
    meta: dict
    analyzer: Analyzer
    builder: QueryBuilder
    meta_mtime: int = 0

    @property
    def articles(self) -> dict[str, dict]:
        return self.meta["articles"]


class SearchEngine:
    def __init__(self, index_dir: Path | str):
        self.directory = IndexDirectory(index_dir)
        self._state: IndexState | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # -- keeping up with the index ---------------------------------------------------------

    def state(self) -> IndexState:
        now = time.monotonic()
        state = self._state
        if state is not None and now - self._checked < REFRESH_SECONDS:
            return state
        with self._lock:
            self._checked = now
            if self._state is None or self._is_stale(self._state):
                self._state = self._open()
            return self._state

    def _is_stale(self, state: IndexState) -> bool:
        name = self.directory.current_name()
        if name != state.name:
            return True
        if self.directory.meta_path(name).stat().st_mtime_ns != state.meta_mtime:
            return True
        return self.directory.open(name).latest_generation() != state.generation

    def _open(self) -> IndexState:
        name = self.directory.current_name()
        if name is None:
            raise IndexMissing("no search index yet: run `fokus index`")
        ix = self.directory.open(name)
        meta_mtime = self.directory.meta_path(name).stat().st_mtime_ns
        meta = self.directory.read_meta(name)
        analyzer = Analyzer(meta["language"], self.directory.read_vocabulary(name))
        return IndexState(name, ix.latest_generation(), ix.searcher(), meta, analyzer,
                          QueryBuilder(analyzer, meta["synonyms"]), meta_mtime)

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, *, type: str | None = None, category: str | None = None,
               page: int = 1, page_size: int = PAGE_SIZE) -> dict:
        state = self.state()
        searcher = state.searcher
        concepts = state.builder.concepts(text, searcher.reader())
        result = {"query": text, "page": page, "page_size": page_size, "total": 0,
                  "pages": 0, "hits": [], "facets": {"type": [], "category": []},
                  "did_you_mean": None}
        if concepts:
            self._run(state, concepts, result, type, category)
        if result["total"] < FEW_HITS or not all(c.known for c in concepts):
            result["did_you_mean"] = self.did_you_mean(state, text)
        return result

    def _run(self, state: IndexState, concepts: list[Concept], result: dict, type: str | None,
             category: str | None) -> None:
        searcher = state.searcher
        query = wq.Or([c.query() for c in concepts])
        # An article the metadata does not know yet (an update between the two) is skipped.
        matched = self._matched_articles(searcher, query) & state.articles.keys()
        result["facets"] = self._facets(state, matched, type, category)

        def wanted(article: dict) -> bool:
            return ((not type or article["type"] == type)
                    and (not category or article["category"] == category))

        total = sum(1 for a in matched if wanted(state.articles[a]))
        page, size = result["page"], result["page_size"]
        limit = max(100, page * size * 6)
        filters = [wq.Term("type", type)] if type else []
        filters += [wq.Term("category", category)] if category else []
        hits = searcher.search(query, limit=limit, terms=True,
                               filter=wq.And(filters) if filters else None)
        ranked = [(a, entry) for a, entry in self._rank_articles(hits, concepts)
                  if a in state.articles]
        highlight = set().union(*(c.terms for c in concepts))
        result["total"] = total
        result["pages"] = (total + size - 1) // size
        result["hits"] = [self._hit(state, article_id, entry, highlight)
                          for article_id, entry in ranked[(page - 1) * size: page * size]]

    def _matched_articles(self, searcher: Searcher, query: wq.Query) -> set[str]:
        column = searcher.reader().column_reader("article_id")
        return {column[docnum].decode() if isinstance(column[docnum], bytes) else column[docnum]
                for docnum in query.docs(searcher)}

    def _facets(self, state: IndexState, matched: set[str], type: str | None,
                category: str | None) -> dict:
        """Counts per type within the chosen area, and per area within the chosen type: each
        facet ignores its own filter, so the reader sees what switching would give."""
        articles = [state.articles[a] for a in matched]
        types = Counter(a["type"] for a in articles if not category or a["category"] == category)
        areas = Counter(a["category"] for a in articles if not type or a["type"] == type)
        titles = {c["slug"]: c["title"] for c in state.meta["categories"]}
        return {
            "type": [{"value": v, "count": n} for v, n in types.most_common()],
            "category": [{"value": v, "title": titles.get(v, v), "count": n}
                         for v, n in areas.most_common()],
        }

    def _rank_articles(self, hits, concepts: list[Concept]) -> list[tuple[str, dict]]:
        """Articles by their best section's score, after the coordination bonus."""
        terms_of = [c.terms for c in concepts]
        by_article: dict[str, dict] = {}
        for hit in hits:
            pairs = [(name, t.decode() if isinstance(t, bytes) else t)
                     for name, t in hit.matched_terms()]
            matched = {t for _, t in pairs}
            in_title = {t for name, t in pairs if name == "title"}
            covered = sum(1 for terms in terms_of if terms & matched)
            titled = sum(1 for terms in terms_of if terms & in_title)
            score = coordination(hit.score, covered, len(concepts), titled)
            fields = hit.fields()
            article_id = fields["article_id"]
            section = {"heading": fields["heading_text"], "anchor": fields["anchor"],
                       "score": score, "text": fields["text"]}
            entry = by_article.setdefault(article_id, {"score": score, "sections": []})
            entry["score"] = max(entry["score"], score)
            entry["sections"].append(section)
        return sorted(by_article.items(), key=lambda kv: -kv[1]["score"])

    def _hit(self, state: IndexState, article_id: str, entry: dict, terms: set[str]) -> dict:
        article = state.articles[article_id]
        sections = sorted(entry["sections"], key=lambda s: -s["score"])
        best = sections[0]
        anchor = f"#{best['anchor']}" if best["anchor"] else ""
        return {
            "article_id": article["id"],
            "kb": article["kb"],
            "title": article["title"],
            "type": article["type"],
            "category": article["category"],
            "section": best["heading"] or None,
            "anchor": best["anchor"] or None,
            "url": article["url"] + anchor,
            "path": article["path"] + anchor,
            "short_url": article["short_url"] + anchor,
            "summary": article["summary"],
            "snippet": snippet(best["text"] or article["summary"], state.analyzer, terms),
            "score": round(entry["score"], 4),
            "more_sections": [
                {"heading": s["heading"], "anchor": s["anchor"],
                 "path": article["path"] + f"#{s['anchor']}"}
                for s in sections[1:1 + EXTRA_SECTIONS] if s["heading"] and s["anchor"]
            ],
        }

    def did_you_mean(self, state: IndexState, text: str) -> str | None:
        corrector = state.searcher.corrector("spell")
        words = text.split()
        corrected = []
        for word in words:
            plain = word.strip(".,!?;:").lower()
            if len(plain) < 4 or state.searcher.doc_frequency("spell", plain):
                corrected.append(word)
                continue
            options = corrector.suggest(plain, limit=1, maxdist=2)
            corrected.append(options[0] if options else word)
        suggestion = " ".join(corrected)
        return suggestion if suggestion.lower() != text.lower() else None

    # -- suggestions and article lookup ------------------------------------------------------

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[dict]:
        state = self.state()
        words = [t.text for t in completion_analyzer()(text)]
        if not words:
            return []
        parts = [wq.Term("complete", w) for w in words[:-1]]
        parts.append(wq.Prefix("complete", words[-1]))
        hits = state.searcher.search(wq.And(parts), limit=limit * 3)
        seen, out = set(), []
        for hit in hits:
            fields = hit.fields()
            key = (fields["article_id"], fields["complete"])
            if key in seen or fields["article_id"] not in state.articles:
                continue
            seen.add(key)
            article = state.articles[fields["article_id"]]
            anchor = f"#{fields['anchor']}" if fields["anchor"] else ""
            out.append({"text": fields["complete"], "article_id": article["id"],
                        "kb": article["kb"], "title": article["title"], "type": article["type"],
                        "path": article["path"] + anchor, "url": article["url"] + anchor})
            if len(out) == limit:
                break
        return out

    def article(self, article_id: int) -> dict | None:
        return self.state().articles.get(str(article_id))
