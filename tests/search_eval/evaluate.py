"""Search quality on any docs tree: Fokus next to stock Whoosh and SQLite FTS5, in one run.

    python -m tests.search_eval                     # starter set, the shared trees, merged
    python -m tests.search_eval --only eidf-docs    # one of: starter, eidf-docs, archer2-docs,
                                                    #   cscs-docs, merged
    python -m tests.search_eval --tree DOCS --queries QUERIES.TSV   # any other tree
    python -m tests.search_eval --misses            # also the queries Fokus does not rank first
    python -m tests.search_eval --write             # also record the tables in docs/benchmarks.md

Each tree is adopted and built in a temporary directory (see trees.py), indexed, and every
query is sent to `/api/search`. The suite runs the same code (test_search_quality.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .engines import ENGINES, Answer, FokusEngine
from .labels import resolve
from .metrics import Figures, measure
from .trees import (
    REPO,
    SHARED_TREES,
    BuiltTree,
    QuerySet,
    custom_tree,
    merged_tree,
    shared_tree,
    starter,
)

ALL = ("starter", *SHARED_TREES, "merged")
BENCHMARKS = REPO / "docs" / "benchmarks.md"
MARK = "search-quality"
TARGET_MRR = 0.92
TARGET_MERGED_LEAD = 0.15
TARGET_LANDING = 0.80


@dataclass
class SetResult:
    tree: BuiltTree
    query_set: QuerySet
    figures: list[Figures]  # Fokus first, then the stock engines
    answers: list[Answer]  # Fokus's

    @property
    def fokus(self) -> Figures:
        return self.figures[0]


def build(name: str, workdir: Path) -> BuiltTree:
    if name == "starter":
        return starter(workdir)
    if name == "merged":
        return merged_tree(workdir)
    return shared_tree(name, workdir)


def evaluate_tree(tree: BuiltTree, workdir: Path,
                  engines: tuple = ENGINES) -> Iterator[SetResult]:
    for query_set in tree.query_sets:
        tree.problems += [f"label skipped, no such article: {skipped}"
                          for skipped in resolve(query_set.queries, tree.corpus.articles)]
    made = [engine(tree.corpus, workdir / tree.name / engine.__name__) for engine in engines]
    for query_set in tree.query_sets:
        measured = [measure(engine, query_set.queries) for engine in made]
        yield SetResult(tree, query_set, [f for f, _ in measured], measured[0][1])


def evaluate(name: str, workdir: Path, engines: tuple = ENGINES) -> list[SetResult]:
    return list(evaluate_tree(build(name, workdir / "trees"), workdir / "engines", engines))


def fokus_only(name: str, workdir: Path) -> list[SetResult]:
    return evaluate(name, workdir, (FokusEngine,))


def table(result: SetResult) -> str:
    tree, queries = result.tree, result.query_set.queries
    lines = [f"## {result.query_set.name}: {len(tree.corpus.searchable)} pages, "
             f"{len(queries)} queries ({tree.adoption})",
             "",
             "| engine | MRR@10 | hits@1 | hits@3 | hits@10 | section landing | zero results "
             "| p50 ms | p95 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for figures in result.figures:
        rate = figures.landing_rate
        landing = (f"{figures.sections_landed}/{figures.sections_judged} ({rate:.0%})"
                   if rate is not None else "–")
        lines.append(f"| {figures.engine} | {figures.mrr:.3f} | {figures.hits(1):.3f} | "
                     f"{figures.hits(3):.3f} | {figures.hits(10):.3f} | {landing} | "
                     f"{figures.zero} | {figures.percentile(50):.1f} | "
                     f"{figures.percentile(95):.1f} |")
    for problem in tree.problems:
        lines.append(f"\nnote: {problem}")
    return "\n".join(lines)


def misses(result: SetResult) -> str:
    lines = ["", "Fokus, not first or landing elsewhere:"]
    by_id = {a["id"]: a for a in result.tree.corpus.articles}
    for query, rank, landed, answer in zip(result.query_set.queries, result.fokus.ranks,
                                           result.fokus.landed, result.answers, strict=True):
        if rank == 1 and landed is not False:
            continue
        top = [f"{by_id[a]['source_path']}#{anchor or ''}" for a, anchor in answer.hits[:3]]
        want = [by_id[a]["source_path"] for a in query.relevant[:2]]
        section = "" if landed is not False else f" section {sorted(query.sections.values())}"
        lines.append(f"  rank {rank or '-':>2} {query.text!r}\n      want {want}{section}\n"
                     f"      got  {top}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.search_eval",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=ALL, action="append",
                        help="a tree to run (repeatable; default: all)")
    parser.add_argument("--tree", type=Path, help="another docs directory to adopt and run")
    parser.add_argument("--queries", type=Path, help="its queries.tsv (with --tree)")
    parser.add_argument("--misses", action="store_true", help="list Fokus's misses")
    parser.add_argument("--write", action="store_true",
                        help=f"record the tables in {BENCHMARKS.relative_to(REPO)}")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    if bool(args.tree) != bool(args.queries):
        parser.error("--tree and --queries go together")
    with tempfile.TemporaryDirectory(prefix="fokus-eval-") as tmp:
        workdir = Path(tmp)
        if args.tree:
            tree = custom_tree(args.tree.resolve(), args.queries.resolve(), workdir / "trees")
            results = list(evaluate_tree(tree, workdir / "engines"))
        else:
            results = [r for name in args.only or ALL for r in evaluate(name, workdir / name)]
        for result in results:
            print(table(result))
            if args.misses:
                print(misses(result))
            print()
    if args.write:
        command = " ".join(["python -m tests.search_eval", *(argv or [])]).replace(" --write", "")
        write_section(report(results, command, started))


def report(results: list[SetResult], command: str, started: dt.datetime) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    lines = [f"<!-- bench:{MARK}:start -->", "## Search quality (issue 10)", "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC with:", "", "```sh", command, "```", "",
             f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, Fokus "
             f"commit {commit}, load average at the end "
             f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}. "
             "tests/search_eval/README.md describes the trees, the engines and the figures.",
             ""]
    for result in results:
        lines += [table(result).replace("## ", "### "), ""]
    lines += targets(results)
    lines.append(f"<!-- bench:{MARK}:end -->")
    return "\n".join(lines)


def targets(results: list[SetResult]) -> list[str]:
    """Issue 10's targets, as far as the run has the sets they name."""
    by_name = {r.query_set.name: r for r in results}
    rows = []
    for name in ("starter", *SHARED_TREES):
        if name in by_name:
            mrr = by_name[name].fokus.mrr
            rows.append((f"MRR@10 on {name} ≥ {TARGET_MRR}", f"{mrr:.3f}", mrr >= TARGET_MRR))
    if "merged" in by_name:
        fokus, *stock = by_name["merged"].figures
        best = max(stock, key=lambda f: f.mrr)
        rows.append((f"merged tree: MRR@10 ≥ best stock ({best.engine} {best.mrr:.3f}) + "
                     f"{TARGET_MERGED_LEAD}", f"{fokus.mrr:.3f} (+{fokus.mrr - best.mrr:.3f})",
                     fokus.mrr >= best.mrr + TARGET_MERGED_LEAD))
    own = [r for r in results if r.query_set.name in ("starter", *SHARED_TREES)]
    judged = sum(r.fokus.sections_judged for r in own)
    if judged:
        landed = sum(r.fokus.sections_landed for r in own)
        rows.append((f"section landing ≥ {TARGET_LANDING:.0%} (starter and shared queries "
                     "with a labelled section, together)", f"{landed}/{judged} "
                     f"({landed / judged:.0%})", landed / judged >= TARGET_LANDING))
        for r in own:
            rate = r.fokus.landing_rate
            if rate is not None:
                rows.append((f"section landing ≥ {TARGET_LANDING:.0%} on {r.query_set.name}",
                             f"{rate:.0%}", rate >= TARGET_LANDING))
    lines = ["### Targets", "", "| target | measured | result |", "| --- | --- | --- |"]
    lines += [f"| {t} | {m} | {'PASS' if ok else 'FAIL'} |" for t, m, ok in rows]
    return [*lines, ""]


def write_section(section: str) -> None:
    """Replace this section of docs/benchmarks.md, leaving the others alone."""
    text = BENCHMARKS.read_text(encoding="utf-8")
    pattern = re.compile(rf"<!-- bench:{MARK}:start -->.*?<!-- bench:{MARK}:end -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else (
        text.rstrip() + "\n\n" + section + "\n")
    BENCHMARKS.write_text(text, encoding="utf-8")
