"""The event store keeps searches and clicks, normalised and anonymous, in SQLite or PostgreSQL.

Every test taking `store` or `database_url` runs twice: `[sqlite]` and `[postgresql]` (a real
server, see tests/postgres.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from search_service.store import EventStore, metadata, normalise_query

EVENT_TABLES = {"search_events", "click_events"}


class Clock:
    """A clock the test moves by hand, so "since" has exact boundaries."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# -- schema and migrations -------------------------------------------------------------------

def test_upgrade_creates_the_event_tables_and_reaches_head(store: EventStore):
    inspector = inspect(store.engine)
    assert EVENT_TABLES | {"alembic_version"} <= set(inspector.get_table_names())
    assert store.current_revision() == EventStore.head_revision() is not None


def test_event_tables_are_indexed_by_time_and_query(store: EventStore):
    inspector = inspect(store.engine)
    for table in EVENT_TABLES:
        indexed = {tuple(index["column_names"]) for index in inspector.get_indexes(table)}
        assert {("created_at",), ("query",)} <= indexed, table


def test_a_new_database_has_no_revision_until_upgraded(database_url: str):
    store = EventStore(database_url)
    try:
        assert store.current_revision() is None
        store.upgrade()
        assert store.current_revision() == EventStore.head_revision()
    finally:
        store.dispose()


def test_upgrading_again_changes_nothing(store: EventStore):
    store.record_search("vpn", {}, 3, 1.0)
    tables = set(inspect(store.engine).get_table_names())

    store.upgrade()

    assert store.current_revision() == EventStore.head_revision()
    assert set(inspect(store.engine).get_table_names()) == tables
    assert [s["query"] for s in store.searches()] == ["vpn"]


def test_two_workers_starting_at_once_both_upgrade_without_error(database_url: str):
    """Each gunicorn worker runs upgrade() at start; the migration lock lets one migrate."""
    stores = [EventStore(database_url), EventStore(database_url)]
    start = threading.Barrier(2, timeout=10)

    def upgrade(store: EventStore) -> None:
        start.wait()
        store.upgrade()

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(upgrade, store) for store in stores]:
                future.result(timeout=60)  # re-raises "table already exists" if it happened
        assert [s.current_revision() for s in stores] == [EventStore.head_revision()] * 2
    finally:
        for store in stores:
            store.dispose()


def test_the_migrations_build_exactly_the_tables_the_store_queries(store: EventStore):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_no_column_stores_personal_data(store: EventStore):
    personal = {"ip", "user", "username", "agent", "ua", "addr", "address", "email", "mail",
                "name", "session", "cookie", "host", "remote"}
    inspector = inspect(store.engine)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            words = set(column["name"].lower().split("_"))
            assert not words & personal, f"{table}.{column['name']} looks like personal data"


# -- searches --------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("VPN", "vpn"),
    ("  Återställ   LÖSENORD \n", "återställ lösenord"),
    ("wi-fi\tkontoret", "wi-fi kontoret"),
    ("A\u030atersta\u0308ll", "återställ"),  # decomposed å and ä, as some keyboards send them
    ("   ", ""),
])
def test_queries_are_normalised_to_one_spelling(typed: str, stored: str):
    assert normalise_query(typed) == stored


def test_a_search_is_stored_normalised_with_filters_hits_and_time(store: EventStore):
    before = datetime.now(UTC)
    store.record_search("  Återställ   LÖSENORD ", {"type": "guide", "category": "konton"}, 3,
                        12.5)

    [search] = store.searches()
    assert search["query"] == "återställ lösenord"
    assert search["filters"] == {"type": "guide", "category": "konton"}
    assert search["hits"] == 3
    assert search["took_ms"] == pytest.approx(12.5)
    assert search["created_at"].tzinfo is not None
    assert before - timedelta(seconds=1) <= search["created_at"] <= datetime.now(UTC)


def test_filters_are_queryable_columns(store: EventStore):
    store.record_search("skrivare", {"category": "utskrift"}, 2, 1.0)
    store.record_search("vpn", {"type": "faq"}, 1, 1.0)

    inspector = inspect(store.engine)
    assert {"type", "category"} <= {c["name"] for c in inspector.get_columns("search_events")}
    assert [s["filters"] for s in store.searches()] == [{"type": "faq"},
                                                         {"category": "utskrift"}]


def test_empty_filter_values_mean_not_filtered(store: EventStore):
    store.record_search("vpn", {"type": "", "category": None}, 1, 1.0)

    assert store.searches()[0]["filters"] == {}


def test_an_unknown_filter_is_refused_and_nothing_is_stored(store: EventStore):
    with pytest.raises(ValueError, match="unknown search filter"):
        store.record_search("vpn", {"colour": "blue"}, 1, 1.0)

    assert store.searches() == []


def test_searches_are_listed_newest_first_up_to_the_limit(store: EventStore):
    for query in ("första", "andra", "tredje"):
        store.record_search(query, {}, 1, 1.0)

    assert [s["query"] for s in store.searches(limit=2)] == ["tredje", "andra"]


# -- clicks ----------------------------------------------------------------------------------

def test_a_click_is_stored_with_article_anchor_and_position(store: EventStore):
    store.record_click("VPN  Kopplar ner", 2, "varfor-kopplar-vpn-ner", 1)
    store.record_click("lösenord", 42, None, 3)

    latest, first = store.clicks()
    assert (first["query"], first["article_id"], first["anchor"], first["position"]) == (
        "vpn kopplar ner", 2, "varfor-kopplar-vpn-ner", 1)
    assert (latest["query"], latest["article_id"], latest["anchor"], latest["position"]) == (
        "lösenord", 42, None, 3)
    assert first["created_at"] <= latest["created_at"]
    assert len(store.clicks(limit=1)) == 1


# -- zero-hit queries ------------------------------------------------------------------------

def test_zero_hit_queries_are_counted_most_frequent_first(store: EventStore):
    for query, hits in [("Skanner", 0), ("skanner ", 0), ("fax", 0), ("VPN", 4), ("skanner", 0),
                        ("fax", 0), ("plotter", 0), ("vpn", 0)]:
        store.record_search(query, {}, hits, 1.0)

    assert store.zero_hit_queries() == [("skanner", 3), ("fax", 2), ("plotter", 1), ("vpn", 1)]
    assert store.zero_hit_queries(limit=2) == [("skanner", 3), ("fax", 2)]


def test_zero_hit_queries_since_a_moment(database_url: str):
    clock = Clock(datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
    store = EventStore(database_url, clock=clock)
    store.upgrade()
    try:
        store.record_search("gammal", {}, 0, 1.0)
        clock.now += timedelta(days=7)
        store.record_search("ny", {}, 0, 1.0)

        since = clock.now
        assert store.zero_hit_queries(since=since) == [("ny", 1)]
        # Any time zone is the same moment: 13:00 in Stockholm in November is 12:00 UTC.
        stockholm = timezone(timedelta(hours=1))
        assert store.zero_hit_queries(since=since.astimezone(stockholm)) == [("ny", 1)]
        assert store.zero_hit_queries(since=since - timedelta(days=8)) == [("gammal", 1),
                                                                           ("ny", 1)]
        assert store.zero_hit_queries(since=since + timedelta(seconds=1)) == []
    finally:
        store.dispose()


def test_figures_group_in_memory_on_postgresql_for_their_transaction_only(postgres_url: str):
    from search_service.store import FIGURES_WORK_MEM

    store = EventStore(postgres_url)
    try:
        with store.figures() as connection:
            assert connection.exec_driver_sql("SHOW work_mem").scalar() == FIGURES_WORK_MEM
        with store.engine.connect() as connection:  # the pooled connection is back to normal
            assert connection.exec_driver_sql("SHOW work_mem").scalar() != FIGURES_WORK_MEM
    finally:
        store.dispose()


# -- concurrency -----------------------------------------------------------------------------

def test_two_writers_at_once_all_succeed(store: EventStore):
    """Like two gunicorn workers: two stores (two engines) writing at the same moment."""
    other = EventStore(store.engine.url.render_as_string(hide_password=False))
    writes = 100
    start = threading.Barrier(2, timeout=10)

    def write(writer: EventStore, name: str) -> None:
        start.wait()
        for number in range(writes):
            writer.record_search(f"{name} {number}", {}, number % 3, 1.0)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(write, store, "a"), pool.submit(write, other, "b")]
            for future in futures:
                future.result(timeout=60)  # re-raises "database is locked" if it happened
    finally:
        other.dispose()

    queries = {s["query"] for s in store.searches(limit=3 * writes)}
    assert len(queries) == 2 * writes
    assert {f"{name} {n}" for name in "ab" for n in range(writes)} == queries


# -- SQLite specifics ------------------------------------------------------------------------

def test_sqlite_creates_the_directory_and_writes_ahead_with_a_busy_timeout(tmp_path):
    store = EventStore(f"sqlite:///{tmp_path / 'var' / 'fokus' / 'fokus.db'}")
    try:
        store.upgrade()
        assert (tmp_path / "var" / "fokus" / "fokus.db").is_file()
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        store.dispose()
