"""The index lifecycle: built from the corpus, updated incrementally, swapped atomically."""

from __future__ import annotations

import threading
import time

from search_service import engine as engine_module
from search_service.corpus import load_corpus
from search_service.engine import SearchEngine
from search_service.indexing import IndexDirectory

from .corpus_factory import helpdesk_articles, record, section, write_corpus


def titles(engine: SearchEngine, text: str) -> list[str]:
    return [hit["title"] for hit in engine.search(text)["hits"]]


def test_only_changed_articles_are_reindexed(tmp_path):
    articles = helpdesk_articles()
    corpus = write_corpus(tmp_path / "corpus.json", articles)
    directory = IndexDirectory(tmp_path / "index")
    assert directory.update(load_corpus(corpus)).mode == "full"
    assert directory.update(load_corpus(corpus)).mode == "unchanged"

    articles[4] = record(5, "Installera GlobalProtect", section("Steg", "Kör installationen."),
                         category="natverk")
    del articles[6]  # article 7 is deleted
    articles.append(record(10, "Byt bakgrundsbild", section("Steg", "Högerklicka på skrivbordet.")))
    stats = directory.update(load_corpus(write_corpus(corpus, articles)))
    assert (stats.mode, stats.added, stats.updated, stats.removed) == ("incremental", 1, 1, 1)

    engine = SearchEngine(tmp_path / "index")
    assert titles(engine, "globalprotect") == ["Installera GlobalProtect"]
    assert titles(engine, "kalender") == []
    assert titles(engine, "bakgrundsbild") == ["Byt bakgrundsbild"]
    assert "Installera vpn-klienten" not in titles(engine, "vpn-klienten")


def test_a_changed_synonyms_file_rebuilds_the_index(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.json", helpdesk_articles())
    directory = IndexDirectory(tmp_path / "index")
    directory.update(load_corpus(corpus))
    write_corpus(corpus, helpdesk_articles(), synonyms=[["printer", "skrivare"]])
    assert directory.update(load_corpus(corpus)).mode == "full"
    assert 4 in [h["article_id"] for h in SearchEngine(tmp_path / "index").search("printer")
                 ["hits"]]


def test_a_running_engine_moves_to_the_new_index_without_failed_or_empty_answers(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.json", helpdesk_articles())
    directory = IndexDirectory(tmp_path / "index")
    directory.update(load_corpus(corpus))
    engine = SearchEngine(tmp_path / "index")
    problems: list[str] = []
    stop = threading.Event()

    def search_all_the_time() -> None:
        while not stop.is_set():
            try:
                if not engine.search("skrivaren")["hits"]:
                    problems.append("empty")
            except Exception as exc:  # noqa: BLE001 - any failure is what we look for
                problems.append(repr(exc))

    readers = [threading.Thread(target=search_all_the_time) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for round_number in range(6):  # bounded: full rebuilds and incremental updates
            articles = helpdesk_articles()
            articles.append(record(20 + round_number, f"Nyhet {round_number}",
                                   section("Text", f"Skrivaren nummer {round_number}.")))
            directory.update(load_corpus(write_corpus(corpus, articles)),
                             full=round_number % 2 == 0)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=10)
    assert problems == []
    engine.refresh()  # rather than wait for the background refresh
    assert "Nyhet 5" in titles(engine, "skrivaren nummer")


def test_a_new_index_is_opened_in_the_background_while_searches_go_on(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "REFRESH_SECONDS", 0.0)  # look on every search
    corpus = write_corpus(tmp_path / "corpus.json", helpdesk_articles())
    directory = IndexDirectory(tmp_path / "index")
    directory.update(load_corpus(corpus))
    engine = SearchEngine(tmp_path / "index")
    first = engine.view()
    articles = helpdesk_articles() + [record(30, "Ny skrivare i receptionen",
                                             section("Var", "Skrivaren står i receptionen."))]
    directory.update(load_corpus(write_corpus(corpus, articles)))
    # The search that notices the new index is answered from the view it already has ...
    assert "Ny skrivare i receptionen" not in titles(engine, "receptionen")
    # ... and a later one, within a bounded wait, from the new index.
    for _ in range(100):
        if engine.view() is not first:
            break
        time.sleep(0.05)
    assert engine.view() is not first
    assert titles(engine, "receptionen") == ["Ny skrivare i receptionen"]
