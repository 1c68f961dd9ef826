"""The event store: which searches people make and which answers they open.

It records what helps improve the knowledge base (normalised query, filters, number of hits,
time taken, clicked article) and nothing that identifies a person: no IP address, user name
or user agent. The schema is owned by the Alembic migrations in `search_service/migrations`;
the Core tables below describe it for the queries, and a test keeps the two in step.

All state lives on an `EventStore` instance, so an app factory can build one per app.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    case,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.types import TypeDecorator

from .privacy import scrub
from .text import normalise

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Filters a search can carry; each is its own column so the insights page can group by it.
FILTER_COLUMNS = ("type", "category")

# How long a SQLite writer waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000

# PostgreSQL's memory for each sort or grouping of the insights' aggregate queries. Its default
# (4 MB) spills grouping a year of distinct queries to disk, which made such a page take seconds.
FIGURES_WORK_MEM = "64MB"

# Any fixed number: PostgreSQL advisory lock that serialises concurrent `upgrade()` calls.
POSTGRES_MIGRATION_LOCK = 0x466F6B7573  # "Fokus"


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that goes in and comes out as an aware UTC datetime on every backend.

    PostgreSQL stores `timestamptz`; SQLite has no time zones and would hand back naive
    datetimes, so values are converted to UTC on the way in and marked UTC on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


# Big on PostgreSQL for years of events; SQLite's rowid alias must be exactly INTEGER.
EventId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

search_events = Table(
    "search_events", metadata,
    Column("id", EventId, primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("query", Text(), nullable=False),  # normalised, see normalise_query
    Column("type", Text()),  # filter, NULL when not filtered
    Column("category", Text()),  # filter, NULL when not filtered
    Column("hits", Integer(), nullable=False),
    Column("took_ms", Float(), nullable=False),
    Index(None, "created_at"),
    Index(None, "query"),
)

click_events = Table(
    "click_events", metadata,
    Column("id", EventId, primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("query", Text(), nullable=False),  # normalised, see normalise_query
    Column("article_id", Integer(), nullable=False),
    Column("anchor", Text()),  # FAQ question or section, NULL for the article itself
    Column("position", Integer(), nullable=False),  # 1-based rank in the result list
    Index(None, "created_at"),
    Index(None, "query"),
)

# The search and click events summed up per UTC day and normalised query, kept in step by
# record_search and record_click in the same transaction as the event (migration 0004 filled
# it from the events before it). The insights pages and `fokus report` count from here: a year
# of events is a few hundred rows a day instead of thousands of events. Every figure they show
# is a sum or a maximum over whole days, so it is the same as counted from the events.
search_days = Table(
    "search_days", metadata,
    Column("day", Date(), primary_key=True),
    Column("query", Text(), primary_key=True),  # as in search_events and click_events
    Column("searches", Integer(), nullable=False),
    Column("zero_results", Integer(), nullable=False),  # searches with no hits
    Column("clicks", Integer(), nullable=False),
    Column("max_hits", Integer(), nullable=False),  # the most hits any of the searches had
    Column("last_seen", UtcDateTime()),  # the latest search; NULL when the day had only clicks
    Column("last_zero_result", UtcDateTime()),  # the latest search that found nothing
    Column("last_hit", UtcDateTime()),  # the latest search that found something
    # The largest service-area filter among the searches that found nothing (NULL: none had one).
    Column("zero_result_category", Text()),
)


feedback_votes = Table(
    "feedback_votes", metadata,
    Column("id", EventId, primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("article_id", Integer(), nullable=False),
    Column("anchor", Text(), nullable=False),  # "" for the whole article
    Column("helpful", Boolean(), nullable=False),
    Column("comment", Text()),  # plain text as typed; escaped wherever shown
    Column("query", Text()),  # the search that led here, normalised
    Column("voter", Text(), nullable=False),  # salted hash of the browser's random token
    Column("handled_at", UtcDateTime()),  # comment marked handled; cleared by a new comment
    UniqueConstraint("voter", "article_id", "anchor", name="uq_feedback_votes_voter"),
    Index(None, "article_id"),
    Index(None, "created_at"),
    # The insights' period queries read these indexes alone, never the table (migration 0004):
    # votes per week and per article, searches before a Nej; and the comments, a tenth of votes.
    Index("ix_feedback_votes_period", "updated_at", "article_id", "anchor", "helpful", "query"),
    Index("ix_feedback_votes_comments", "updated_at", "article_id", "anchor",
          sqlite_where=text("comment IS NOT NULL"), postgresql_where=text("comment IS NOT NULL")),
)

# -- insights (issue 11): needs, reply links, staff accounts, weekly totals -------------------

NEED_STATUSES = ("new", "planned", "done")
REPLY_LINK_KINDS = ("copy", "visit")

needs = Table(
    "needs", metadata,
    Column("id", EventId, primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("text", Text(), nullable=False),  # as typed, personal data scrubbed
    Column("query", Text()),  # the search that led there, normalised
    Column("category", Text()),  # the service area the reader chose
    Column("article_id", Integer()),  # the article voted Nej on, if any
    Column("status", Text(), nullable=False),  # one of NEED_STATUSES
    Column("owner", Text()),  # set by staff; else the area's owner
    Index(None, "created_at"),
    Index(None, "status"),
)

reply_link_events = Table(
    "reply_link_events", metadata,
    Column("id", EventId, primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("article_id", Integer(), nullable=False),
    Column("anchor", Text(), nullable=False),  # "" for the whole article
    Column("kind", Text(), nullable=False),  # one of REPLY_LINK_KINDS
    Index(None, "created_at"),
)

staff_accounts = Table(
    "staff_accounts", metadata,
    Column("id", Integer(), primary_key=True),
    Column("login", Text(), nullable=False, unique=True),
    Column("password_hash", Text(), nullable=False),  # argon2id, see search_service.staff
    Column("owner", Text()),  # the owner whose articles the pages open on
    Column("created_at", UtcDateTime(), nullable=False),
)

# What survives `fokus db prune`: one number per week (its Monday) and metric.
weekly_totals = Table(
    "weekly_totals", metadata,
    Column("week", Date(), primary_key=True),
    Column("metric", Text(), primary_key=True),
    Column("value", BigInteger(), nullable=False),
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken to be UTC already: that is how SQLite stores them."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def normalise_query(query: str) -> str:
    """One spelling per query, so "VPN  ", "vpn" and a decomposed "å" count as the same search.
    E-mail addresses, personal identity numbers and phone numbers become placeholders."""
    # Scrubbed once normalised, so that a decomposed letter cannot hide an address.
    return normalise(scrub(normalise(query))).lower()


class EventStore:
    """Search and click events in SQLite (default) or PostgreSQL, one transaction per write."""

    def __init__(self, url: str, *, clock: Callable[[], datetime] = utc_now) -> None:
        self._engine = _create_engine(make_url(url))
        # Same pool; marks connections that write, so SQLite locks at BEGIN (see _sqlite_begin).
        self._writer = self._engine.execution_options(fokus_write=True)
        self._clock = clock

    def __repr__(self) -> str:
        return f"EventStore({self._engine.url.render_as_string(hide_password=True)!r})"

    @property
    def clock(self) -> Callable[[], datetime]:
        return self._clock

    @clock.setter
    def clock(self, clock: Callable[[], datetime]) -> None:
        """For tests and benchmarks that replay events at chosen moments."""
        self._clock = clock

    @property
    def engine(self) -> Engine:
        """For tests and maintenance scripts; the application goes through the methods."""
        return self._engine

    def dispose(self) -> None:
        """Close pooled connections (tests dropping a database, shutdown)."""
        self._engine.dispose()

    # -- schema ----------------------------------------------------------------------------

    def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations up to head (tests and benchmarks may stop at an older
        `revision`); a no-op when the schema is there already.

        Every gunicorn worker calls this at start, so it runs under a lock (SQLite write lock,
        PostgreSQL advisory lock): the first worker migrates, the others find nothing to do.
        """
        with self._write() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": POSTGRES_MIGRATION_LOCK})
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        # No pooled connection may outlive a fork (gunicorn --preload): start workers clean.
        self._engine.dispose()

    def current_revision(self) -> str | None:
        """The migration the database is at; None before the first `upgrade()`."""
        with self._engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @staticmethod
    def head_revision() -> str | None:
        """The newest migration shipped with this code: what `upgrade()` brings a database to."""
        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    # -- writes ----------------------------------------------------------------------------

    def record_search(self, query: str, filters: Mapping[str, str | None], hits: int,
                      took_ms: float) -> None:
        """Store one search; empty filter values count as "not filtered"."""
        if hits < 0:
            raise ValueError(f"hits is a number of results, not {hits}")
        row = {"created_at": self._clock(), "query": normalise_query(query), "hits": hits,
               "took_ms": took_ms, **_filter_columns(filters)}
        with self._write() as connection:
            connection.execute(insert(search_events), row)
            _add_to_search_days(connection, row, search=True)

    def record_click(self, query: str, article_id: int, anchor: str | None,
                     position: int) -> None:
        """Store that the result at `position` (1-based) was opened for `query`."""
        row = {"created_at": self._clock(), "query": normalise_query(query),
               "article_id": article_id, "anchor": anchor, "position": position}
        with self._write() as connection:
            connection.execute(insert(click_events), row)
            _add_to_search_days(connection, row, search=False)

    def record_vote(self, *, article_id: int, anchor: str | None, helpful: bool,
                    comment: str | None, query: str | None, voter: str) -> dict[str, Any]:
        """Store a vote, or replace this voter's earlier vote on the same article or question.

        A changed mind keeps what the reader already said: ``comment`` None keeps the comment
        stored (none on a first vote), text replaces it, and an empty text removes it. Staff's
        "handled" mark stays until a comment is sent again. Returns the stored row. The
        transaction is committed before this returns, so a vote the API acknowledges is on
        disk."""
        now = self._clock()
        values: dict[str, Any] = {"updated_at": now, "helpful": helpful,
                                  "query": normalise_query(query) if query else None}
        if comment is not None:
            values.update(comment=scrub(comment) or None, handled_at=None)
        key = {"voter": voter, "article_id": article_id, "anchor": anchor or ""}
        with self._write() as connection:
            upsert = _insert_for(connection)(feedback_votes).values(
                created_at=now, **key, **{"comment": None, **values})
            upsert = upsert.on_conflict_do_update(
                index_elements=["voter", "article_id", "anchor"], set_=values)
            # One round trip: the stored row comes back from the upsert itself.
            row = connection.execute(upsert.returning(*feedback_votes.c)).mappings().one()
        return dict(row)

    # -- reads -----------------------------------------------------------------------------

    def votes(self, article_id: int | None = None) -> list[dict[str, Any]]:
        """Votes, oldest first; all of them or one article's."""
        statement = select(feedback_votes).order_by(feedback_votes.c.id)
        if article_id is not None:
            statement = statement.where(feedback_votes.c.article_id == article_id)
        return [dict(row) for row in self._read(statement)]

    def count_votes(self) -> int:
        with self._engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(feedback_votes)).scalar_one()

    def searches(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest searches, newest first, each with its filters as a dict."""
        statement = (select(search_events)
                     .order_by(search_events.c.created_at.desc(), search_events.c.id.desc())
                     .limit(limit))
        return [_search_dict(row) for row in self._read(statement)]

    def clicks(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest clicks, newest first."""
        statement = (select(click_events)
                     .order_by(click_events.c.created_at.desc(), click_events.c.id.desc())
                     .limit(limit))
        return [dict(row) for row in self._read(statement)]

    def zero_hit_queries(self, since: datetime | None = None,
                         limit: int = 20) -> list[tuple[str, int]]:
        """Queries that found nothing, most frequent first: the articles people miss."""
        count = func.count().label("count")
        statement = (select(search_events.c.query, count)
                     .where(search_events.c.hits == 0)
                     .group_by(search_events.c.query)
                     .order_by(count.desc(), search_events.c.query)
                     .limit(limit))
        if since is not None:
            statement = statement.where(search_events.c.created_at >= as_utc(since))
        return [(row.query, row.count) for row in self._read(statement)]

    # -- for the modules that own the other tables (needs, staff, insights, retention) ------

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """A write transaction, committed on success (on SQLite it takes the write lock)."""
        return self._write()

    def read(self, statement: Any) -> list[Any]:
        """Rows of a SELECT, as mappings."""
        return self._read(statement)

    @contextmanager
    def figures(self) -> Iterator[Connection]:
        """A connection for the insights' aggregate queries, in one read transaction; on
        PostgreSQL with FIGURES_WORK_MEM for it (SET LOCAL: it ends with the transaction)."""
        with self._engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SET LOCAL work_mem = '{FIGURES_WORK_MEM}'")
            yield connection

    # -- plumbing --------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction, committed on success; on SQLite it holds the write lock at once."""
        with self._writer.begin() as connection:
            yield connection

    def _read(self, statement: Any) -> list[Any]:
        with self._engine.connect() as connection:
            return list(connection.execute(statement).mappings())


def _insert_for(connection: Connection):
    """The dialect's INSERT, which knows ON CONFLICT DO UPDATE (SQLite and PostgreSQL)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert


def _add_to_search_days(connection: Connection, event: Mapping[str, Any], *,
                        search: bool) -> None:
    """Count one search or click event in its day's row of `search_days`."""
    moment = as_utc(event["created_at"])
    zero = search and event["hits"] == 0
    row = {"day": moment.date(), "query": event["query"], "searches": int(search),
           "zero_results": int(zero), "clicks": int(not search),
           "max_hits": event["hits"] if search else 0,
           "last_seen": moment if search else None, "last_zero_result": moment if zero else None,
           "last_hit": moment if search and not zero else None,
           "zero_result_category": event["category"] if zero else None}
    upsert = _insert_for(connection)(search_days).values(row)
    kept, new = search_days.c, upsert.excluded
    connection.execute(upsert.on_conflict_do_update(
        index_elements=["day", "query"],
        set_={"searches": kept.searches + new.searches,
              "zero_results": kept.zero_results + new.zero_results,
              "clicks": kept.clicks + new.clicks,
              **{name: _larger(kept[name], new[name])
                 for name in ("max_hits", "last_seen", "last_zero_result", "last_hit",
                              "zero_result_category")}}))


def _larger(kept: Any, new: Any) -> Any:
    """The larger of two values where NULL means "none yet", in SQL both dialects speak
    (SQLite's max(a, b) is NULL when either is, PostgreSQL's greatest() ignores NULL)."""
    return case((kept.is_(None), new), (new > kept, new), else_=kept)


def _filter_columns(filters: Mapping[str, str | None]) -> dict[str, str | None]:
    """Map filters to their columns; an unknown filter is a programming error, not data."""
    unknown = sorted(set(filters) - set(FILTER_COLUMNS))
    if unknown:
        raise ValueError(f"unknown search filter(s) {', '.join(unknown)}; "
                         f"the store knows {', '.join(FILTER_COLUMNS)} (add a migration)")
    return {name: filters.get(name) or None for name in FILTER_COLUMNS}


def _search_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    result = {key: value for key, value in row.items() if key not in FILTER_COLUMNS}
    result["filters"] = {name: row[name] for name in FILTER_COLUMNS if row[name] is not None}
    return result


def _alembic_config() -> Config:
    """Alembic configured in code: the scripts ship inside the package, no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and one writer work at once; the busy timeout makes a second writer
    (another gunicorn worker) wait for the lock instead of failing with "database is locked".
    SQLAlchemy, not the sqlite3 module, decides where transactions begin (see _sqlite_begin).
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _enable_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, much faster
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _enable_wal(cursor: Any) -> None:
    """Switching a new database file to WAL takes an exclusive lock, and SQLite reports "locked"
    at once instead of applying the busy timeout: two workers opening a new file at the same
    moment meet here. Once the file is in WAL mode (it stays so) this returns at once.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_begin(connection: Connection) -> None:
    """Writers take the lock at BEGIN IMMEDIATE, where the busy timeout applies; a deferred
    transaction that upgrades from reading to writing can fail at once instead of waiting."""
    write = connection.get_execution_options().get("fokus_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
