"""The PostgreSQL server of the search service tests, shared by the session."""

from ..search_service.conftest import postgres_server  # noqa: F401
