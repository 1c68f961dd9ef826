"""Insights benchmark (issue 11): a year of events in the store, then each insights page and
list (and its CSV) for 7, 30 and 90 days and a from–to year, and `fokus report` for all owners,
on SQLite and on PostgreSQL.

    python bench/insights_bench.py                    # writes docs/benchmarks.md
    python bench/insights_bench.py --searches 100000 --votes 10000 --no-write

The store is filled with bulk inserts at migration 0003: SEARCHES searches over 365 days
(Zipf-like queries, 15 % without results), clicks after 40 % of the searches with results, VOTES
votes (10 % with a comment) on 500 articles and their questions, 2,000 needs and 20,000
reply-link events. Migration 0004 then sums the searches and clicks up per day and query, as it
does for an existing installation (its time is one of the figures). `--unique-share` makes that
share of the searches one-off queries, typed once and never again (a harder case for the
summary: it barely shrinks them). Each page is rendered by the real app (signed in, Flask's test
client, so no network in the figure) ROUNDS times; the tables give the median and the slowest.
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
from sqlalchemy import func, insert, select  # noqa: E402

from search_service import create_app  # noqa: E402
from search_service.owners import OwnershipCache  # noqa: E402
from search_service.periods import Period  # noqa: E402
from search_service.report import build_report  # noqa: E402
from search_service.staff import add_staff  # noqa: E402
from search_service.store import (  # noqa: E402
    EventStore,
    click_events,
    feedback_votes,
    needs,
    reply_link_events,
    search_days,
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
# Every page and every list's CSV; `owner=` shows every owner's articles (the most rows).
PAGES = ["/insights/", "/insights/overview.json", "/insights/searches",
         "/insights/articles?owner=", "/insights/comments?owner=", "/insights/needs?owner=",
         "/insights/reviews?owner=", "/insights/overview.csv", "/insights/searches/top.csv",
         "/insights/searches/zero.csv", "/insights/searches/unclicked.csv",
         "/insights/searches/before_no.csv", "/insights/articles.csv?owner=",
         "/insights/comments/comments.csv?owner=", "/insights/needs.csv?owner=",
         "/insights/reviews.csv?owner="]
PERIODS = {"7 days": "days=7", "30 days": "days=30", "90 days": "days=90",
           "from–to, 365 days": "from={year_ago}&to={today}"}
RECORDED = 1000  # searches recorded one by one through the store, for the write figure
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


def fill(store, now: dt.datetime, searches: int, votes: int,
         unique_share: float = 0.0) -> dict[str, int]:
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
                if rng.random() < unique_share:
                    query = f"{query} {rng.choice(WORDS)} fråga {n}"  # typed once, ever
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
            rounds: int, unique_share: float) -> dict:
    corpus(workdir / "site" / "corpus.json")
    store = EventStore(database_url)
    store.upgrade("0003")  # the events as an installation before the summary had them
    started = time.perf_counter()
    counts = fill(store, store.clock(), searches, votes, unique_share)
    fill_s = time.perf_counter() - started
    started = time.perf_counter()
    store.upgrade()
    migrate_s = time.perf_counter() - started
    counts["search_days"] = store.read(select(func.count().label("n"))
                                       .select_from(search_days))[0]["n"]
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")
    else:
        with store.engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
    store.dispose()
    app = create_app({"SITE_DIR": str(workdir / "site"), "INDEX_DIR": str(workdir / "index"),
                      "DATABASE_URL": database_url, "WATCH_CORPUS": False,
                      "SALT_FILE": str(workdir / "salt"),
                      "SECRET_KEY_FILE": str(workdir / "key"), "PRUNE_DAILY": False})
    store = app.extensions["fokus_store"]
    add_staff(store, "bench", PASSWORD)
    client = app.test_client()
    page = client.get("/insights/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post("/insights/sign-in", data={"csrf_token": token, "login": "bench",
                                                  "password": PASSWORD}).status_code == 303
    today = store.clock().date()
    dates = {"today": today.isoformat(),
             "year_ago": (today - dt.timedelta(days=364)).isoformat()}
    pages: dict[str, dict[str, dict[str, float]]] = {}
    for path in PAGES:
        for label, query in PERIODS.items():
            url = f"{path}{'&' if '?' in path else '?'}{query.format(**dates)}"
            times = []
            for _ in range(rounds):
                begun = time.perf_counter()
                reply = client.get(url)
                times.append((time.perf_counter() - begun) * 1000)
                assert reply.status_code == 200, (url, reply.status_code)
            pages.setdefault(path, {})[label] = {"median": statistics.median(times),
                                                 "max": max(times)}
    writes = []
    for n in range(RECORDED):
        begun = time.perf_counter()
        store.record_search(f"vpn {n % 50}", {}, n % 7, 1.0)
        writes.append((time.perf_counter() - begun) * 1000)
    reports = {}
    for days in (7, 90):
        begun = time.perf_counter()
        report = build_report(store, OwnershipCache(app.config["CORPUS_PATH"]).get(),
                              Period.last_days(days, today), today=today,
                              default_owner="Servicedesk", min_votes=5,
                              searcher=app.extensions["fokus_index"].engine)
        reports[days] = time.perf_counter() - begun
    store.dispose()
    return {"counts": counts, "fill_s": fill_s, "migrate_s": migrate_s, "pages": pages,
            "write_ms": statistics.median(writes),
            "write_p95_ms": statistics.quantiles(writes, n=20)[-1],
            "report_s": reports[7], "report_90_s": reports[90], "owners": len(report.owners)}


def section(results: dict[str, dict], command: str, started: dt.datetime,
            unique_share: float) -> str:
    lines = [f"<!-- bench:{MARK}:start -->", "## Insights pages and report (issue 11)", "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC with:", "", "```sh", command, "```", "",
             "Machine:", "", *machine(), ""]
    first = next(iter(results.values()))["counts"]
    unique = (f" ({unique_share:.0%} of the searches with results are one-off queries)"
              if unique_share else "")
    lines += [f"Store: {first['searches']:,} searches{unique}, {first['clicks']:,} clicks, "
              f"{first['votes']:,} votes, {first['needs']:,} needs, {first['links']:,} "
              "reply-link events over 365 days; 500 articles in ten areas. Searches and clicks "
              f"summed up in {first['search_days']:,} rows of `search_days` (one per day and "
              "query) by migration 0004. Pages rendered by the real app in process (signed in), "
              "median / slowest of the rounds in ms; the from–to period is the last 365 days.",
              ""]
    for name, r in results.items():
        lines += [f"### {name}", "", "| page | " + " | ".join(PERIODS) + " |",
                  "| --- | " + " | ".join("---" for _ in PERIODS) + " |"]
        for path in PAGES:
            cells = [f"{r['pages'][path][label]['median']:.0f} / "
                     f"{r['pages'][path][label]['max']:.0f}" for label in PERIODS]
            lines.append(f"| `{path}` | " + " | ".join(cells) + " |")
        lines.append("")
    names = list(results)
    lines += ["### Report, writes and filling", "", "| | " + " | ".join(names) + " |",
              "| --- | " + " | ".join("---" for _ in names) + " |"]
    rows = [
        ("`fokus report`, all owners, last 7 days (s)",
         lambda r: f"{r['report_s']:.2f} ({r['owners']} owners)"),
        ("`fokus report --since` 90 days back, all owners (s)",
         lambda r: f"{r['report_90_s']:.2f}"),
        (f"a search recorded, with its day's summary row (ms, median / p95 of {RECORDED:,})",
         lambda r: f"{r['write_ms']:.2f} / {r['write_p95_ms']:.2f}"),
        ("migration 0004: summing the stored events up (s)", lambda r: f"{r['migrate_s']:.1f}"),
        ("filling the store by bulk inserts (s)", lambda r: f"{r['fill_s']:.0f}")]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results.values()) + " |")
    lines += ["", "### Targets (2-core machine)", "", "| target | measured | result |",
              "| --- | --- | --- |"]
    for name, r in results.items():
        slowest_page, slowest_period = max(
            ((path, label) for path in PAGES for label in PERIODS),
            key=lambda key: r["pages"][key[0]][key[1]]["median"])
        slowest = r["pages"][slowest_page][slowest_period]["median"]
        verdict = "PASS" if slowest <= PAGE_TARGET_MS else "FAIL"
        lines.append(f"| {name}: every page and CSV ≤ {PAGE_TARGET_MS:.0f} ms (median), every "
                     f"period | slowest `{slowest_page}` ({slowest_period}) {slowest:.0f} ms | "
                     f"{verdict} |")
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
    parser.add_argument("--unique-share", type=float, default=0.0)
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
                                            args.searches, args.votes, args.rounds,
                                            args.unique_share)
            else:
                with running_postgres() as server:
                    results["PostgreSQL"] = measure(run, server.create_database("bench"),
                                                    args.searches, args.votes, args.rounds,
                                                    args.unique_share)
            print(json.dumps(results, indent=1, default=str), flush=True)
    command = "python bench/insights_bench.py" + "".join(
        f" --{k.replace('_', '-')} {v}" for k, v in (
            ("searches", args.searches), ("votes", args.votes), ("rounds", args.rounds),
            ("unique_share", args.unique_share))
        if v != parser.get_default(k))
    text = section(results, command, started, args.unique_share)
    print(text)
    if not args.no_write:
        write_section(text, MARK)


if __name__ == "__main__":
    main()
