"""The search engine over a small corpus: what is found, in what order, and what is shown."""

from __future__ import annotations

import pytest

from search_service.corpus import load_corpus
from search_service.engine import IndexMissing, SearchEngine
from search_service.indexing import IndexDirectory

from .corpus_factory import helpdesk_articles, ids, record, section, write_corpus


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> SearchEngine:
    root = tmp_path_factory.mktemp("search")
    corpus = write_corpus(root / "corpus.json", helpdesk_articles())
    IndexDirectory(root / "index").update(load_corpus(corpus))
    return SearchEngine(root / "index")


def test_inflected_forms_find_the_same_articles(engine):
    assert ids(engine.search("skrivarna")) == ids(engine.search("skrivaren"))
    assert ids(engine.search("skrivarna")) == ids(engine.search("skrivare"))
    assert 4 in ids(engine.search("skrivarna"))


def test_compound_parts_find_the_compound(engine):
    assert 2 in ids(engine.search("lösenord"))  # "lösenordsbyte" only in article 2's text
    assert ids(engine.search("byta skrivare"))[0] == 3  # "Skrivarbyte"


def test_hyphenated_and_joined_forms_find_each_other(engine):
    assert ids(engine.search("vpnklient"))[0] == 5
    assert ids(engine.search("VPN-klient"))[0] == 5


def test_query_without_swedish_letters_ranks_exact_spelling_first(engine):
    found = ids(engine.search("losenord"))
    assert found[0] == 9  # the only text that really says "losenord"
    assert {1, 2} <= set(found[1:])


def test_query_without_swedish_letters_finds_what_the_spelling_with_them_finds(engine):
    assert ids(engine.search("tradlost natverk"))[0] == ids(engine.search("trådlöst nätverk"))[0]
    assert ids(engine.search("skrivarkon")) == [4]  # "skrivarkön", in article 4 only
    typed_right = engine.search("trådlöst nätverk")["hits"][0]["score"]
    assert engine.search("tradlost natverk")["hits"][0]["score"] < typed_right


def test_natural_question_uses_or_with_a_bonus_for_matching_more(engine):
    found = ids(engine.search("varför skriver inte skrivaren ut papper på kontoret"))
    assert found[0] == 4
    # "kontoret" is in no article: a plain AND of every word would find nothing.
    assert engine.search("kontoret")["total"] == 0


def test_typo_in_a_long_word_still_finds_the_article(engine):
    result = engine.search("kalendren")
    assert ids(result)[0] == 7


def test_did_you_mean_when_little_is_found(engine):
    result = engine.search("skirvaren")
    assert result["did_you_mean"] == "skrivaren"
    assert engine.search("skrivaren")["did_you_mean"] is None


def test_synonyms_from_the_authors_file(engine):
    assert ids(engine.search("glömt lösen"))[0] == 1
    assert 6 in ids(engine.search("wifi"))  # wifi = trådlöst nätverk, a multi-word synonym
    assert ids(engine.search("mejl kalender"))[0] == 7  # mejl = outlook


def test_hit_names_its_section_and_links_to_its_anchor(engine):
    hit = engine.search("skrivarkön")["hits"][0]
    assert hit["article_id"] == 4
    assert hit["section"] == "Kontrollera skrivarkön"
    assert hit["url"] == "https://kb.example.se/skrivare/artikel-4/#kontrollera-skrivarkon"
    assert hit["path"] == "skrivare/artikel-4/#kontrollera-skrivarkon"
    assert hit["short_url"] == "https://kb.example.se/kb/4/#kontrollera-skrivarkon"
    assert "<mark>skrivarkön</mark>" in hit["snippet"]


def test_sections_are_grouped_under_their_article(engine):
    result = engine.search("skrivaren papper skrivarkön")
    assert ids(result).count(4) == 1
    hit = result["hits"][0]
    shown = {hit["section"]} | {s["heading"] for s in hit["more_sections"]}
    assert shown == {"Kontrollera skrivarkön", "Papper och toner"}


def test_a_hit_found_only_by_title_or_summary_opens_the_top_of_the_article(engine):
    # "utskriften" is only in article 4's summary; each section carries the summary too,
    # but none says it itself, so no section is the place to land.
    hit = engine.search("utskriften uteblir")["hits"][0]
    assert hit["article_id"] == 4
    assert (hit["section"], hit["anchor"]) == (None, None)
    assert hit["url"] == "https://kb.example.se/skrivare/artikel-4/"
    assert hit["more_sections"] == []
    assert "<mark>" in hit["snippet"]  # from the summary, which is what matched


def test_archived_articles_are_not_returned(engine):
    assert 8 not in ids(engine.search("arkiverad guide lösenord"))


def test_filters_and_facets(engine):
    everything = engine.search("skrivare")
    facets = {f["value"]: f["count"] for f in everything["facets"]["type"]}
    assert facets == {"guide": 1, "news": 1}
    only_news = engine.search("skrivare", type="news")
    assert ids(only_news) == [3] and only_news["total"] == 1
    # Each facet ignores its own filter, so the reader can switch; the other one narrows it.
    assert only_news["facets"]["type"] == everything["facets"]["type"]
    assert [(f["value"], f["count"]) for f in only_news["facets"]["category"]] == [
        ("skrivare", 1)]
    in_konton = engine.search("skrivare", category="natverk")["facets"]["type"]
    assert in_konton == []
    assert ids(engine.search("skrivare", category="natverk")) == []


def test_paging(engine):
    first = engine.search("lösenord", page_size=1)
    second = engine.search("lösenord", page=2, page_size=1)
    assert first["pages"] == first["total"] >= 2
    assert ids(first) != ids(second) and len(ids(second)) == 1


def english_engine(root, *articles: dict) -> SearchEngine:
    corpus = write_corpus(root / "corpus.json", list(articles), language="en", synonyms=[])
    IndexDirectory(root / "index").update(load_corpus(corpus))
    return SearchEngine(root / "index")


def test_a_title_written_as_two_words_finds_its_page_where_others_join_them(tmp_path):
    """"Quantum Espresso" is also `quantumespresso` (a package name elsewhere), but the page
    titled with the two words comes first."""
    engine = english_engine(
        tmp_path,
        record(1, "Quantum Espresso", section("Running", "Quantum Espresso runs on the nodes.")),
        record(2, "Spack", section("Packages", "Build quantumespresso with spack install.")))
    assert ids(engine.search("Quantum Espresso"))[0] == 1


# Long enough that, by its text alone, the page titled "FAQ" would rank below "Storage FAQs".
ACCOUNTS = " ".join(["Ask the helpdesk about your account, your project and its budget."] * 2)


def test_a_title_that_says_only_what_the_query_says_comes_first(tmp_path):
    """Of pages that all carry the query's word in their titles, the one titled by that word
    alone: "FAQ" for "faq", before "Storage FAQs"."""
    engine = english_engine(
        tmp_path,
        record(1, "Storage FAQs", section("Storage FAQ", "FAQ: quotas and backups."),
               summary="The storage FAQ."),
        record(2, "FAQ", section("Accounts", ACCOUNTS), intro=ACCOUNTS))
    assert ids(engine.search("FAQ"))[0] == 2


def test_snippet_escapes_html(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.json", [
        record(1, "Skript", section("Fara", "Skriv <script>alert(1)</script> i skrivaren."))])
    IndexDirectory(tmp_path / "index").update(load_corpus(corpus))
    hit = SearchEngine(tmp_path / "index").search("skrivaren")["hits"][0]
    assert "<script>" not in hit["snippet"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit["snippet"]
    assert "<mark>skrivaren</mark>" in hit["snippet"]


def test_suggestions_complete_titles_and_questions(engine):
    texts = [s["text"] for s in engine.suggest("vilket nä")]
    assert texts == ["Vilket nätverk ska jag välja?"]
    assert {s["text"] for s in engine.suggest("losen")} == {
        "Återställ ditt lösenord", "Regler för lösenordsbyte", "Text med losenord utan prickar"}
    assert len(engine.suggest("a")) <= 8


def test_an_adopted_faq_suggests_the_questions_it_asks_under_topic_headings(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.json", [
        record(1, "Frequently asked questions",
               section("Running jobs", "Jobs on the compute nodes."),
               section("Jobs failures", "Common causes.", level=3),
               section("What does a hardware fault look like?", "NODE FAILURE.", level=4),
               section("Out-of-memory error", "Use more nodes.", level=4), type="faq")],
        language="en")
    IndexDirectory(tmp_path / "index").update(load_corpus(corpus))
    engine = SearchEngine(tmp_path / "index")
    assert [s["text"] for s in engine.suggest("what does a ha")] == [
        "What does a hardware fault look like?"]
    assert engine.suggest("out-of-mem") == []  # a topic heading, not a question
    assert engine.suggest("jobs fail") == []


def test_stop_words_only_finds_nothing_without_error(engine):
    result = engine.search("hur gör jag")
    assert result["total"] == 0 and result["hits"] == []


def test_no_index_yet(tmp_path):
    with pytest.raises(IndexMissing):
        SearchEngine(tmp_path / "none").search("vpn")


def test_concurrent_searches_on_a_fresh_view_answer_as_one_at_a_time(engine):
    """Threads share one view, whose postings are read on first use (fokus serve is threaded)."""
    import threading

    queries = ["skrivaren", "lösenord", "vpn-klient", "trådlöst nätverk", "kalender outlook",
               "losenord", "skrivarkön", "byta skrivare", "nätverket hemifrån", "glömt lösen"]

    def answer(search_engine: SearchEngine, query: str) -> list:
        return [(h["article_id"], h["score"], h["snippet"], h["anchor"])
                for h in search_engine.search(query)["hits"]]

    expected = {q: answer(engine, q) for q in queries}
    assert all(expected.values())
    fresh = SearchEngine(engine.directory.path)
    problems: list[str] = []

    def search_all() -> None:
        for query in queries:
            try:
                if answer(fresh, query) != expected[query]:
                    problems.append(query)
            except Exception as exc:  # noqa: BLE001 - any failure is what we look for
                problems.append(repr(exc))

    threads = [threading.Thread(target=search_all) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert problems == []
