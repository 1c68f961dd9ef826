"""The search service's side of the commands: its settings and its event store.

What the site builder knows is handed over here as plain values: where the built site and its
corpus are. Nothing else passes between the two packages."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from mkdocs.config.defaults import MkDocsConfig

from site_builder.build import corpus_path

if TYPE_CHECKING:
    from search_service.store import EventStore


def site_defaults(config: MkDocsConfig | None) -> dict[str, Any]:
    """The site and corpus that mkdocs.yml builds, as the service's defaults: a settings file
    or FOKUS_* variables that name others still win."""
    if config is None:
        return {}
    return {"SITE_DIR": str(Path(config.site_dir).resolve()),
            "CORPUS_PATH": str(corpus_path(config).resolve())}


@contextlib.contextmanager
def settings_errors() -> Iterator[None]:
    """A bad setting is reported by name (and file), without a traceback."""
    # Imported when a command needs the service: it brings Flask, which `fokus build` does not.
    from search_service.config import SettingsError

    try:
        yield
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def service_settings(settings_file: str | None,
                     config: MkDocsConfig | None = None) -> dict[str, Any]:
    from search_service.config import load_settings

    with settings_errors():
        return load_settings(settings_file=settings_file, defaults=site_defaults(config))


def open_store(settings_file: str | None, config: MkDocsConfig | None = None,
               ) -> tuple[dict[str, Any], EventStore]:
    """The service's settings and its event store, migrated to the current schema."""
    from search_service.store import EventStore

    settings = service_settings(settings_file, config)
    store = EventStore(settings["DATABASE_URL"])
    store.upgrade()
    return settings, store
