"""Each language rule of the analysis, in Swedish and by configuration in English."""

from search_service.analysis import Analyzer, build_vocabulary

TEXTS = ["lösenord byte skrivare skrivarbyte vpn klient nätverk uttag kalender"]
SV = Analyzer("sv", build_vocabulary(TEXTS, "sv"))


def term(word: str) -> str:
    return SV.normalise(word)


def test_inflections_meet_in_one_term_without_merging_different_words():
    assert term("skrivaren") == term("skrivare") == term("skrivarna")
    assert term("lösenordet") == term("lösenord")
    assert term("kalendern") == term("kalendrar") == term("kalender")
    assert term("byta") == term("byte") == term("bytt")
    assert term("dator") == term("datorn") == term("datorer")  # simplemma: "dator" -> data
    assert term("router") == term("routern")
    # compounds the dictionary does not have are lemmatised by their last part
    assert term("gästnätverket") == term("gästnätverk")
    assert term("lösenordsbytet") == term("lösenordsbyte")
    # A stemmer would merge these; they are different things to a helpdesk.
    assert term("skrivare") != term("skriva")
    assert term("dator") != term("data")
    assert term("användare") != term("använda")


def test_compounds_are_split_into_parts_the_knowledge_base_uses():
    assert term("lösenord") in SV.terms("lösenordsbyte")  # with the linking s
    assert set(SV.terms("skrivarbyte")) >= {term("skrivare"), term("byta")}
    assert SV.terms("nätverksuttag")[1:] == [term("nätverk"), term("uttag")]


def test_short_endings_are_not_taken_for_compound_parts():
    assert SV.split_compound("behörighet") == ()
    assert SV.split_compound("datorn") == ()


def test_hyphenated_and_joined_words_match():
    assert set(SV.terms("vpn-klient")) == {"vpn", term("klient"), "vpnklient"}
    assert "vpnklient" in SV.terms("vpnklient")
    assert set(SV.query_words("vpnklient")[0].parts) == {"vpn", term("klient")}


def test_case_is_folded():
    assert SV.terms("VPN Lösenord") == SV.terms("vpn lösenord")


def test_a_word_typed_without_swedish_letters_stands_for_the_words_with_them():
    [word] = SV.query_words("losenord")
    assert (term("lösenord"), ()) in word.unfolded
    with_inflection = Analyzer("sv", build_vocabulary(TEXTS + ["nätverket"], "sv"))
    [inflected] = with_inflection.query_words("natverket")
    assert (term("nätverk"), ()) in inflected.unfolded
    with_compound = Analyzer("sv", build_vocabulary(TEXTS + ["nätverksuttag"], "sv"))
    [compound] = with_compound.query_words("natverksuttag")
    assert (term("nätverksuttag"), (term("nätverk"), term("uttag"))) in compound.unfolded
    [typed_right] = SV.query_words("lösenord")
    assert typed_right.unfolded == ()
    [nothing_to_unfold] = SV.query_words("vpn")
    assert nothing_to_unfold.unfolded == ()


def test_stop_words_do_not_count_but_a_problem_word_does():
    assert [w.surface for w in SV.query_words("hur gör jag när skrivaren inte fungerar")] == [
        "skrivaren", "inte", "fungerar"]
    assert [w.surface for w in SV.query_words("var är den och vad har de")] == []


def test_english_by_configuration():
    en = Analyzer("en")
    assert en.normalise("printers") == en.normalise("printer")
    assert en.normalise("passwords") == en.normalise("password")
    assert [w.surface for w in en.query_words("how do I reset the password")] == [
        "reset", "password"]
    assert en.split_compound("passwordreset") == ()


def test_english_keeps_work_as_a_word_as_swedish_keeps_fungerar():
    """"work" names things in English documentation (the /work file system, a work
    directory): a stop word, it left "lustre quota on work" without its file system."""
    en = Analyzer("en")
    assert [w.surface for w in en.query_words("printer not working")] == [
        "printer", "not", "working"]
    assert [w.surface for w in en.query_words("lustre quota on work")] == [
        "lustre", "quota", "work"]
    assert en.terms("the work file system") == [en.normalise("work"), en.normalise("file"),
                                                en.normalise("system")]


def test_counted_terms_index_exactly_as_one_token_per_occurrence(tmp_path):
    """CountedFrequency takes the analyzer's counts; Whoosh's Frequency counts token by token.
    Both must give each term the same frequency and weight and the field the same length."""
    import json

    from whoosh.formats import Frequency

    from search_service.analysis import PART_SEPARATOR, CountedFrequency, IndexTermsAnalyzer

    vocabulary = tmp_path / "vocabulary.json"
    vocabulary.write_text(json.dumps(sorted(build_vocabulary(TEXTS, "sv"))), encoding="utf-8")
    value = PART_SEPARATOR.join([
        "Skrivarbyte på plan 3", "Nya skrivare och lösenord", "Vi byter skrivare",
        "Skrivarbytet sker i vecka 48; skrivaren och skrivarna byts."])
    for analyzer in (IndexTermsAnalyzer("sv", str(vocabulary), weights=(4, 3, 2, 1)),
                     IndexTermsAnalyzer("sv", str(vocabulary))):
        counted = sorted(CountedFrequency(field_boost=0.5).word_values(value, analyzer))
        one_by_one = sorted(Frequency(field_boost=0.5).word_values(value, analyzer))
        assert counted == one_by_one
        assert counted, "the value must produce terms for the comparison to mean anything"


def test_a_compound_written_apart_is_read_as_the_compound():
    assert [w.term for w in SV.query_words("lösen ord")] == [term("lösenord")]
    assert [w.term for w in SV.query_words("skrivar byte")] == [term("skrivarbyte")]
    # Neighbours that the knowledge base does not write as one word stay two words.
    assert [w.term for w in SV.query_words("byta skrivare")] == [term("byta"), term("skrivare")]


def test_a_compound_written_apart_keeps_the_words_as_typed_for_its_parts():
    """English has no compound splitting: the words as typed are what finds "file systems"
    written apart, where the knowledge base also writes `filesystems`."""
    en = Analyzer("en", build_vocabulary(["filesystems file systems quota"], "en"))
    [word] = en.query_words("File Systems")
    assert word.term == en.normalise("filesystems")
    assert word.parts == (en.normalise("file"), en.normalise("systems"))
    assert [w.parts for w in en.query_words("quota")] == [()]


def test_a_compound_is_cut_after_a_first_part_the_knowledge_base_writes_as_a_word():
    # The lemmatiser takes the fragment "nätverksut" for "nätverk", and "taget" is a word:
    # cut there, "nätverksuttaget" would be a network and something taken.
    sv = Analyzer("sv", build_vocabulary(["nätverk uttaget taget"], "sv"))
    assert sv.split_compound("nätverksuttaget") == (term("nätverk"), term("uttag"))


def test_neighbours_are_not_joined_across_a_stop_word():
    # The lemmatiser would read "inkorgenär" as "inkorg", losing the word "full".
    sv = Analyzer("sv", build_vocabulary(["inkorg inkorgen full"], "sv"))
    assert [w.term for w in sv.query_words("inkorgen är full")] == [term("inkorg"), "full"]


def test_every_form_of_the_verb_få_is_a_stop_word():
    assert SV.query_words("få får fick fått") == []


def test_a_noun_made_from_a_verb_meets_the_verb():
    assert term("anmälan") == term("anmäla") == term("anmäl")
    assert term("ansökan") == term("ansöka")
    sv = Analyzer("sv", build_vocabulary(["fel anmäla"], "sv"))
    assert sv.split_compound("felanmälan") == ("fel", term("anmäla"))
    assert term("plan") == "plan"  # too short to be one


def test_a_query_word_the_knowledge_base_lacks_is_read_as_the_word_it_is_made_of():
    sv = Analyzer("sv", build_vocabulary(["seg wifi print skrivare"], "sv"))
    assert [w.term for w in sv.query_words("jätteseg")] == ["seg"]  # emphasis only
    assert [w.term for w in sv.query_words("wifit")] == ["wifi"]  # a Swedish ending
    # A plural -er is not taken off: a printer is not a print.
    assert [w.term for w in sv.query_words("printer")] == [sv.normalise("printer")]
    # Words the knowledge base uses are left as they are.
    assert [w.term for w in sv.query_words("skrivaren")] == [term("skrivare")]


def test_a_particle_joins_only_into_a_word_the_knowledge_base_writes():
    en = Analyzer("en", build_vocabulary(["login nodes"], "en"))
    assert [w.term for w in en.query_words("log in")] == [en.normalise("login")]


def test_a_verb_typed_with_its_particle_finds_the_word_the_knowledge_base_writes():
    """"backed up" is the knowledge base's `backup`, "logged in" its `login`: the verb in its
    dictionary form joined to the particle, since the particle alone is a stop word."""
    en = Analyzer("en", build_vocabulary(["backup policies", "login nodes"], "en"))
    assert [w.term for w in en.query_words("are my files backed up")] == [
        en.normalise("files"), en.normalise("backup")]
    assert [w.term for w in en.query_words("I logged in twice")] == [
        en.normalise("login"), en.normalise("twice")]
    # A verb whose joined form the knowledge base does not use stays as typed.
    assert [w.term for w in en.query_words("switched off")] == [en.normalise("switched")]
