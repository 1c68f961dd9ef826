"""Search quality over the sample content: MRR@10, hits@1 and hits@10 for Fokus's search next to
the same figures for Whoosh's default `QueryParser`.

    python tests/search_eval/evaluate.py            # the table, per kind of query
    python tests/search_eval/evaluate.py --misses   # also every query whose answer is not first

The suite runs the same evaluation (tests/search_eval/test_search_quality.py) and fails below
MRR@10 = 0.85.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser

from search_service.corpus import Corpus, load_corpus
from search_service.engine import SearchEngine
from search_service.indexing import IndexDirectory

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
QUERIES = HERE / "queries.yml"
CUTOFF = 10


@dataclass
class Query:
    text: str
    expected: set[int]
    kind: str


@dataclass
class Scores:
    mrr: float
    hits1: float
    hits10: float
    ranks: list[int | None]


def load_queries(path: Path = QUERIES) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(e["query"], set(e["expected"]), e["kind"]) for e in entries]


def score(queries: list[Query], search: Callable[[str], list[int]]) -> Scores:
    ranks: list[int | None] = []
    for query in queries:
        found = search(query.text)[:CUTOFF]
        rank = next((i for i, article in enumerate(found, 1) if article in query.expected), None)
        ranks.append(rank)
    count = len(queries)
    return Scores(
        mrr=sum(1 / r for r in ranks if r) / count,
        hits1=sum(1 for r in ranks if r == 1) / count,
        hits10=sum(1 for r in ranks if r) / count,
        ranks=ranks,
    )


def build_corpus(workdir: Path) -> Corpus:
    from site_builder.build import build_site

    build_site(str(REPO / "mkdocs.yml"), content_dir=str(REPO / "content"),
               output_dir=str(workdir / "site"))
    return load_corpus(workdir / "site" / "corpus.json")


def fokus_search(corpus: Corpus, workdir: Path) -> Callable[[str], list[int]]:
    IndexDirectory(workdir / "index").update(corpus, full=True)
    engine = SearchEngine(workdir / "index")
    return lambda text: [hit["article_id"] for hit in
                         engine.search(text, page_size=CUTOFF)["hits"]]


def whoosh_default_search(corpus: Corpus, workdir: Path) -> Callable[[str], list[int]]:
    """The baseline: one document per article, Whoosh's StandardAnalyzer and QueryParser."""
    schema = Schema(article_id=ID(stored=True), content=TEXT)
    folder = workdir / "baseline"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), schema)
    writer = ix.writer()
    for article in corpus.searchable:
        text = " ".join([article["title"], article["summary"], " ".join(article["tags"]),
                         *(f"{s['heading']} {s['text']}" for s in article["sections"])])
        writer.add_document(article_id=str(article["id"]), content=text)
    writer.commit()
    searcher = ix.searcher()
    parser = QueryParser("content", schema)
    return lambda text: [int(hit["article_id"]) for hit in
                         searcher.search(parser.parse(text), limit=CUTOFF)]


def evaluate(workdir: Path) -> tuple[list[Query], Scores, Scores]:
    queries = load_queries()
    corpus = build_corpus(workdir)
    return (queries, score(queries, fokus_search(corpus, workdir)),
            score(queries, whoosh_default_search(corpus, workdir)))


def report(queries: list[Query], fokus: Scores, baseline: Scores, misses: bool) -> str:
    lines = [f"{len(queries)} queries over content/",
             "",
             f"{'':28}{'MRR@10':>8}{'hits@1':>8}{'hits@10':>9}",
             f"{'Fokus':28}{fokus.mrr:8.3f}{fokus.hits1:8.3f}{fokus.hits10:9.3f}",
             f"{'Whoosh QueryParser':28}{baseline.mrr:8.3f}{baseline.hits1:8.3f}"
             f"{baseline.hits10:9.3f}",
             "",
             f"{'by kind (Fokus MRR / baseline MRR)':40}"]
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, query in enumerate(queries):
        by_kind[query.kind].append(index)
    for kind, members in sorted(by_kind.items()):
        ours = sum(1 / fokus.ranks[i] for i in members if fokus.ranks[i]) / len(members)
        theirs = sum(1 / baseline.ranks[i] for i in members if baseline.ranks[i]) / len(members)
        lines.append(f"  {kind:14}{len(members):4} queries  {ours:6.3f} / {theirs:6.3f}")
    if misses:
        lines += ["", "not first:"]
        lines += [f"  rank {fokus.ranks[i] or '-':>2}  {q.text!r} expected {sorted(q.expected)}"
                  for i, q in enumerate(queries) if fokus.ranks[i] != 1]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list queries not ranked first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(report(*evaluate(Path(tmp)), misses=args.misses))


if __name__ == "__main__":
    main()
