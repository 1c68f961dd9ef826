"""One normalisation of query text, shared by the API, the analysis and the event store."""

from __future__ import annotations

import pytest

from search_service.analysis import Analyzer
from search_service.corpus import load_corpus
from search_service.store import normalise_query
from search_service.text import normalise

from .corpus_factory import record, section, write_corpus

NFD_LOSENORD = "lo\u0308senord"  # "lösenord" with a decomposed ö, as some keyboards send it


@pytest.mark.parametrize("typed, normalised", [
    (NFD_LOSENORD, "lösenord"),
    ("  vpn \t klient\n", "vpn klient"),
    ("A\u030atersta\u0308ll  Lösenord", "Återställ Lösenord"),  # case is the caller's business
    ("", ""),
])
def test_normalise_composes_letters_and_collapses_whitespace(typed, normalised):
    assert normalise(typed) == normalised


def test_a_decomposed_letter_is_one_word_for_the_analysis_the_corpus_and_the_store(tmp_path):
    analyzer = Analyzer("sv")
    assert [w.surface for w in analyzer.query_words(f"glömt {NFD_LOSENORD}")] == [
        "glömt", "lösenord"]  # not "lo" + "senord"
    assert normalise_query(f" Glömt  {NFD_LOSENORD}") == "glömt lösenord"
    article = record(1, f"Nytt {NFD_LOSENORD}", section("Steg", f"Byt {NFD_LOSENORD}."),
                     tags=(NFD_LOSENORD,))
    corpus = load_corpus(write_corpus(tmp_path / "corpus.json", [article],
                                      synonyms=[[NFD_LOSENORD, "lösen"]]))
    [read] = corpus.articles
    assert read["title"] == "Nytt lösenord" and read["tags"] == ["lösenord"]
    assert read["sections"][1]["text"] == "Byt lösenord." and corpus.synonyms[0][0] == "lösenord"
