"""Step 4 of a search: what the reader gets. Hits (the section to land on, its snippet, other
matching sections), the page of them, "did you mean", and as-you-type suggestions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import simplemma
from whoosh import query as wq

from .analysis import fold
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
UNFOLD = {"a": "aåä", "o": "oö"}  # what an a or an o typed on a foreign keyboard may be
MAX_UNFOLDED = 3  # a, o letters tried every way at most (3**3 spellings)
EXTRA_SECTIONS = 2
SNIPPET_READS = 3  # sections read at most for a snippet when the landing has no text
SECTION_PREFERENCE = 0.85  # a section scoring this share of the introduction beats it
# Where to land: the share of the query a section's heading says counts this many times the
# share its own text says, so the heading that is the answer beats a text repeating words.
HEADING_PULL = 1.5
# A query that reports a problem ("fastnar", "går inte", "fails") is answered by the article's
# troubleshooting section (the scaffold's "Om det inte fungerar"): its heading counts as
# saying this share of the query more.
TROUBLE_PULL = 0.7
PROBLEM_QUERY = re.compile(
    r"\b(inte|fel|problem\w*|fastna\w*|hänger|krånglar|krasch\w*|trasig\w*|not|fail\w*|"
    r"error\w*|stuck|broken|crash\w*|tim(?:ing|es) out|timeout\w*|cannot|can't|won't)\b")
# Headings of troubleshooting sections, as the analyzer reads them (all words of one).
TROUBLE_HEADINGS = ("inte fungerar", "fungerar inte", "felsök", "problem", "fel",
                    "does not work", "not working", "troubleshooting", "known issues", "fails",
                    "failing", "error", "errors")
# A question heading that starts as the query does answers it: "Varför låstes mitt konto?"
# for "varför låses mitt konto", among headings saying as much.
QUESTION_WORDS = frozenset({"varför", "hur", "vem", "vad", "när", "var", "vilken", "vilket",
                            "vilka", "why", "how", "who", "what", "when", "where", "which"})


def result_page(view: IndexView, text: str, concepts: list[Concept], ranking: Ranking | None,
                page: int, page_size: int) -> dict:
    """The JSON body of /api/search."""
    ranked = ranking.articles if ranking else []
    highlight = set().union(*(c.word_terms for c in concepts))
    shown = ranked[(page - 1) * page_size: page * page_size]
    query = LandingQuery.of(view, text) if shown else None
    result = {
        "query": text, "page": page, "page_size": page_size, "total": len(ranked),
        "pages": (len(ranked) + page_size - 1) // page_size,
        "hits": [hit(view, entry, highlight, query) for entry in shown],
        "facets": ranking.facets if ranking else {"type": [], "category": []},
        "did_you_mean": None,
    }
    if result["total"] < FEW_HITS or not all(c.known for c in concepts):
        result["did_you_mean"] = did_you_mean(view, text)
    return result


def hit(view: IndexView, entry: RankedArticle, terms: set[str],
        query: LandingQuery | None = None) -> dict:
    article = view.articles[entry.article_id]
    sections = landing_candidates(view, entry, query)
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


@dataclass(frozen=True)
class LandingQuery:
    """What the choice of section needs to know of the query besides its scores."""

    question_word: str | None  # the interrogative it starts with, if any
    trouble: np.ndarray | None  # for a problem query: the troubleshooting sections, sorted

    @classmethod
    def of(cls, view: IndexView, text: str) -> LandingQuery:
        words = text.lower().split()
        first = words[0] if words else None
        problem = PROBLEM_QUERY.search(text.lower()) is not None
        return cls(first if first in QUESTION_WORDS else None,
                   trouble_sections(view) if problem else None)


def trouble_sections(view: IndexView) -> np.ndarray:
    """The sections whose heading says it is about troubleshooting, from the heading
    field's postings (which the scorer reads once per index generation)."""
    found = [np.zeros(0, dtype=np.int64)]
    for phrase in TROUBLE_HEADINGS:
        terms = sorted({view.analyzer.normalise(w) for w in view.analyzer.words(phrase)})
        if not terms:
            continue
        docs = view.scorer.documents("heading", terms[0])
        for term in terms[1:]:
            docs = np.intersect1d(docs, view.scorer.documents("heading", term))
        found.append(docs)
    return np.unique(np.concatenate(found))


def landing_candidates(view: IndexView, entry: RankedArticle,
                       query: LandingQuery | None = None) -> list[dict]:
    """The article's sections worth opening, the one to land on first.

    The heading first: a section ranks by the share of the query its own text says plus
    HEADING_PULL times the share its heading says (every section also carries the article's
    title, summary and tags, which say nothing about where to land), so the section whose
    heading is the answer wins over one that repeats the words. For a problem query the
    troubleshooting heading says TROUBLE_PULL more. Among sections saying as much, a question
    heading that starts with the query's question word comes first, then the better scoring
    one. A section saying nothing of the query is no place to land."""
    query = query or LandingQuery(None, None)
    sections = entry.sections
    trouble = (np.isin([s.docnum for s in sections], query.trouble) if query.trouble is not None
               else np.zeros(len(sections), dtype=bool))
    value = {s.docnum: round(s.own + HEADING_PULL * (s.heading + TROUBLE_PULL * t), 2)
             for s, t in zip(sections, trouble.tolist(), strict=True)}
    worth = sorted((s for s in sections if value[s.docnum] > 0),
                   key=lambda s: (-value[s.docnum], -s.score))
    if query.question_word and worth:
        tied = [s for s in worth if value[s.docnum] == value[worth[0].docnum]]
        asked = [s for s in tied if _asks(view, s.docnum, query.question_word)]
        worth = [*asked, *(s for s in worth if s not in asked)]
    chosen = worth[:1 + EXTRA_SECTIONS]
    # Reading stored fields is slow: only the sections shown.
    fields = [view.scorer.stored_fields(s.docnum) for s in chosen]
    if chosen and chosen[0].heading == 0 and not fields[0]["anchor"]:
        # Point into the answer: a section with a heading that says as much and scores
        # nearly as well as the article's introduction is the better place to land.
        top = chosen[0]
        better = next((n for n, s in enumerate(chosen) if fields[n]["anchor"]
                       and value[s.docnum] >= value[top.docnum]
                       and s.score >= SECTION_PREFERENCE * top.score), None)
        if better is not None:
            fields.insert(0, fields.pop(better))
    return fields


def _asks(view: IndexView, docnum: int, question_word: str) -> bool:
    words = view.scorer.stored_fields(docnum)["heading_text"].lower().split()
    return bool(words) and words[0] == question_word


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
    common word the articles use; a word typed without å, ä, ö by the word with them.
    A stop word, a word the index knows well ("till" is not a typo of "tills"), a word of
    the synonym file or of the language's vocabulary ("wlan") or dictionary ("idag",
    "mail") is never replaced; a rare one only by a far commoner word."""
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
    if known >= WELL_KNOWN or analyzer.normalise(word) in view.builder.synonym_terms:
        return None
    unfolded = analyzer.unfold(word)
    if unfolded:  # what the search itself read it as; the same inflection if written so
        same_form = [w for w in unfolded if fold(w) == word]
        return max(same_form or unfolded, key=lambda option: _frequency(view, option))
    if in_dictionary(word, analyzer.language):
        return None
    nearest = view.speller.nearest(word)
    if not nearest:
        return None
    # Of words as common (one word's inflections are one term), the longer: a letter left
    # out is the commonest typo ("containr" is "container" rather than "contain").
    commonest = max(nearest, key=lambda option: (_frequency(view, option), len(option)))
    return commonest if _frequency(view, commonest) >= max(1, known * RARE_RATIO) else None


def in_dictionary(word: str, language: str) -> bool:
    """Whether the language's dictionary knows the word, or the word typed without å, ä, ö
    ("vaning" is "våning", not a typo of "varning")."""
    if simplemma.is_known(word, lang=language):
        return True
    slots = [i for i, letter in enumerate(word) if letter in UNFOLD]
    if language != "sv" or not slots or len(slots) > MAX_UNFOLDED:
        return False
    for letters in itertools.product(*(UNFOLD[word[i]] for i in slots)):
        spelled = list(word)
        for i, letter in zip(slots, letters, strict=True):
            spelled[i] = letter
        if simplemma.is_known("".join(spelled), lang=language):
            return True
    return False


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
