"""Search benchmark (issue 4): index build, one-article update, and query latency in process and
over HTTP at N synthetic articles, with SQLite FTS5 on the same sections as a reference.

    python bench/search_bench.py --sizes 1000,10000            # writes docs/benchmarks.md
    python bench/search_bench.py --sizes 1000 --no-write

The synthetic articles are made from the sample content in content/: each copies the shape of a
real article (type, number of sections, words per section) and draws its words from the sample
content's own word frequencies, so sizes and vocabulary are those of a real knowledge base.
The queries are the employee-style queries of tests/search_eval/queries.yml.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search_service.corpus import load_corpus  # noqa: E402
from search_service.engine import SearchEngine  # noqa: E402
from search_service.indexing import IndexDirectory  # noqa: E402

QUERIES = REPO / "tests" / "search_eval" / "queries.yml"
DOC = REPO / "docs" / "benchmarks.md"
MARK = "search"
TARGETS = {"build_10k_s": 30.0, "update_s": 2.0, "http_p50_ms": 10.0, "http_p95_ms": 30.0}
WORD_RE = re.compile(r"\w+(?:-\w+)*")


# -- corpus ------------------------------------------------------------------------------------

def sample_corpus(workdir: Path) -> dict:
    from site_builder.build import build_site

    build_site(str(REPO / "mkdocs.yml"), content_dir=str(REPO / "content"),
               output_dir=str(workdir / "sample-site"))
    return json.loads((workdir / "sample-site" / "corpus.json").read_text(encoding="utf-8"))


def synthetic_corpus(sample: dict, count: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    real = [a for a in sample["articles"] if a["status"] == "published"]
    words = Counter(w for a in real for s in a["sections"]
                    for w in WORD_RE.findall(f"{s['heading']} {s['text']}"))
    vocabulary, weights = zip(*words.items(), strict=True)

    def text(length: int) -> str:
        return " ".join(rng.choices(vocabulary, weights, k=max(length, 1)))

    articles = []
    for article_id in range(1, count + 1):
        shape = real[article_id % len(real)]
        article = copy.deepcopy(shape)
        path = f"{shape['category']}/syntetisk-{article_id}/"
        article.update(
            id=article_id, kb=f"KB-{article_id:04d}", path=path,
            url=f"https://kb.example.se/{path}", short_path=f"kb/{article_id}/",
            short_url=f"https://kb.example.se/kb/{article_id}/",
            title=text(len(shape["title"].split())), summary=text(len(shape["summary"].split())),
            sections=[dict(s, heading=text(len(s["heading"].split())) if s["heading"] else "",
                           text=text(len(s["text"].split()))) for s in shape["sections"]],
            content_hash=f"h{article_id}")
        articles.append(article)
    return dict(sample, articles=articles)


def load_queries() -> list[str]:
    import yaml

    return [entry["query"] for entry in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))]


# -- measurements ------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the index writer's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_index(corpus_path: Path, index_dir: Path) -> dict:
    started, cpu = time.perf_counter(), cpu_seconds()
    stats = IndexDirectory(index_dir).update(load_corpus(corpus_path), full=True)
    build = time.perf_counter() - started
    build_cpu = cpu_seconds() - cpu
    corpus = json.loads(corpus_path.read_text(encoding="utf-8"))
    changed = corpus["articles"][len(corpus["articles"]) // 2]
    changed["sections"][-1]["text"] += " Nytt stycke om skrivare och lösenord."
    changed["content_hash"] = "changed"
    corpus_path.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    started = time.perf_counter()
    update = IndexDirectory(index_dir).update(load_corpus(corpus_path))
    update_s = time.perf_counter() - started
    assert update.mode == "incremental" and update.updated == 1, update
    return {"build_s": build, "build_cpu_s": build_cpu, "update_s": update_s,
            "articles": stats.added}


def measure_in_process(index_dir: Path, queries: list[str], rounds: int) -> dict:
    engine = SearchEngine(index_dir)
    started = time.perf_counter()
    engine.refresh()  # what the service does at start and after each re-index
    open_ms = (time.perf_counter() - started) * 1000
    first = timed(engine.search, queries)  # term postings read and scored for the first time
    times = []
    for _ in range(rounds):
        times += timed(engine.search, queries)
    prefixes = [q[:n] for q in queries for n in (2, 4, 7) if len(q) >= n]
    timed(engine.suggest, prefixes)
    suggest = []
    for _ in range(rounds):
        suggest += timed(engine.suggest, prefixes)
    return {"open_ms": open_ms, "first_p50": percentile(first, 0.5),
            "first_p95": percentile(first, 0.95), "p50": percentile(times, 0.5),
            "p95": percentile(times, 0.95), "n": len(times),
            "suggest_p50": percentile(suggest, 0.5), "suggest_p95": percentile(suggest, 0.95)}


def timed(function, arguments: list[str]) -> list[float]:
    """Milliseconds per call."""
    times = []
    for argument in arguments:
        started = time.perf_counter()
        function(argument)
        times.append((time.perf_counter() - started) * 1000)
    return times


def worker_rss_mb(parent: int) -> float:
    """The largest resident set of the server's worker processes, in MB."""
    largest = 0
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in stat.read_text().splitlines()
                          if ":" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip()) == parent:
            largest = max(largest, int(fields.get("VmRSS", "0 kB").split()[0]))
    return largest / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_http(site_dir: Path, index_dir: Path, workdir: Path, queries: list[str],
                 rounds: int) -> dict:
    """The production server (gunicorn, two workers); one request at a time, as a reader."""
    port = free_port()
    env = dict(os.environ, FOKUS_SITE_DIR=str(site_dir), FOKUS_INDEX_DIR=str(index_dir),
               FOKUS_DATABASE_URL=f"sqlite:///{workdir / 'bench.db'}",
               FOKUS_SALT_FILE=str(workdir / "salt"), FOKUS_WATCH_CORPUS="false",
               FOKUS_INDEX_ON_START="false")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
         "search_service.wsgi:app"], env=env, cwd=REPO, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for(port)
        # No warm-up: the first queries after start, each term's postings read for the
        # first time, count like the others.
        times = []
        for _ in range(rounds):
            for query in queries:
                started = time.perf_counter()
                get(port, query)
                times.append((time.perf_counter() - started) * 1000)
        rss = worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "n": len(times),
            "first_ms": times[0], "first_round_max_ms": max(times[:len(queries)]),
            "worker_rss_mb": rss}


def get(port: int, query: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/search?q=" + urllib.parse.quote(query))
    reply = connection.getresponse()
    reply.read()
    connection.close()
    if reply.status != 200:
        raise RuntimeError(f"{query!r}: HTTP {reply.status}")


def wait_for(port: int) -> None:
    for _ in range(300):  # bounded: 60 s
        try:
            get(port, "vpn")
            return
        except (OSError, RuntimeError):
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def measure_fts5(corpus: dict, workdir: Path, queries: list[str], rounds: int) -> dict:
    """The reference: SQLite FTS5 over the same sections, OR of the query's words, bm25."""
    database = sqlite3.connect(workdir / "fts.db")
    database.execute("CREATE VIRTUAL TABLE s USING fts5(title, heading, body, "
                     "tokenize='unicode61 remove_diacritics 2')")
    started = time.perf_counter()
    database.executemany("INSERT INTO s VALUES (?, ?, ?)", [
        (a["title"], sec["heading"], sec["text"]) for a in corpus["articles"]
        if a["status"] == "published" for sec in a["sections"]])
    database.commit()
    build = time.perf_counter() - started
    statements = []
    for query in queries:
        words = [w for w in WORD_RE.findall(query.lower())]
        statements.append(" OR ".join('"' + w.replace('"', "") + '"' for w in words))
    times = []
    for _ in range(rounds):
        for match in statements:
            started = time.perf_counter()
            database.execute("SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s, 4, 2.5, 1) "
                             "LIMIT 10", (match,)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return {"build_s": build, "p50": percentile(times, 0.5), "p95": percentile(times, 0.95)}


# -- report ------------------------------------------------------------------------------------

def machine() -> list[str]:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line), "?")
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) / 1024 / 1024
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    return [f"- CPUs (nproc): {os.cpu_count()}", f"- CPU model: {model}",
            f"- Memory: {memory:.1f} GiB", f"- Python: {platform.python_version()}",
            f"- Fokus commit: {commit}",
            f"- Load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"]


def report(results: dict[int, dict], command: str, started: dt.datetime) -> str:
    lines = [f"<!-- bench:{MARK}:start -->", "## Search speed (issues 4 and 10)", "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC with:", "", "```sh", command, "```", "",
             "Machine:", "", *machine(), "", "### Figures", "",
             "| N articles | sections | index build s (CPU s) | one-article update s | "
             "in process p50 / p95 ms | HTTP p50 / p95 ms | FTS5 p50 / p95 ms | "
             "HTTP p50 ÷ FTS5 p50 |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    more = ["| N articles | open index ms | first round p50 / p95 ms | "
            "first HTTP query after start ms | slowest of the first HTTP round ms | "
            "suggest p50 / p95 ms | worker RSS MB |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for n, r in sorted(results.items()):
        ratio = r["http"]["p50"] / r["fts5"]["p50"] if r["fts5"]["p50"] else float("inf")
        lines.append(
            f"| {n:,} | {r['sections']:,} | {r['index']['build_s']:.1f} "
            f"({r['index']['build_cpu_s']:.0f}) | "
            f"{r['index']['update_s']:.2f} | {r['process']['p50']:.1f} / "
            f"{r['process']['p95']:.1f} | {r['http']['p50']:.1f} / {r['http']['p95']:.1f} | "
            f"{r['fts5']['p50']:.2f} / {r['fts5']['p95']:.2f} | {ratio:.1f}× |")
        more.append(
            f"| {n:,} | {r['process']['open_ms']:.0f} | {r['process']['first_p50']:.1f} / "
            f"{r['process']['first_p95']:.1f} | {r['http']['first_ms']:.1f} | "
            f"{r['http']['first_round_max_ms']:.1f} | {r['process']['suggest_p50']:.1f} / "
            f"{r['process']['suggest_p95']:.1f} | {r['http']['worker_rss_mb']:.0f} |")
    lines += ["", *more]
    largest = results[max(results)]
    checks = [
        (f"index build of {max(results):,} articles ≤ 30 s", largest["index"]["build_s"],
         TARGETS["build_10k_s"], "s"),
        ("one-article incremental update < 2 s (corpus read included)",
         largest["index"]["update_s"], TARGETS["update_s"], "s"),
        ("HTTP p50 ≤ 10 ms, first queries after start included", largest["http"]["p50"],
         TARGETS["http_p50_ms"], "ms"),
        ("HTTP p95 ≤ 30 ms, first queries after start included", largest["http"]["p95"],
         TARGETS["http_p95_ms"], "ms"),
    ]
    lines += ["", "- **Corpus**: synthetic, made from the sample content (see the script's "
              "docstring); `bench/search_bench.py` writes it and builds nothing else.",
              f"- **Queries**: the {largest['queries']} queries of "
              "`tests/search_eval/queries.yml`, each run "
              f"{largest['rounds']} times; latencies are per query. In process the rounds "
              "follow a first round (reported apart); over HTTP there is no warm-up: the "
              "first queries after the server starts count like the others.",
              "- **Index build**: wall time of a full build with two writer processes; CPU s "
              "adds up the parent's and the workers' CPU time (about twice the wall time when "
              "both cores are busy with it alone).",
              "- **HTTP**: gunicorn with two sync workers (`search_service.wsgi:app`), one "
              "request at a time over a new loopback connection; the time includes the "
              "connection, Flask, the search and recording the search in SQLite.",
              "- **Open index**: a fresh engine opening the index (analyzer, speller, "
              "per-section arrays), as the service does at start and, in the background, "
              "after each re-index; the first open in a process also loads simplemma's "
              "Swedish dictionary. **First round**: the queries once, right after opening, "
              "while each term's postings are read and scored for the first time; later "
              "rounds find them cached. **Suggest**: the first 2, 4 and 7 characters of "
              "each query, in process. **Worker RSS**: the larger gunicorn worker after the "
              "HTTP run.",
              "- **FTS5**: SQLite's full-text index over the same sections (`unicode61`, "
              "diacritics removed), the query's words OR-ed, ranked by bm25, in process. It "
              "has no stemming, compounds, synonyms, typo tolerance, facets, grouping or "
              "snippets: a floor for the raw lookup, not a like-for-like search.",
              "", "### Targets (2-core machine)", "", "| target | measured | result |",
              "| --- | --- | --- |"]
    for name, value, limit, unit in checks:
        lines.append(f"| {name} | {value:.2f} {unit} | {'PASS' if value <= limit else 'FAIL'} |")
    lines.append(f"<!-- bench:{MARK}:end -->")
    return "\n".join(lines)


def write_section(section: str, mark: str = MARK) -> None:
    """Replace this benchmark's section of docs/benchmarks.md, leaving the others alone."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- bench:{mark}:start -->.*?<!-- bench:{mark}:end -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else (
        text.rstrip() + "\n\n" + section + "\n")
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    queries = load_queries()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        sample = sample_corpus(workdir)
        for size in (int(s) for s in args.sizes.split(",")):
            run = workdir / f"n{size}"
            site = run / "site"
            site.mkdir(parents=True)
            corpus = synthetic_corpus(sample, size)
            (site / "corpus.json").write_text(json.dumps(corpus, ensure_ascii=False),
                                              encoding="utf-8")
            result = {"rounds": args.rounds, "queries": len(queries),
                      "sections": sum(len(a["sections"]) for a in corpus["articles"])}
            result["index"] = measure_index(site / "corpus.json", run / "index")
            result["process"] = measure_in_process(run / "index", queries, args.rounds)
            result["http"] = measure_http(site, run / "index", run, queries, args.rounds)
            result["fts5"] = measure_fts5(corpus, run, queries, args.rounds)
            results[size] = result
            print(size, json.dumps(result), flush=True)
    command = "python bench/search_bench.py --sizes " + args.sizes
    section = report(results, command, started)
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
