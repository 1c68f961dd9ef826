"""`fokus db`: the event store's migrations and retention."""

from __future__ import annotations

import click

from ..options import settings_option
from ..service import open_store


@click.group("db")
def command() -> None:
    """The event store (searches, clicks, feedback)."""


@command.command()
@settings_option
def upgrade(settings_file: str | None) -> None:
    """Apply the database migrations (the service also applies them at start)."""
    _, store = open_store(settings_file)
    click.echo(f"Database at revision {store.current_revision()}")


@command.command()
@settings_option
def prune(settings_file: str | None) -> None:
    """Delete events older than RETENTION_DAYS (13 months); weekly totals of them stay.

    The service also does this by itself once a day."""
    from search_service.retention import prune as prune_events

    settings, store = open_store(settings_file)
    click.echo(f"Pruned: {prune_events(store, settings['RETENTION_DAYS'])}")
