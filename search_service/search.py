"""Running searches and suggestions against the current index.

`SearchEngine.state()` hands each request one consistent view (scorer, metadata, analyzer).
When `fokus index` or the service itself commits a new generation, or switches `CURRENT` to a
rebuilt index, a fresh view is opened in the background and later requests get it; requests
until then, and those already running, keep theirs. So a swap never produces a failed or an
empty response, nor a slow one.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import query as wq

from .analysis import Analyzer
from .indexing import IndexDirectory, completion_analyzer
from .ranking import Concept, QueryBuilder, coordination, title_factor
from .scoring import SectionScorer, best
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
    meta: dict
    analyzer: Analyzer
    builder: QueryBuilder
    speller: Speller
    scorer: SectionScorer
    article_of: list[str]  # article id per document number
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
        """The current view. Opening a new generation takes a while (the analyzer, the
        speller), so once there is a view, a newer index is opened in the background and
        requests go on with the view they have until it is ready."""
        state = self._state
        if state is None:
            return self.refresh()
        now = time.monotonic()
        if now - self._checked >= REFRESH_SECONDS:
            self._checked = now
            if not self._lock.locked() and self._is_stale(state):
                threading.Thread(target=self.refresh, daemon=True).start()
        return state

    def refresh(self) -> IndexState:
        """Open the newest index now if the view is out of date, and return the view."""
        with self._lock:
            if self._state is None or self._is_stale(self._state):
                self._state = self._open()
            self._checked = time.monotonic()
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
        scorer = SectionScorer(ix.searcher())
        scorer.prepare(("content",), ("type", "category"))
        return IndexState(name, ix.latest_generation(), meta, analyzer,
                          QueryBuilder(analyzer, meta["synonyms"], speller), speller,
                          scorer, scorer.stored_column("article_id"), meta_mtime)

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str, *, type: str | None = None, category: str | None = None,
               page: int = 1, page_size: int = PAGE_SIZE) -> dict:
        state = self.state()
        concepts = state.builder.concepts(text, state.scorer)
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
        scores = self._section_scores(state, concepts)
        ranked = self._ranked(state, scores, concepts)
        result["facets"] = self._facets(state, ranked, type, category)
        if type or category:
            chosen = np.ones(state.scorer.size, dtype=bool)
            if type:
                chosen &= state.scorer.mask("type", type)
            if category:
                chosen &= state.scorer.mask("category", category)
            ranked = self._ranked(state, np.where(chosen, scores, 0), concepts)
        page, size = result["page"], result["page_size"]
        highlight = set().union(*(c.terms for c in concepts))
        result["total"] = len(ranked)
        result["pages"] = (len(ranked) + size - 1) // size
        result["hits"] = [self._hit(state, article_id, entry, highlight)
                          for article_id, entry in ranked[(page - 1) * size: page * size]]

    def _section_scores(self, state: IndexState, concepts: list[Concept]) -> np.ndarray:
        """Every section's BM25F score for the query, scaled by the share of concepts it
        matches (the title bonus comes per article, in _ranked)."""
        scorer = state.scorer
        scores = np.zeros(scorer.size, dtype=np.float32)
        matched = np.zeros(scorer.size, dtype=np.int16)
        for concept in concepts:
            found = np.zeros(scorer.size, dtype=bool)
            scorer.add(concept.query(), scores, found)
            matched += found
        return coordination(scores, matched, len(concepts))

    def _ranked(self, state: IndexState, scores: np.ndarray, concepts: list[Concept]
                ) -> list[tuple[str, dict]]:
        """Articles by their best section among the best CANDIDATE_SECTIONS, after the title
        bonus; an article keeps its candidate sections (document number, score)."""
        candidates = best(scores, CANDIDATE_SECTIONS)
        by_article: dict[str, dict] = {}
        for docnum, score in zip(candidates.tolist(), scores[candidates].tolist(), strict=True):
            article_id = state.article_of[docnum]
            if article_id not in state.articles:
                continue  # an article the metadata does not know yet: skip
            entry = by_article.get(article_id)
            if entry is None:
                title_terms = state.title_terms(article_id)
                titled = sum(1 for c in concepts if c.terms & title_terms)
                factor = title_factor(titled, len(concepts))
                entry = by_article[article_id] = {"score": score * factor, "factor": factor,
                                                  "sections": []}
            entry["sections"].append((docnum, score * entry["factor"]))
        ranked = sorted(by_article.items(), key=lambda kv: -kv[1]["score"])
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

    def _hit(self, state: IndexState, article_id: str, entry: dict, terms: set[str]) -> dict:
        article = state.articles[article_id]
        # Sections arrive best first; reading stored fields is slow, so only the shown ones.
        sections = [dict(state.scorer.stored_fields(docnum), score=score)
                    for docnum, score in entry["sections"][:1 + EXTRA_SECTIONS]]
        # Every section carries the article's title, summary and tags; a section is a place
        # to land only if its own heading or text says something the query says.
        own = [s for s in sections
               if terms.intersection(state.analyzer.terms(f"{s['heading_text']} {s['text']}"))]
        # Point into the answer: a section with a heading that scores nearly as well as the
        # article's introduction is the better place to land.
        landing = next((s for s in own
                        if s["anchor"] and s["score"] >= SECTION_PREFERENCE * own[0]["score"]),
                       own[0] if own else None)
        if landing is None:  # only the title, summary or tags match: the top of the article
            landing = {"heading_text": "", "anchor": "", "text": ""}
        others = [s for s in own if s is not landing]
        anchor = f"#{landing['anchor']}" if landing["anchor"] else ""
        return {
            "article_id": article["id"],
            "kb": article["kb"],
            "title": article["title"],
            "type": article["type"],
            "category": article["category"],
            "section": landing["heading_text"] or None,
            "anchor": landing["anchor"] or None,
            "url": article["url"] + anchor,
            "path": article["path"] + anchor,
            "short_url": article["short_url"] + anchor,
            "summary": article["summary"],
            "snippet": snippet(_snippet_source(landing, article, sections), state.analyzer,
                               terms),
            "score": round(entry["score"], 4),
            "more_sections": [
                {"heading": s["heading_text"], "anchor": s["anchor"],
                 "path": article["path"] + f"#{s['anchor']}"}
                for s in others if s["heading_text"] and s["anchor"]
            ][:EXTRA_SECTIONS],
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
        # The last word is still being typed: any completion of it counts.
        completions = [wq.Term("complete", term)
                       for term in state.scorer.expand_prefix("complete", words[-1])]
        if not completions:
            return []
        query = wq.And([*(wq.Term("complete", w) for w in words[:-1]), wq.Or(completions)])
        scores = np.zeros(state.scorer.size, dtype=np.float32)
        state.scorer.add(query, scores, np.zeros(state.scorer.size, dtype=bool))
        seen, out = set(), []
        for docnum in best(scores, limit * 3).tolist():
            fields = state.scorer.stored_fields(docnum)
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


def _snippet_source(landing: dict, article: dict, sections: list[dict]) -> str:
    """The landing section's text; for an empty one the summary, and for an article without
    a summary the first candidate section that has text."""
    return (landing["text"] or article["summary"]
            or next((s["text"] for s in sections if s["text"]), ""))
