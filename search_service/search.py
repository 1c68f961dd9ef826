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
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as wq
from whoosh.searching import Searcher

from .analysis import Analyzer
from .indexing import IndexDirectory, completion_analyzer
from .ranking import Concept, QueryBuilder, coordination
from .snippets import snippet
from .spelling import Speller

PAGE_SIZE = 10
CANDIDATE_SECTIONS = 300
MAX_ARTICLES = 100
MIN_RELATIVE_SCORE = 0.1
SUGGESTIONS = 8
REFRESH_SECONDS = 1.0
FEW_HITS = 3
EXTRA_SECTIONS = 2
SECTION_PREFERENCE = 0.85  # other matching sections shown under an article


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
    speller: Speller
    meta_mtime: int = 0
    _titles: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def articles(self) -> dict[str, dict]:
        return self.meta["articles"]

    def title_terms(self, article_id: str) -> frozenset[str]:
        """An article's title as index terms, for the bonus when it says all the query says."""
        terms = self._titles.get(article_id)
        if terms is None:
            article = self.articles.get(article_id)
            terms = frozenset(self.analyzer.terms(article["title"])) if article else frozenset()
            self._titles[article_id] = terms
        return terms


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
        vocabulary = self.directory.read_vocabulary(name)
        analyzer = Analyzer(meta["language"], vocabulary)
        speller = Speller(vocabulary)
        return IndexState(name, ix.latest_generation(), ix.searcher(), meta, analyzer,
                          QueryBuilder(analyzer, meta["synonyms"], speller), speller,
                          meta_mtime)

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
        """Rank the best sections, group them by article, then filter and page.

        Results are the best MAX_ARTICLES articles among the best CANDIDATE_SECTIONS sections:
        with OR semantics nearly every article shares some word with a long question, and
        counting all of them would cost far more than it tells the reader."""
        query = wq.Or([c.query() for c in concepts])
        ranked = self._ranked(state, query, concepts, None)
        result["facets"] = self._facets(state, ranked, type, category)
        if type or category:
            filters = [wq.Term("type", type)] if type else []
            filters += [wq.Term("category", category)] if category else []
            ranked = self._ranked(state, query, concepts, wq.And(filters))
        page, size = result["page"], result["page_size"]
        highlight = set().union(*(c.terms for c in concepts))
        result["total"] = len(ranked)
        result["pages"] = (len(ranked) + size - 1) // size
        result["hits"] = [self._hit(state, article_id, entry, highlight)
                          for article_id, entry in ranked[(page - 1) * size: page * size]]

    def _ranked(self, state: IndexState, query: wq.Query, concepts: list[Concept],
                filter: wq.Query | None) -> list[tuple[str, dict]]:
        hits = state.searcher.search(query, limit=CANDIDATE_SECTIONS, filter=filter)
        ranked = [(a, entry) for a, entry in self._rank_articles(state, hits, concepts)
                  if a in state.articles]  # an article the metadata does not know yet: skip
        if ranked:
            # Far below the best answer is noise: an article sharing one common word.
            floor = MIN_RELATIVE_SCORE * ranked[0][1]["score"]
            ranked = [(a, entry) for a, entry in ranked if entry["score"] >= floor]
        return ranked[:MAX_ARTICLES]

    def _facets(self, state: IndexState, ranked: list[tuple[str, dict]], type: str | None,
                category: str | None) -> dict:
        """Counts per type within the chosen area, and per area within the chosen type: each
        facet ignores its own filter, so the reader sees what switching would give."""
        articles = [state.articles[a] for a, _ in ranked]
        types = Counter(a["type"] for a in articles if not category or a["category"] == category)
        areas = Counter(a["category"] for a in articles if not type or a["type"] == type)
        titles = {c["slug"]: c["title"] for c in state.meta["categories"]}
        return {
            "type": [{"value": v, "count": n} for v, n in types.most_common()],
            "category": [{"value": v, "title": titles.get(v, v), "count": n}
                         for v, n in areas.most_common()],
        }

    def _rank_articles(self, state: IndexState, hits, concepts: list[Concept]
                       ) -> list[tuple[str, dict]]:
        """Articles by their best section's score, after the coordination bonus."""
        docnums = sorted(hit.docnum for hit in hits)
        covered = [_matching(state.searcher, c.query(), docnums) for c in concepts]
        by_article: dict[str, dict] = {}
        for hit in hits:
            fields = hit.fields()
            article_id = fields["article_id"]
            matched = sum(1 for docs in covered if hit.docnum in docs)
            title_terms = state.title_terms(article_id)
            titled = sum(1 for c in concepts if c.terms & title_terms)
            score = coordination(hit.score, matched, len(concepts), titled)
            section = {"heading": fields["heading_text"], "anchor": fields["anchor"],
                       "score": score, "text": fields["text"]}
            entry = by_article.setdefault(article_id, {"score": score, "sections": []})
            entry["score"] = max(entry["score"], score)
            entry["sections"].append(section)
        return sorted(by_article.items(), key=lambda kv: -kv[1]["score"])

    def _hit(self, state: IndexState, article_id: str, entry: dict, terms: set[str]) -> dict:
        article = state.articles[article_id]
        sections = sorted(entry["sections"], key=lambda s: -s["score"])
        # Point into the answer: a section with a heading that scores nearly as well as the
        # article's introduction is the better place to land.
        best = next((s for s in sections
                     if s["anchor"] and s["score"] >= SECTION_PREFERENCE * sections[0]["score"]),
                    sections[0])
        sections.remove(best)
        sections.insert(0, best)
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
        """The query with each unknown word replaced by the closest word the articles use."""
        corrected = []
        for word in text.split():
            plain = word.strip(".,!?;:").lower()
            if len(plain) < 4 or plain in state.speller.words:
                corrected.append(word)
                continue
            options = state.speller.close(plain, limit=1)
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


def _matching(searcher: Searcher, query: wq.Query, docnums: list[int]) -> set[int]:
    """Which of the (sorted) documents match the query: skipping through its postings is far
    cheaper than collecting every match of a common word."""
    matcher = query.matcher(searcher)
    found = set()
    for docnum in docnums:
        if not matcher.is_active():
            break
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                break
        if matcher.id() == docnum:
            found.add(docnum)
    return found
