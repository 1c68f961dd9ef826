"""Insights benchmark (issue 11): a year of events in the store, then each insights page and
`fokus report` for all owners, on SQLite and on PostgreSQL.

    python bench/insights_bench.py                    # writes docs/benchmarks.md
    python bench/insights_bench.py --searches 100000 --votes 10000 --no-write

The store is filled with bulk inserts: SEARCHES searches over 365 days (Zipf-like queries,
15 % without results), clicks after 40 % of the searches with results, VOTES votes (10 % with a
comment) on 500 articles and their questions, 2,000 needs and 20,000 reply-link events. Each
page is rendered by the real app (signed in, Flask's test client, so no network in the figure)
ROUNDS times; the table gives the median and the slowest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search_bench import machine, write_section  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from search_service import create_app  # noqa: E402
from search_service.owners import OwnershipCache  # noqa: E402
from search_service.periods import Period  # noqa: E402
from search_service.report import build_report  # noqa: E402
from search_service.staff import add_staff  # noqa: E402
from search_service.store import (  # noqa: E402
    click_events,
    feedback_votes,
    needs,
    reply_link_events,
    search_events,
)
from tests.postgres import running_postgres  # noqa: E402

MARK = "insights"
PAGE_TARGET_MS = 500.0
REPORT_TARGET_S = 10.0
AREAS = ["konton", "e-post", "natverk", "skrivare", "datorer", "telefoni", "sakerhet",
         "verksamhetssystem", "it-avdelningen", "ovrigt-stod"]
WORDS = ("lösenord skrivare nätverk vpn outlook kalender brevlåda behörighet dator telefon "
         "mobil certifikat utskrift skanner licens teams onedrive wifi konto låst").split()
ARTICLES = 500
BATCH = 20_000
PAGES = ["/insights/?days=30", "/insights/?days=90", "/insights/searches?days=30",
         "/insights/searches?days=90", "/insights/articles?days=90&owner=",
         "/insights/comments?days=90&owner=", "/insights/needs?days=90&owner=",
         "/insights/reviews?owner=", "/insights/searches/zero.csv?days=90"]
PASSWORD = "benchmark password"


def corpus(path: Path) -> None:
    """500 published articles over ten areas, each area with its owner, some reviews due."""
    rng = random.Random(7)
    articles = []
    for n in range(1, ARTICLES + 1):
        area = AREAS[n % len(AREAS)]
        words = rng.sample(WORDS, 4)
        sections = [{"heading": "", "anchor": "", "level": 1, "text": " ".join(words)}]
        sections += [{"heading": f"Hur gör jag med {w}?", "anchor": f"fraga-{w}", "level": 2,
                      "text": f"Om {w} och {rng.choice(WORDS)}."} for w in words[:3]]
        articles.append({
            "id": n, "kb": f"KB-{n:04d}", "title": f"Artikel {n} om {words[0]} och {words[1]}",
            "summary": "", "type": "faq" if n % 3 == 0 else "guide", "category": area,
            "tags": words[:2], "owner": f"Team {area}", "reviewed": "2025-12-01",
            "review_due": (dt.date(2026, 11, 1) + dt.timedelta(days=n % 90)).isoformat(),
            "date": None, "status": "published", "replaced_by": None, "important": False,
            "source_path": f"{area}/a{n}.md", "path": f"{area}/artikel-{n}/",
            "url": f"https://kb.example.se/{area}/artikel-{n}/", "short_path": f"kb/{n}/",
            "short_url": f"https://kb.example.se/kb/{n}/", "aliases": [], "sections": sections,
            "content_hash": f"{n:016x}"})
    document = {"schema": "fokus-corpus", "schema_version": 1,
                "generated_at": "2026-12-01T00:00:00+00:00", "site_url": "https://kb.example.se/",
                "language": "sv", "synonyms": [], "articles": articles,
                "categories": [{"slug": a, "title": a.capitalize(), "description": "", "icon": "",
                                "order": i, "owner": f"Team {a}"} for i, a in enumerate(AREAS)]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def fill(store, now: dt.datetime, searches: int, votes: int) -> dict[str, int]:
    """Bulk inserts of a year of events; returns the row counts."""
    rng = random.Random(11)
    hit_queries = [f"{a} {b}" for a in WORDS for b in WORDS if a != b][:3000]
    zero_queries = [f"okänt ord {n}" for n in range(2000)]

    def moment() -> dt.datetime:
        return now - dt.timedelta(seconds=rng.randrange(365 * 24 * 3600))

    def zipf(items: list[str]) -> str:
        return items[min(int(rng.paretovariate(1.1)) - 1, len(items) - 1)]

    counts = dict.fromkeys(("searches", "clicks", "votes", "needs", "links"), 0)
    with store.engine.begin() as connection:
        rows, clicks = [], []
        for n in range(searches):
            at = moment()
            if rng.random() < 0.15:
                rows.append({"created_at": at, "query": zipf(zero_queries), "type": None,
                             "category": None, "hits": 0, "took_ms": 3.0})
            else:
                query = zipf(hit_queries)
                rows.append({"created_at": at, "query": query, "type": None,
                             "category": rng.choice(AREAS) if rng.random() < 0.1 else None,
                             "hits": rng.randint(1, 40), "took_ms": 4.0})
                if rng.random() < 0.4:
                    clicks.append({"created_at": at + dt.timedelta(seconds=5), "query": query,
                                   "article_id": rng.randint(1, ARTICLES), "anchor": None,
                                   "position": rng.randint(1, 5)})
            if len(rows) >= BATCH or n == searches - 1:
                connection.execute(insert(search_events), rows)
                counts["searches"] += len(rows)
                if clicks:
                    connection.execute(insert(click_events), clicks)
                    counts["clicks"] += len(clicks)
                rows, clicks = [], []
        rows = []
        for n in range(votes):
            at = moment()
            article = rng.randint(1, ARTICLES)
            rows.append({"created_at": at, "updated_at": at, "article_id": article,
                         "anchor": rng.choice(["", "", "fraga-vpn", "fraga-wifi"]),
                         "helpful": rng.random() < 0.8,
                         "comment": "Saknar ett steg." if rng.random() < 0.1 else None,
                         "query": zipf(hit_queries) if rng.random() < 0.5 else None,
                         "voter": f"voter-{n}", "handled_at": None})
            if len(rows) >= BATCH or n == votes - 1:
                connection.execute(insert(feedback_votes), rows)
                counts["votes"] += len(rows)
                rows = []
        connection.execute(insert(needs), [
            {"created_at": (at := moment()), "updated_at": at, "text": f"Behov {n}",
             "query": zipf(zero_queries), "category": rng.choice(AREAS + [None]),
             "article_id": None, "status": rng.choice(["new", "planned", "done"]),
             "owner": None} for n in range(2000)])
        counts["needs"] = 2000
        connection.execute(insert(reply_link_events), [
            {"created_at": moment(), "article_id": rng.randint(1, ARTICLES), "anchor": "",
             "kind": rng.choice(["copy", "visit"])} for _ in range(20_000)])
        counts["links"] = 20_000
    return counts


def measure(workdir: Path, database_url: str, searches: int, votes: int,
            rounds: int) -> dict:
    corpus(workdir / "site" / "corpus.json")
    app = create_app({"SITE_DIR": str(workdir / "site"), "INDEX_DIR": str(workdir / "index"),
                      "DATABASE_URL": database_url, "WATCH_CORPUS": False,
                      "SALT_FILE": str(workdir / "salt"),
                      "SECRET_KEY_FILE": str(workdir / "key"), "PRUNE_DAILY": False})
    store = app.extensions["fokus_store"]
    started = time.perf_counter()
    counts = fill(store, store.clock(), searches, votes)
    fill_s = time.perf_counter() - started
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")
    else:
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
    add_staff(store, "bench", PASSWORD)
    client = app.test_client()
    page = client.get("/insights/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post("/insights/sign-in", data={"csrf_token": token, "login": "bench",
                                                  "password": PASSWORD}).status_code == 303
    pages = {}
    for path in PAGES:
        times = []
        for _ in range(rounds):
            begun = time.perf_counter()
            reply = client.get(path)
            times.append((time.perf_counter() - begun) * 1000)
            assert reply.status_code == 200, (path, reply.status_code)
        pages[path] = {"median": statistics.median(times), "max": max(times)}
    today = store.clock().date()
    reports = {}
    for days in (7, 90):
        begun = time.perf_counter()
        report = build_report(store, OwnershipCache(app.config["CORPUS_PATH"]).get(),
                              Period.last_days(days, today), today=today,
                              default_owner="Servicedesk", min_votes=5,
                              searcher=app.extensions["fokus_index"].engine)
        reports[days] = time.perf_counter() - begun
    store.dispose()
    return {"counts": counts, "fill_s": fill_s, "pages": pages, "report_s": reports[7],
            "report_90_s": reports[90], "owners": len(report.owners)}


def section(results: dict[str, dict], command: str, started: dt.datetime) -> str:
    lines = [f"<!-- bench:{MARK}:start -->", "## Insights pages and report (issue 11)", "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC with:", "", "```sh", command, "```", "",
             "Machine:", "", *machine(), ""]
    first = next(iter(results.values()))["counts"]
    lines += [f"Store: {first['searches']:,} searches, {first['clicks']:,} clicks, "
              f"{first['votes']:,} votes, {first['needs']:,} needs, {first['links']:,} "
              "reply-link events over 365 days; 500 articles in ten areas. Pages rendered by "
              "the real app in process (signed in), median and slowest of the rounds.", "",
              "### Figures", "", "| page | " + " | ".join(
                  f"{name} median / max ms" for name in results) + " |",
              "| --- | " + " | ".join("---" for _ in results) + " |"]
    for path in PAGES:
        cells = [f"{r['pages'][path]['median']:.0f} / {r['pages'][path]['max']:.0f}"
                 for r in results.values()]
        lines.append(f"| `{path}` | " + " | ".join(cells) + " |")
    lines.append("| `fokus report`, all owners, last 7 days (s) | " + " | ".join(
        f"{r['report_s']:.2f} ({r['owners']} owners)" for r in results.values()) + " |")
    lines.append("| `fokus report --since` 90 days back, all owners (s) | " + " | ".join(
        f"{r['report_90_s']:.2f}" for r in results.values()) + " |")
    lines.append("| filling the store (s) | " + " | ".join(
        f"{r['fill_s']:.0f}" for r in results.values()) + " |")
    lines += ["", "### Targets (2-core machine)", "", "| target | measured | result |",
              "| --- | --- | --- |"]
    for name, r in results.items():
        slowest_path = max(r["pages"], key=lambda p: r["pages"][p]["median"])
        slowest = r["pages"][slowest_path]["median"]
        verdict = "PASS" if slowest <= PAGE_TARGET_MS else "FAIL"
        lines.append(f"| {name}: every page ≤ {PAGE_TARGET_MS:.0f} ms (median) | slowest "
                     f"`{slowest_path}` {slowest:.0f} ms | {verdict} |")
        verdict = "PASS" if r["report_s"] <= REPORT_TARGET_S else "FAIL"
        lines.append(f"| {name}: `fokus report` for all owners ≤ {REPORT_TARGET_S:.0f} s | "
                     f"{r['report_s']:.2f} s | {verdict} |")
    lines.append(f"<!-- bench:{MARK}:end -->")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--searches", type=int, default=1_000_000)
    parser.add_argument("--votes", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for backend in args.backends.split(","):
            run = workdir / backend
            if backend == "sqlite":
                results["SQLite"] = measure(run, f"sqlite:///{run / 'fokus.db'}",
                                            args.searches, args.votes, args.rounds)
            else:
                with running_postgres() as server:
                    results["PostgreSQL"] = measure(run, server.create_database("bench"),
                                                    args.searches, args.votes, args.rounds)
            print(json.dumps(results, indent=1, default=str), flush=True)
    command = "python bench/insights_bench.py" + "".join(
        f" --{k} {v}" for k, v in (("searches", args.searches), ("votes", args.votes),
                                   ("rounds", args.rounds))
        if v != parser.get_default(k))
    text = section(results, command, started)
    print(text)
    if not args.no_write:
        write_section(text, MARK)


if __name__ == "__main__":
    main()
