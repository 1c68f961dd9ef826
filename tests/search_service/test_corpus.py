"""Reading the corpus file: optional fields come out present and of their type."""

from __future__ import annotations

from search_service.corpus import load_corpus

from .corpus_factory import record, section, write_corpus


def test_a_missing_null_or_empty_summary_reads_as_empty_text(tmp_path):
    missing, null, empty = (record(n, f"Artikel {n}", section("Steg", "Text.")) for n in (1, 2, 3))
    del missing["summary"]
    null["summary"] = None
    empty["summary"] = ""
    null["tags"] = None
    null["sections"][1]["text"] = None
    corpus = load_corpus(write_corpus(tmp_path / "corpus.json", [missing, null, empty]))
    assert [a["summary"] for a in corpus.articles] == ["", "", ""]
    assert corpus.articles[1]["tags"] == [] and corpus.articles[1]["sections"][1]["text"] == ""


def test_an_article_without_a_short_link_falls_back_to_its_canonical_url(tmp_path):
    article = record(1, "Artikel")
    article["short_url"] = article["short_path"] = None
    [read] = load_corpus(write_corpus(tmp_path / "corpus.json", [article])).articles
    assert (read["short_url"], read["short_path"]) == (article["url"], article["path"])
