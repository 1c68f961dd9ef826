"""The language's own synonyms (search_service/vocabulary.py): "2fa" finds a page that says
"multi-factor authentication" though no author listed them, and only where the pages do not
use the reader's word themselves."""

from __future__ import annotations

import re

import pytest

from search_service import query
from search_service.analysis import Analyzer
from search_service.vocabulary import VOCABULARY

from .corpus_factory import alternatives, engine_over, ids, record, section


@pytest.fixture(scope="module")
def english_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("vocabulary"), [
        record(1, "Multi factor authentication",
               section("Resetting the authenticator", "Lost your phone? Reset the one-time "
                                                      "codes in the portal.")),
        record(2, "Virtual machines", section("Create a virtual machine",
                                              "Choose a size and an image.")),
        record(3, "VM disks", section("Resize a VM disk", "Stop the VM, then resize its disk.")),
        record(4, "Organisation accounts", section("Your organisation",
                                                    "Each organisation has one manager.")),
    ], language="en")


def test_an_abbreviation_the_pages_do_not_use_finds_the_words_they_use(english_engine):
    # No page says "2FA"; the page says "Multi factor authentication", without the hyphen
    # the vocabulary writes.
    assert ids(english_engine.search("2fa")) == [1]
    assert ids(english_engine.search("move 2fa to a new phone"))[0] == 1


def test_an_american_spelling_finds_the_british_one(english_engine):
    assert ids(english_engine.search("organization manager"))[0] == 4


def test_a_word_the_pages_use_keeps_to_itself(english_engine):
    # The pages say "VM": "virtual machine" would favour pages that say both, so it is not
    # added; nor does the known word gain anything from the language's groups.
    assert alternatives(english_engine, "vm") == {("vm",): 1.0}
    assert ids(english_engine.search("vm"))[0] == 3


def test_the_vocabulary_is_no_typo(english_engine):
    view = english_engine.view()
    assert "2fa" in view.builder.synonym_terms


def test_swedish_has_its_own_vocabulary(tmp_path):
    engine = engine_over(tmp_path, [
        record(1, "Tvåfaktorsautentisering", section("Ny telefon", "Flytta appen till den "
                                                                    "nya telefonen.")),
        record(2, "Skrivare", section("Skriv ut", "Välj skrivare i listan.")),
    ])
    assert ids(engine.search("2fa ny telefon"))[0] == 1


def test_an_authors_phrase_with_a_hyphen_also_finds_it_written_apart(tmp_path):
    engine = engine_over(tmp_path, [
        record(1, "Sign in", section("Multi factor authentication", "Use an authenticator.")),
        record(2, "Printers", section("Queues", "Printers hold jobs.")),
    ], language="en", synonyms=[["mfa", "multi-factor authentication"]])
    assert alternatives(engine, "mfa")[("multi", "factor", "authent")] == query.SYNONYM_WEIGHT
    assert ids(engine.search("mfa")) == [1]


@pytest.mark.parametrize("language", sorted(VOCABULARY))
def test_no_phrase_of_the_vocabulary_holds_a_stop_word(language):
    # The index keeps no stop words: "log out" would stand for any "log".
    stopwords = Analyzer(language).stopwords
    for group in VOCABULARY[language]:
        for entry in group:
            assert not set(re.split(r"[\s-]+", entry)) & stopwords, (language, entry)


@pytest.mark.parametrize("language", sorted(VOCABULARY))
def test_every_group_holds_distinct_words_and_no_word_is_in_two_groups(language):
    analyzer = Analyzer(language)
    builder = query.QueryBuilder(analyzer, [], None, VOCABULARY[language])
    seen: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(builder.language_groups):
        assert len(set(group)) == len(group) >= 2, VOCABULARY[language][number]
        for entry in group:
            assert seen.setdefault(entry, number) == number, (language, entry)
