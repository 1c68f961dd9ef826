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
FEW_HITS = 3
EXTRA_SECTIONS = 2
SECTION_PREFERENCE = 0.85  # other matching sections shown under an article


def result_page(view: IndexView, text: str, concepts: list[Concept], ranking: Ranking | None,
                page: int, page_size: int) -> dict:
    """The JSON body of /api/search."""
    ranked = ranking.articles if ranking else []
    highlight = set().union(*(c.terms for c in concepts))
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
    # Sections arrive best first; reading stored fields is slow, so only the shown ones.
    sections = [dict(view.scorer.stored_fields(docnum), score=score)
                for docnum, score in entry.sections[:1 + EXTRA_SECTIONS]]
    # Every section carries the article's title, summary and tags; a section is a place
    # to land only if its own heading or text says something the query says.
    own = [s for s in sections
           if terms.intersection(view.analyzer.terms(f"{s['heading_text']} {s['text']}"))]
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
        "snippet": snippet(snippet_source(landing, article, sections), view.analyzer, terms),
        "score": round(entry.score, 4),
        "more_sections": [
            {"heading": s["heading_text"], "anchor": s["anchor"],
             "path": article["path"] + f"#{s['anchor']}"}
            for s in others if s["heading_text"] and s["anchor"]
        ][:EXTRA_SECTIONS],
    }


def snippet_source(landing: dict, article: dict, sections: list[dict]) -> str:
    """The landing section's text; for an empty one the summary, and for an article without
    a summary the first candidate section that has text."""
    return (landing["text"] or article["summary"]
            or next((s["text"] for s in sections if s["text"]), ""))


def did_you_mean(view: IndexView, text: str) -> str | None:
    """The query with each unknown word replaced by the closest word the articles use."""
    corrected = []
    for word in text.split():
        plain = word.strip(".,!?;:").lower()
        if len(plain) < 4 or plain in view.speller.words:
            corrected.append(word)
            continue
        options = view.speller.close(plain, limit=1)
        corrected.append(options[0] if options else word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion.lower() != text.lower() else None


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
