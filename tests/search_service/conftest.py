"""Database fixtures shared by the search service tests: SQLite files and a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from search_service.store import EventStore

from ..postgres import PostgresServer, installation_problem, running_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL 15 server for the whole session; missing PostgreSQL fails, never skips."""
    problem = installation_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def durable_postgres_server() -> Iterator[PostgresServer]:
    """A second server with fsync and synchronous commits on, as in production, for the
    tests of durability; started only when such a test runs."""
    problem = installation_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    with running_postgres(durable=True) as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """`postgresql+psycopg://postgres@127.0.0.1:PORT/fokus_test`, shared by the session."""
    return postgres_server.create_database("fokus_test")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fokus.db'}"
        return
    # Looked up lazily, so `-k sqlite` runs without starting PostgreSQL.
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(make_url(url).database)


@pytest.fixture
def store(database_url: str) -> Iterator[EventStore]:
    """An upgraded EventStore, once per backend (test ids `sqlite` and `postgresql`)."""
    event_store = EventStore(database_url)
    event_store.upgrade()
    yield event_store
    event_store.dispose()
