"""The ranking rules of issue 10, one test each, over small corpora made for the rule.

Each corpus pits the behaviour the rule asks for against the one it forbids: a title or an
FAQ question that says the query against a long page that repeats its words, and so on."""

from __future__ import annotations

import numpy as np
import pytest

from search_service import proximity, query, ranking, results, scoring

from .corpus_factory import alternatives, engine_over, filler, ids, record, section


def repeated(words: str, times: int, length: int) -> str:
    """A long text that says `words` `times` times among `length` words of filler."""
    chunk = max(1, length // times)
    return " ".join(f"{filler(chunk)} {words}" for _ in range(times))


@pytest.fixture(scope="module")
def evidence_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("evidence"), [
        record(1, "Frequently asked questions",
               section("How do I reset my password?", filler(40, "Use the portal.")),
               section("Who can see my calendar?", "Only the people you share it with."),
               type="faq", category="konton"),
        record(2, "Account administration tutorial",
               section("Accounts in depth", repeated("reset the password", 10, 200)),
               category="konton"),
        record(3, "Reset your password", section("Steps", filler(40, "Open the portal.")),
               category="konton"),
        record(4, "Tutorial", section("In depth", repeated("printer queue stops", 10, 800)),
               category="skrivare"),
        record(5, "Notes", section("More", filler(30, "A printer queue that stops: restart.")),
               category="skrivare"),
    ], language="en")


def test_an_faq_question_that_says_the_query_outranks_a_page_repeating_its_words(
        evidence_engine):
    found = ids(evidence_engine.search("how do I reset my password"))
    assert found.index(1) < found.index(2)


def test_a_title_that_says_the_query_outranks_a_page_repeating_its_words(evidence_engine):
    found = ids(evidence_engine.search("reset password"))
    assert found.index(3) < found.index(2)


def test_a_long_tutorial_does_not_win_on_repetition(evidence_engine):
    # No title or heading says "printer queue stops" whole: the text decides, and a short
    # section saying it once beats a long one saying it ten times.
    assert ids(evidence_engine.search("printer queue stops"))[0] == 5


def test_without_the_rules_repetition_would_win(evidence_engine, monkeypatch):
    # The tests above hold because of the rules, not because of the corpus.
    scorer = evidence_engine.view().scorer
    monkeypatch.setattr(scoring, "HEADING_WEIGHT", 0.0)
    monkeypatch.setattr(scoring, "TITLE_WEIGHT", 0.0)
    found = ids(evidence_engine.search("how do I reset my password"))
    assert found.index(2) < found.index(1)
    monkeypatch.setattr(scoring, "BM25_B", 0.3)
    scorer._postings.clear()  # scored with the weaker length normalisation
    try:
        assert ids(evidence_engine.search("printer queue stops"))[0] == 4
    finally:
        scorer._postings.clear()


def test_a_query_that_matches_many_pages_keeps_a_handful_of_hits(tmp_path):
    best = record(1, "Configure the VPN client on a laptop",
                  section("Configure the VPN client", "Install the VPN client, then configure "
                                                      "it on the laptop."))
    weak = [record(n, f"Notice {n}", section("News", f"{filler(80)} laptop"))
            for n in range(2, 9)]
    engine = engine_over(tmp_path, [best, *weak], language="en")
    result = engine.search("configure the vpn client on my laptop")
    weakest = min(hit["score"] for hit in result["hits"])
    assert result["hits"][0]["article_id"] == 1
    assert weakest < ranking.MIN_RELATIVE_SCORE * result["hits"][0]["score"]  # below the floor
    assert result["total"] >= ranking.MIN_HITS


def test_a_hit_lands_on_the_section_whose_heading_is_the_answer(tmp_path, monkeypatch):
    engine = engine_over(tmp_path, [record(
        1, "Printing guide",
        section("Overview", repeated("print at home over the vpn", 10, 150)),
        section("Printing from home", filler(120, "It is not possible: go to the office.")),
        section("Colour", "Choose colour in the dialog."))], language="en")
    # The choice of section alone, without the heading's weight in the score.
    monkeypatch.setattr(scoring, "HEADING_WEIGHT", 0.0)
    [hit] = engine.search("printing from home")["hits"]
    assert hit["anchor"] == "printing-from-home"
    monkeypatch.setattr(results, "HEADING_PULL", 0.0)  # without the rule
    [hit] = engine.search("printing from home")["hits"]
    assert hit["anchor"] == "overview"  # the section repeating the words, without the rule


def test_without_a_heading_that_answers_the_section_that_says_most_of_the_query_is_chosen(
        tmp_path):
    engine = engine_over(tmp_path, [record(
        1, "Mailbox guide",
        section("Before you start", "Check the size of the mailbox in the settings."),
        section("Free up space", "Empty the deleted items folder when the mailbox is full."))],
        language="en")
    [hit] = engine.search("mailbox full deleted items")["hits"]
    assert hit["anchor"] == "free-up-space"


def test_a_heading_saying_part_of_the_query_beats_a_text_saying_more_of_it(tmp_path,
                                                                           monkeypatch):
    engine = engine_over(tmp_path, [record(
        1, "Inference service",
        section("Create an API key", "Open the portal and choose New."),
        section("OpenCode", "OpenCode sends your llm inference requests with the API key "
                            "of the inference service: set the key, pick an llm."))],
        language="en")
    [hit] = engine.search("llm inference api key")["hits"]
    assert hit["anchor"] == "create-an-api-key"
    monkeypatch.setattr(results, "HEADING_PULL", 0.5)  # a heading worth little more than text
    [hit] = engine.search("llm inference api key")["hits"]
    assert hit["anchor"] == "opencode"


@pytest.fixture(scope="module")
def trouble_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("trouble"), [record(
        1, "Windows-uppdateringar",
        section("Leta efter uppdateringar", "Öppna Windows Update och sök efter uppdateringar."),
        section("Om det inte fungerar", "Datorn har stått på Arbetar med uppdateringar i en "
                                        "timme: håll in strömknappen."),
        summary="Vad du gör om en uppdatering fastnar."),
        record(2, "Known issues", section("Jobs may slow down near the quota", "Clean up."),
               section("E-mail alerts from Slurm do not work", "Use the web page instead."),
               section("Using Slurm", "Slurm sends e-mail alerts when a job ends."),
               category="natverk")])


def test_a_problem_query_lands_on_the_troubleshooting_section(trouble_engine, monkeypatch):
    def landing(text: str) -> str:
        return trouble_engine.search(text)["hits"][0]["anchor"]

    assert landing("uppdateringen fastnar") == "om-det-inte-fungerar"
    assert landing("uppdateringar") == "leta-efter-uppdateringar"  # no problem reported
    # Among troubleshooting headings, the one saying the query.
    assert landing("slurm e-mail alerts not sent") == "e-mail-alerts-from-slurm-do-not-work"
    monkeypatch.setattr(results, "TROUBLE_PULL", 0.0)
    assert landing("uppdateringen fastnar") == "leta-efter-uppdateringar"


def test_a_question_heading_asking_as_the_query_does_comes_first_among_equals(tmp_path,
                                                                              monkeypatch):
    engine = engine_over(tmp_path, [record(
        1, "Låst konto",
        section("Lås upp kontot själv", "Ett låst konto låser du upp i portalen. Kontot "
                                        "låses efter fem fel; lås upp kontot där."),
        section("Varför låstes mitt konto?", "Fem felaktiga försök i rad."))])
    [hit] = engine.search("varför låses mitt konto")["hits"]
    assert hit["anchor"] == "varfor-lastes-mitt-konto"
    monkeypatch.setattr(results, "QUESTION_WORDS", frozenset())
    [hit] = engine.search("varför låses mitt konto")["hits"]
    assert hit["anchor"] == "las-upp-kontot-sjalv"


@pytest.fixture(scope="module")
def spelling_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("spelling"), [
        record(1, "Skrivaren skriver inte ut", section("Gör så här", "Starta om skrivaren.")),
        record(2, "Skrivare på plan 3", section("Var", "Skrivaren står vid köket.")),
        record(3, "Beställ skrivare", section("Beställ", "Beställ en skrivare i portalen.")),
        record(4, "Öppettider", section("Tider", "Öppet tills vidare, kom till oss.")),
        record(5, "Resor", section("Resa", "Res till kontoret med tåget tills vidare.")),
    ])


def test_did_you_mean_never_replaces_a_stop_word_or_a_word_the_index_knows_well(
        spelling_engine):
    result = spelling_engine.search("till tåget")  # little is found, both words are right
    assert result["did_you_mean"] is None
    view = spelling_engine.view()
    assert results.did_you_mean(view, "till skrivaren") is None  # not "tills", "skrivare"


def test_did_you_mean_proposes_only_when_little_is_found(spelling_engine):
    assert spelling_engine.search("skrivaren")["did_you_mean"] is None  # many hits
    assert spelling_engine.search("skirvaren")["did_you_mean"] == "skrivaren"  # a typo


WORDS_TO_KEEP = [
    record(1, "Varning för bluffmejl", section("Varning", "En varning om bluffmejl i dag.")),
    record(2, "Plan för wifi", section("Plan", "Vår plan för wifi på varje plan i huset.")),
    record(3, "Byt lösenord", section("Lösenord", "Byt lösenord varje dag, dag för dag.")),
]


def test_did_you_mean_keeps_synonyms_dictionary_words_and_words_typed_without_å_ä_ö(
        tmp_path):
    view = engine_over(tmp_path / "kept", WORDS_TO_KEEP, synonyms=[["vlan", "nätverk"]]).view()
    assert results.did_you_mean(view, "vlan") is None  # the synonym file has it
    assert results.did_you_mean(view, "wlan") is None  # the language's vocabulary has it
    assert results.did_you_mean(view, "idag") is None  # Swedish, not a typo of "dag"
    assert results.did_you_mean(view, "vaning") is None  # "våning", not "varning"
    assert results.did_you_mean(view, "losenord") == "lösenord"  # typed without ö
    assert results.did_you_mean(view, "varnign") == "varning"  # a typo is still corrected
    english = engine_over(tmp_path / "en", [record(
        1, "Containers", section("Run a container", "Containers contain a whole system."))],
        language="en").view()
    assert results.did_you_mean(english, "containr") == "container"  # a letter left out
    unknown = engine_over(tmp_path / "plain", WORDS_TO_KEEP, synonyms=[]).view()
    assert results.did_you_mean(unknown, "vlan") == "plan"  # without the synonym


def test_only_words_that_matched_as_words_are_highlighted(tmp_path):
    engine = engine_over(tmp_path, [record(
        1, "Nytt lösenord", section("Byt", "Byt lösenord i portalen. Skriv ett ord du minns."))])
    [hit] = engine.search("losenord")["hits"]  # typed without ö: the parts are lösen + ord
    assert "<mark>lösenord</mark>" in hit["snippet"]
    assert "<mark>ord</mark>" not in hit["snippet"]


@pytest.fixture(scope="module")
def english_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("english"), [
        record(1, "Submitting jobs", section("Job scripts", "Write a job script and run "
                                                             "sbatch myjob.slurm to submit it.")),
        record(2, "Digital object identifiers", section("Get a DOI",
                                                         "Register the dataset for a DOI.")),
        record(3, "Login nodes", section("Log in", "Use ssh to reach the login nodes.")),
        record(4, "Printers", section("Printer queues", "Printers hold jobs in a queue.")),
        record(5, "Passwords", section("Change your password", "Passwords expire yearly.")),
    ], language="en")


def test_english_stop_words_are_not_joined_into_words_the_index_has(english_engine):
    # "my job" is not the file name "myjob", nor is "do I" a DOI.
    result = english_engine.search("how do I submit my job")
    assert ids(result)[0] == 1 and 2 not in ids(result)


def test_english_inflections_and_typos_find_their_words(english_engine):
    assert ids(english_engine.search("printer queue"))[0] == 4  # "Printers", "queues"
    assert ids(english_engine.search("pasword expired"))[0] == 5  # a typo, an inflection
    assert ids(english_engine.search("how do I log in"))[0] == 3  # "log in" is "login"


@pytest.fixture(scope="module")
def typo_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("typo"), [
        record(1, "Flytta Authenticator till ny telefon",
               section("Gör så här", filler(30, "Öppna Authenticator på den nya telefonen."))),
        record(2, "Beställ ny telefon",
               section("Ny telefon", "En ny telefon beställer du i portalen. Din nya telefon "
                                     "kommer inom en vecka.")),
        record(3, "Känn igen bluffmejl", section("Tecken", "Ett bluffmejl ber dig ofta bråttom.")),
        record(4, "Porten", section("Porten", "Porten till en portal.")),
    ], synonyms=[["mejl", "mail"]])


def test_the_one_word_a_letter_away_from_an_unknown_word_counts_nearly_as_that_word(
        typo_engine):
    assert alternatives(typo_engine, "autenticator")[("authenticator",)] == query.TYPO_WEIGHT
    found = typo_engine.search("autenticator ny telefon")["hits"]
    assert found[0]["article_id"] == 1 and found[0]["score"] > 1.2 * found[1]["score"]
    # Two words a letter away: neither is surely meant.
    close = alternatives(typo_engine, "portel")
    del close[("portel",)]
    assert len(close) >= 2 and set(close.values()) == {query.FUZZY_WEIGHT}


def test_a_compound_made_with_a_synonym_finds_the_compound_made_with_the_other_word(
        typo_engine):
    # "bluffmail" is nowhere; "mail" is a synonym of "mejl", and "bluffmejl" is known.
    assert ids(typo_engine.search("bluffmail")) == [3]


def test_a_verb_and_its_particle_find_the_word_the_pages_write(tmp_path):
    engine = engine_over(tmp_path, [
        record(1, "Backup policies", section("What is kept", "Home directories are copied "
                                                            "every night.")),
        record(2, "Files on the back end", section("Back end", "Your files are stored on the "
                                                              "back end; move them up a level.")),
    ], language="en")
    assert ids(engine.search("are my files backed up"))[0] == 1


def at_depth(article: dict, path: str) -> dict:
    return {**article, "path": path, "url": f"https://kb.example.se/{path}"}


def test_of_two_pages_that_say_as_much_the_shallower_ranks_first(tmp_path, monkeypatch):
    """An overview one folder up outranks the tutorial deeper down that says the same."""
    same = ("Submit a job array", section("Job arrays", "Use sbatch --array to submit many "
                                                         "similar jobs at once."))
    engine = engine_over(tmp_path, [
        at_depth(record(1, *same), "running/tutorials/arrays/"),
        at_depth(record(2, *same), "running/arrays/"),
    ], language="en")
    result = engine.search("submit a job array")
    assert ids(result) == [2, 1]
    deep, shallow = result["hits"][1]["score"], result["hits"][0]["score"]
    assert deep == pytest.approx(ranking.DEPTH_FACTOR * shallow, rel=1e-3)


def test_the_depth_factor_counts_the_folders_of_the_path():
    assert ranking.depth_factor("") == 1.0  # the site's home page
    assert ranking.depth_factor("faq/") == ranking.DEPTH_FACTOR
    assert ranking.depth_factor("user-guide/data/") == ranking.DEPTH_FACTOR ** 2


@pytest.fixture(scope="module")
def title_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("titles"), [
        record(1, "GPU service FAQ", section("FAQ", "The FAQ of the GPU service: FAQ entries "
                                                    "on quotas.")),
        record(2, "FAQ", section("Accounts", "Answers to common questions about accounts.")),
        record(3, "Storage FAQ", section("FAQ list", "Storage FAQ: the FAQ about quotas.")),
        record(4, "Login", section("Connecting", "Use ssh to reach the login nodes every day.")),
        record(5, "End of service", section("Timeline", "The last day of the service is 28 May, "
                                                        "after which login stops.")),
        record(6, "Login nodes", section("Limits", "Do not run jobs on the login nodes.")),
        record(7, "Passwords", section("Login problems", "Reset your password if login fails.")),
    ], language="en")


def test_a_title_that_says_nothing_but_the_query_ranks_first(title_engine, monkeypatch):
    assert ids(title_engine.search("faq"))[0] == 2
    # Without the rule, the pages that repeat the word would come first.
    monkeypatch.setattr(scoring, "exact_titles",
                        lambda scorer, concepts, title: np.zeros(scorer.size, dtype=bool))
    assert ids(title_engine.search("faq"))[0] != 2


def test_a_short_title_naming_one_common_word_of_a_long_query_is_not_the_query(
        title_engine, monkeypatch):
    assert ids(title_engine.search("what is the last day I can login"))[0] == 5
    monkeypatch.setattr(scoring, "EXACT_TITLE_SHARE", 0.0)  # any title said whole, as before
    monkeypatch.setattr(proximity, "PAIR_WEIGHT", 0.0)  # "last day" side by side, apart
    assert ids(title_engine.search("what is the last day I can login"))[0] == 4


def test_a_heading_that_says_what_a_typo_meant_says_the_whole_query(tmp_path, monkeypatch):
    """"gromcas" is not in the index; its close spelling "gromacs" is what was meant. The word
    counts less in the query for the doubt, but a heading that says it says all of it."""
    engine = engine_over(tmp_path, [
        record(1, "Molecular dynamics", section("GROMACS on the GPU nodes", "Load the module.")),
        record(2, "Compilers", section("Compilers", "The compilers and their options.")),
    ], language="en")
    view = engine.view()

    def heading_share() -> float:
        concepts = view.builder.concepts("gromcas on the gpu nodes", view.scorer)
        evidence = scoring.section_scores(view.scorer, concepts)
        docnum = next(d for d, fields in enumerate(view.scorer.reader.all_stored_fields())
                      if fields["anchor"] == "gromacs-on-the-gpu-nodes")
        return float(evidence.heading[docnum])

    assert heading_share() == pytest.approx(1.0)
    monkeypatch.setattr(scoring, "CLOSE", "no such kind")  # the close spelling at its weight
    assert heading_share() < 0.99  # a sure typo weighs 0.9 (TYPO_WEIGHT), others less


@pytest.fixture(scope="module")
def proximity_engine(tmp_path_factory):
    return engine_over(tmp_path_factory.mktemp("proximity"), [
        record(1, "Development environment",
               section("Which environment", filler(60, "The Intel compilers are one choice."))),
        record(2, "Maths libraries", section(
            "Libraries", f"Intel maths. {filler(20)} Intel kernels. {filler(20)} Link with "
                         f"compilers. {filler(20)} Intel threads and other compilers.")),
    ], language="en")


def test_query_words_side_by_side_outrank_the_same_words_apart(proximity_engine, monkeypatch):
    assert ids(proximity_engine.search("intel compilers"))[0] == 1
    monkeypatch.setattr(proximity, "PAIR_WEIGHT", 0.0)  # the rule is what decides
    assert ids(proximity_engine.search("intel compilers"))[0] == 2


def test_neighbours_skip_stop_words_and_count_either_order(proximity_engine):
    analyzer = proximity_engine.view().analyzer
    stem = analyzer.normalise
    every = {stem("quota")[:2], stem("work")[:2], stem("file")[:2]}
    pairs = proximity.neighbours(analyzer, "The quota of the work file system", every)
    assert (stem("quota"), stem("work")) in pairs
    assert proximity.together(pairs, {stem("work")}, {stem("quota")})
    assert not proximity.together(pairs, {stem("quota")}, {stem("file")})
    # Only words that start as a query term does are read; the others stand there as nothing.
    assert proximity.neighbours(analyzer, "quota work", {stem("quota")[:2]}) == set()


def test_only_the_rescore_window_is_read_again(proximity_engine, monkeypatch):
    view = proximity_engine.view()
    concepts = view.builder.concepts("intel compilers", view.scorer)
    evidence = scoring.section_scores(view.scorer, concepts)
    read = []
    original = view.scorer.stored_fields
    monkeypatch.setattr(view.scorer, "stored_fields",
                        lambda docnum: read.append(docnum) or original(docnum))
    monkeypatch.setattr(proximity, "RESCORE_WINDOW", 1)
    proximity.rescore(view, concepts, evidence)
    assert read == scoring.best(evidence.scores, 1).tolist()
