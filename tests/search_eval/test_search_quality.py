"""Search quality over the sample content, measured on the evaluation set in queries.yml."""

from .evaluate import evaluate, load_queries

MINIMUM_MRR = 0.85


def test_the_evaluation_set_is_realistic_and_sound():
    queries = load_queries()
    assert len(queries) >= 60
    kinds = {q.kind for q in queries}
    assert kinds >= {"inflection", "compound", "typo", "ascii", "synonym", "question",
                     "english"}
    assert all(q.expected for q in queries)


def test_fokus_search_reaches_mrr_085_and_beats_whoosh_default(tmp_path):
    queries, fokus, baseline = evaluate(tmp_path)
    assert len(fokus.ranks) == len(queries)
    assert fokus.mrr >= MINIMUM_MRR, f"MRR@10 {fokus.mrr:.3f} below {MINIMUM_MRR}"
    assert fokus.mrr > baseline.mrr
