"""The search benchmark runs end to end on a small corpus, so that it still works when it is
needed. Figures are not checked here (speed is the benchmark's business, docs/benchmarks.md);
only that every measurement ran and the report carries it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import search_bench  # noqa: E402


def test_the_search_benchmark_measures_and_reports_a_small_corpus(tmp_path):
    sample = search_bench.sample_corpus(tmp_path)
    corpus = search_bench.synthetic_corpus(sample, 40)
    site = tmp_path / "site"
    site.mkdir()
    (site / "corpus.json").write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    queries = search_bench.load_queries()[:10]

    result = {"rounds": 1, "queries": len(queries),
              "sections": sum(len(a["sections"]) for a in corpus["articles"])}
    result["index"] = search_bench.measure_index(site / "corpus.json", tmp_path / "index")
    result["process"] = search_bench.measure_in_process(tmp_path / "index", queries, 1)
    result["http"] = search_bench.measure_http(site, tmp_path / "index", tmp_path, queries, 1)
    result["fts5"] = search_bench.measure_fts5(corpus, tmp_path, queries, 1)

    assert result["index"]["articles"] == 40
    assert result["process"]["n"] == result["http"]["n"] == len(queries)
    assert result["http"]["worker_rss_mb"] > 0
    section = search_bench.report({40: result}, "pytest", search_bench.dt.datetime.now())
    assert section.startswith("<!-- bench:search:start -->")
    assert "| 40 | " in section
    assert "the 10 queries" in section
    assert section.count("PASS") + section.count("FAIL") == len(search_bench.TARGETS)
