"""`search_days`, the searches and clicks summed up per day and query, gives exactly the figures
the events themselves give (tests/search_service/raw_figures.py counts them from the events):
kept at write time, filled by migration 0004, and after `fokus db prune`; on SQLite and on a
real PostgreSQL server."""

from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, insert, select

from fokus.cli import main
from search_service import figures
from search_service.periods import Period
from search_service.store import (
    EventStore,
    click_events,
    normalise_query,
    search_days,
    search_events,
)

from . import raw_figures as raw
from .test_store import Clock

TODAY = date(2026, 11, 26)  # a Thursday
FIRST = date(2026, 8, 1)
QUERIES = ("vpn", "skrivare", "Lösenord", "fax", "plotter", "<b>wifi</b>", "teams",
           "outlook kalender", "ett ovanligt ord", "mfa", "=cmd|x")
CLICKED = QUERIES[:8]  # the last three are searched for, never clicked
HITS = (0, 0, 1, 3, 12)
FILTERS = ({}, {}, {"category": "skrivare"}, {"category": "natverk"}, {"type": "faq"})

PERIODS = [
    Period.last_days(7, TODAY), Period.last_days(30, TODAY), Period.last_days(90, TODAY),
    Period(date(2026, 9, 2), date(2026, 10, 13)),  # from a Wednesday to a Tuesday
    Period(date(2026, 10, 1), date(2026, 10, 1)),  # one day, with events at its midnights
    Period(FIRST, TODAY),
]


def events(seed: int = 5, count: int = 700) -> list[tuple[str, datetime, dict]]:
    """Searches and clicks in random order over four months, some exactly at midnight or in
    the last instant before it; clicks also for queries nobody searched for that week."""
    rng = random.Random(seed)
    span = (TODAY - FIRST).days * 24 * 3600
    out = []
    for _ in range(count):
        moment = datetime.combine(FIRST, time(), tzinfo=UTC) + timedelta(
            seconds=rng.randrange(span))
        edge = rng.random()
        if edge < 0.1:
            moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        elif edge < 0.15:
            moment = moment.replace(hour=23, minute=59, second=59, microsecond=999_999)
        if edge > 0.97:
            moment = datetime(2026, 10, rng.choice((1, 2)), tzinfo=UTC)
        if rng.random() < 0.65:
            out.append(("search", moment, {"query": rng.choice(QUERIES),
                                           "hits": rng.choice(HITS),
                                           "filters": rng.choice(FILTERS)}))
        else:
            out.append(("click", moment, {"query": rng.choice(CLICKED),
                                          "article_id": rng.randint(1, 9),
                                          "position": rng.randint(1, 5)}))
    return out


def record(store: EventStore, clock: Clock, batch: list[tuple[str, datetime, dict]]) -> None:
    """Through the store's own write path, each event at its moment."""
    for kind, moment, event in batch:
        clock.now = moment
        if kind == "search":
            store.record_search(event["query"], event["filters"], event["hits"], 1.0)
        else:
            store.record_click(event["query"], event["article_id"], None, event["position"])


def assert_summary_equals_events(store: EventStore, periods: list[Period] = PERIODS) -> None:
    for period in periods:
        summed = [(monday, Counter({m: counts[m] for m in raw.SEARCH_METRICS if counts[m]}))
                  for monday, counts in figures.overview(store, period).weeks]
        assert summed == raw.search_overview(store, period), period
        for name in ("top_queries", "zero_result_queries", "unclicked_queries"):
            for limit in (1000, 3):
                assert getattr(figures, name)(store, period, limit) == \
                    getattr(raw, name)(store, period, limit), (name, period, limit)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime.combine(TODAY, time(12), tzinfo=UTC))


@pytest.fixture
def filled(store: EventStore, clock: Clock) -> EventStore:
    store.clock = clock
    record(store, clock, events())
    clock.now = datetime.combine(TODAY, time(12), tzinfo=UTC)
    return store


def test_the_summary_gives_the_figures_the_events_give(filled: EventStore):
    assert_summary_equals_events(filled)
    # The fixture exercises what could differ: every list has rows, clicks meet searches.
    everything = PERIODS[-1]
    for reference in (raw.top_queries, raw.zero_result_queries, raw.unclicked_queries):
        assert len(reference(filled, everything, 1000)) >= 3
    totals = figures.overview(filled, everything).totals
    assert 0 < totals["clicked_searches"] < totals["searches_with_hits"] < totals["searches"]


def test_one_row_per_day_and_query(filled: EventStore):
    rows = filled.read(select(func.count().label("n")).select_from(search_days))
    pairs = {(moment.date(), normalise_query(event["query"])) for _, moment, event in events()}
    assert rows[0]["n"] == len(pairs)


def test_after_fokus_db_prune_too(filled: EventStore, monkeypatch, tmp_path):
    # The CLI prunes by the real clock: a retention that cuts on Monday 2026-09-28.
    retention = (datetime.now(UTC).date() - date(2026, 10, 1)).days
    monkeypatch.setenv("FOKUS_DATABASE_URL",
                       filled.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("FOKUS_RETENTION_DAYS", str(retention))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["db", "prune"])
    assert result.exit_code == 0, result.output
    assert "deleted events before 2026-09-28" in result.output
    oldest = filled.read(select(func.min(search_days.c.day).label("day")))[0]["day"]
    assert str(oldest) >= "2026-09-28"
    assert_summary_equals_events(filled)
    assert figures.overview(filled, PERIODS[-1]).totals["searches"] == sum(
        1 for kind, _, _ in events() if kind == "search")  # pruned weeks live on as totals


def test_migration_0004_fills_the_summary_from_the_events_already_stored(database_url, clock):
    store = EventStore(database_url, clock=clock)
    try:
        store.upgrade("0003")
        searches, clicks = [], []
        for kind, moment, event in events(seed=9):
            if kind == "search":
                searches.append({"created_at": moment, "query": normalise_query(event["query"]),
                                 "type": event["filters"].get("type"),
                                 "category": event["filters"].get("category"),
                                 "hits": event["hits"], "took_ms": 1.0})
            else:
                clicks.append({"created_at": moment, "query": normalise_query(event["query"]),
                               "article_id": event["article_id"], "anchor": None,
                               "position": event["position"]})
        with store.engine.begin() as connection:
            connection.execute(insert(search_events), searches)
            connection.execute(insert(click_events), clicks)

        store.upgrade()

        assert store.current_revision() == EventStore.head_revision()
        assert_summary_equals_events(store)
        record(store, clock, events(seed=10, count=200))  # and kept in step from then on
        assert_summary_equals_events(store)
    finally:
        store.dispose()


def test_writers_at_once_each_count_in_the_same_row(store: EventStore, clock: Clock):
    """Two gunicorn workers counting the same query on the same day: no count is lost."""
    other = EventStore(store.engine.url.render_as_string(hide_password=False), clock=clock)
    store.clock = clock
    start = threading.Barrier(2, timeout=10)

    def write(writer: EventStore) -> None:
        start.wait()
        for number in range(60):
            if number % 3:
                writer.record_search("vpn", {}, number % 2, 1.0)
            else:
                writer.record_click("vpn", 5, None, 1)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(write, store), pool.submit(write, other)]:
                future.result(timeout=60)
    finally:
        other.dispose()
    [row] = store.read(select(search_days))
    assert (row["searches"], row["zero_results"], row["clicks"]) == (80, 40, 40)
    assert_summary_equals_events(store, [Period.last_days(7, TODAY)])


def test_a_negative_number_of_hits_is_refused(store: EventStore):
    with pytest.raises(ValueError, match="number of results"):
        store.record_search("vpn", {}, -1, 1.0)
    assert store.searches() == [] and store.read(select(search_days)) == []
