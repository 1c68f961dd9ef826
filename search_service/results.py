"""Step 4 of a search: what the reader gets. Hits (the section to land on, its snippet, other
matching sections), the page of them, "did you mean", and as-you-type suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from whoosh import query as wq

from .indexing import completion_analyzer
from .scoring import best
from .snippets import snippet

if TYPE_CHECKING:
    from .engine import IndexView
    from .query import Concept
    from .ranking import RankedArticle, Ranking

PAGE_SIZE = 10
SUGGESTIONS = 8
FEW_HITS = 3  # fewer hits than this is "little found": did-you-mean may propose
WELL_KNOWN = 3  # a word in this many sections is never taken for a typo
RARE_RATIO = 10  # a rarer word is replaced only by one this many times as common
EXTRA_SECTIONS = 2
SNIPPET_READS = 3  # sections read at most for a snippet when the landing has no text
SECTION_PREFERENCE = 0.85  # a section scoring this share of the introduction beats it
LANDING_HEADING = 0.5  # share of the query a heading must say to be landed on first


def result_page(view: IndexView, text: str, concepts: list[Concept], ranking: Ranking | None,
                page: int, page_size: int) -> dict:
    """The JSON body of /api/search."""
    ranked = ranking.articles if ranking else []
    highlight = set().union(*(c.word_terms for c in concepts))
    result = {
        "query": text, "page": page, "page_size": page_size, "total": len(ranked),
        "pages": (len(ranked) + page_size - 1) // page_size,
        "hits": [hit(view, entry, highlight)
                 for entry in ranked[(page - 1) * page_size: page * page_size]],
        "facets": ranking.facets if ranking else {"type": [], "category": []},
        "did_you_mean": None,
    }
    if result["total"] < FEW_HITS or not all(c.known for c in concepts):
        result["did_you_mean"] = did_you_mean(view, text)
    return result


def hit(view: IndexView, entry: RankedArticle, terms: set[str]) -> dict:
    article = view.articles[entry.article_id]
    sections = landing_candidates(view, entry)
    landing = sections[0] if sections else {"heading_text": "", "anchor": "", "text": ""}
    others = sections[1:]
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
        "snippet": snippet(snippet_source(view, landing, article, entry), view.analyzer,
                           terms),
        "score": round(entry.score, 4),
        "more_sections": [
            {"heading": s["heading_text"], "anchor": s["anchor"],
             "path": article["path"] + f"#{s['anchor']}"}
            for s in others if s["heading_text"] and s["anchor"]
        ][:EXTRA_SECTIONS],
    }


def landing_candidates(view: IndexView, entry: RankedArticle) -> list[dict]:
    """The article's sections worth opening, the one to land on first.

    The heading first: a section whose heading says at least LANDING_HEADING of the query
    is the answer, however much another section repeats the words. Otherwise the section
    whose own heading and text say the most of the query (every section also carries the
    article's title, summary and tags, which say nothing about where to land), the better
    scoring one first; a section saying nothing of the query itself is no place to land."""
    headed = sorted((s for s in entry.sections if s.heading >= LANDING_HEADING),
                    key=lambda s: (-s.heading, -s.own, -s.score))
    rest = sorted((s for s in entry.sections if s.heading < LANDING_HEADING and s.own > 0),
                  key=lambda s: (-round(s.own, 2), -s.score))
    chosen = [*headed, *rest][:1 + EXTRA_SECTIONS]
    # Reading stored fields is slow: only the sections shown.
    sections = [view.scorer.stored_fields(s.docnum) for s in chosen]
    if len(headed) == 0 and sections and not sections[0]["anchor"]:
        # Point into the answer: a section with a heading that says as much and scores
        # nearly as well as the article's introduction is the better place to land.
        top = chosen[0]
        better = next((n for n, s in enumerate(chosen) if sections[n]["anchor"]
                       and s.own >= top.own and s.score >= SECTION_PREFERENCE * top.score), None)
        if better is not None:
            sections.insert(0, sections.pop(better))
    return sections


def snippet_source(view: IndexView, landing: dict, article: dict,
                   entry: RankedArticle) -> str:
    """The landing section's text; for an empty one the summary, and for an article without
    a summary the text of its best section that has text."""
    if landing["text"] or article["summary"]:
        return landing["text"] or article["summary"]
    texts = (view.scorer.stored_fields(s.docnum)["text"] for s in entry.sections[:SNIPPET_READS])
    return next((text for text in texts if text), "")


def did_you_mean(view: IndexView, text: str) -> str | None:
    """The query with each word the index does not know replaced by the closest, most
    common word the articles use. A stop word or a word the index knows well is never
    replaced ("till" is not a typo of "tills"); a rare one only by a far commoner word."""
    corrected = []
    for word in text.split():
        plain = word.strip(".,!?;:").lower()
        replacement = _correction(view, plain) if len(plain) >= 4 else None
        corrected.append(replacement or word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion.lower() != text.lower() else None


def _correction(view: IndexView, word: str) -> str | None:
    analyzer = view.analyzer
    if word in analyzer.stopwords or not word.isalpha():
        return None
    known = _frequency(view, word)
    if known >= WELL_KNOWN:
        return None
    nearest = view.speller.nearest(word)
    if not nearest:
        return None
    commonest = max(nearest, key=lambda option: _frequency(view, option))
    return commonest if _frequency(view, commonest) >= max(1, known * RARE_RATIO) else None


def _frequency(view: IndexView, word: str) -> int:
    """In how many sections the word occurs (as the index analyses it)."""
    return view.scorer.doc_frequency("content", view.analyzer.normalise(word))


def suggestions(view: IndexView, text: str, limit: int = SUGGESTIONS) -> list[dict]:
    """Titles and FAQ questions that complete what has been typed so far."""
    words = [t.text for t in completion_analyzer()(text)]
    if not words:
        return []
    # The last word is still being typed: any completion of it counts.
    completions = [wq.Term("complete", term)
                   for term in view.scorer.expand_prefix("complete", words[-1])]
    if not completions:
        return []
    query = wq.And([*(wq.Term("complete", w) for w in words[:-1]), wq.Or(completions)])
    scores = np.zeros(view.scorer.size, dtype=np.float32)
    view.scorer.add(query, scores, np.zeros(view.scorer.size, dtype=bool))
    seen, out = set(), []
    for docnum in best(scores, limit * 3).tolist():
        fields = view.scorer.stored_fields(docnum)
        key = (fields["article_id"], fields["complete"])
        if key in seen or fields["article_id"] not in view.articles:
            continue
        seen.add(key)
        article = view.articles[fields["article_id"]]
        anchor = f"#{fields['anchor']}" if fields["anchor"] else ""
        out.append({"text": fields["complete"], "article_id": article["id"],
                    "kb": article["kb"], "title": article["title"], "type": article["type"],
                    "path": article["path"] + anchor, "url": article["url"] + anchor})
        if len(out) == limit:
            break
    return out
