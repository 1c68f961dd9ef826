"""Search quality, measured through /api/search on the starter content and on the three shared
trees (../shared/corpora), next to stock Whoosh and SQLite FTS5 in the same run."""

from __future__ import annotations

import pytest

from .evaluate import evaluate
from .labels import read_starter
from .trees import SHARED_TREES, STARTER_QUERIES

MINIMUM_MRR = {"starter": 0.90, **{name: 0.88 for name in SHARED_TREES}}
MINIMUM_SECTION_LABELS = 30


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Each tree evaluated once for the module: {tree: [SetResult, ...]}."""
    cache: dict[str, list] = {}

    def run(name: str) -> list:
        if name not in cache:
            cache[name] = evaluate(name, tmp_path_factory.mktemp(name))
        return cache[name]
    return run


def test_the_starter_set_is_realistic_and_labels_sections():
    queries = read_starter(STARTER_QUERIES)
    assert len(queries) >= 60
    assert {q.kind for q in queries} >= {"inflection", "compound", "typo", "ascii", "synonym",
                                         "question", "english"}
    assert all(q.labels for q in queries)
    assert sum(1 for q in queries if any(label.anchor for label in q.labels)) >= \
        MINIMUM_SECTION_LABELS


def test_the_shared_trees_have_section_labels(measured):
    labelled = sum(1 for name in SHARED_TREES for q in measured(name)[0].query_set.queries
                   if q.sections)
    assert labelled >= MINIMUM_SECTION_LABELS


@pytest.mark.parametrize("name", ["starter", *SHARED_TREES])
def test_fokus_reaches_its_minimum_and_beats_the_stock_engines(measured, name):
    result = measured(name)[0]
    fokus, *stock = result.figures
    assert fokus.count == len(result.query_set.queries)
    assert fokus.mrr >= MINIMUM_MRR[name], f"{name}: MRR@10 {fokus.mrr:.3f}"
    for other in stock:
        assert fokus.mrr > other.mrr, f"{name}: {other.engine} {other.mrr:.3f} >= Fokus"
