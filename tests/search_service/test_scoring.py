"""Scoring whole posting lists with numpy gives exactly what Whoosh's own collector gives,
and the evidence of titles and headings counts as the search rules say."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.scoring import BM25F

from search_service.analysis import Analyzer
from search_service.corpus import load_corpus
from search_service.indexing import IndexDirectory
from search_service.scoring import BM25_B, BM25_K1, SectionScorer, UnsupportedQueryError

from .corpus_factory import helpdesk_articles, record, section, write_corpus


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """An index of two segments with a deleted document: an incremental update re-indexes one
    article (new segment, old sections deleted) and adds another."""
    root = tmp_path_factory.mktemp("scoring")
    articles = helpdesk_articles()
    corpus = write_corpus(root / "corpus.json", articles)
    directory = IndexDirectory(root / "index")
    directory.update(load_corpus(corpus))
    articles[3] = record(4, "Skrivaren skriver inte ut",
                         section("Kontrollera skrivaren", "Starta om skrivaren och skrivarkön."),
                         category="skrivare")
    articles.append(record(11, "Skrivare på plan 3", section("Var", "Skrivaren står vid köket.")))
    directory.update(load_corpus(write_corpus(corpus, articles)))
    index = directory.open(directory.current_name())
    # Whoosh's BM25F with the parameters the scorer uses, so that the two must agree.
    with index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1)) as opened:
        assert len(opened.reader().leaf_readers()) == 2 and opened.reader().has_deletions()
        yield opened


def whoosh_scores(searcher, query: wq.Query) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}


def numpy_scores(searcher, query: wq.Query) -> dict[int, float]:
    scorer = SectionScorer(searcher)
    scores = np.zeros(scorer.size, dtype=np.float32)
    matched = np.zeros(scorer.size, dtype=bool)
    scorer.add(query, scores, matched)
    assert set(np.flatnonzero(scores).tolist()) == set(np.flatnonzero(matched).tolist())
    return {int(d): float(scores[d]) for d in np.flatnonzero(matched)}


@pytest.mark.parametrize("query", [
    wq.Term("content", "skriv"),
    wq.Term("content", "skriv", boost=0.5),
    wq.Or([wq.Term("content", "skriv"), wq.Term("content", "lösenord")]),
    wq.Or([wq.Term("complete", "skrivaren"), wq.Term("complete", "losenord")]),
    wq.Or([wq.Term("content", "skriv"), wq.Term("content", "lösenord")], boost=0.6),
    wq.And([wq.Term("content", "skriv"), wq.Term("content", "start")]),
    wq.Or([wq.Term("content", "vpn"),
           wq.And([wq.Term("content", "skriv"), wq.Term("content", "kontroller")], boost=0.7)]),
], ids=str)
def test_scores_match_whoosh_on_every_matching_section(searcher, query):
    expected = whoosh_scores(searcher, query)
    assert expected, "the query must match something for the comparison to mean anything"
    found = numpy_scores(searcher, query)
    assert found.keys() == expected.keys()
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-5)


def test_deleted_sections_never_score(searcher):
    reader = searcher.reader()
    deleted = [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    assert deleted
    found = numpy_scores(searcher, wq.Or([wq.Term("content", t) for t in reader.lexicon("content")
                                          ][:200]))
    assert not set(deleted) & found.keys()


def test_a_term_missing_from_the_index_matches_nothing(searcher):
    assert numpy_scores(searcher, wq.Term("content", "finnsinte")) == {}


def test_type_and_category_masks_select_their_sections(searcher):
    scorer = SectionScorer(searcher)
    for fieldname, value in (("type", "guide"), ("category", "skrivare")):
        expected = {hit.docnum for hit in searcher.search(wq.Term(fieldname, value), limit=None)}
        assert expected
        assert set(np.flatnonzero(scorer.mask(fieldname, value)).tolist()) == expected
    assert not scorer.mask("type", "no-such-type").any()


def test_query_types_ranking_never_builds_are_refused(searcher):
    scorer = SectionScorer(searcher)
    scores = np.zeros(scorer.size, dtype=np.float32)
    with pytest.raises(UnsupportedQueryError):
        scorer.add(wq.Prefix("content", "skriv"), scores, np.zeros(scorer.size, dtype=bool))


def test_a_sections_own_words_leave_out_the_title_summary_and_tags_every_section_carries(
        tmp_path):
    article = record(1, "Skrivare i huset", section("Toner", "Byt toner själv."),
                     section("Papper", "Fyll på papper."), summary="Om kopiering.",
                     tags=("utskrift",), intro="Välkommen.")
    corpus = write_corpus(tmp_path / "corpus.json", [article])
    directory = IndexDirectory(tmp_path / "index")
    directory.update(load_corpus(corpus))
    with directory.open(directory.current_name()).searcher() as searcher:
        scorer = SectionScorer(searcher)
        headings = [scorer.stored_fields(d)["heading_text"] for d in range(scorer.size)]
        normalise = Analyzer("sv").normalise
        own = {word: [headings[d] for d in scorer.own_documents(normalise(word))]
               for word in ("toner", "papper", "skrivare", "kopiering", "utskrift")}
    assert own == {"toner": ["Toner"], "papper": ["Papper"], "skrivare": [],
                   "kopiering": [], "utskrift": []}
