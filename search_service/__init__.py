"""Fokus search service: a Flask app over the corpus file the site builder writes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None, *,
               settings_file: str | os.PathLike | None = None,
               defaults: Mapping[str, Any] | None = None) -> Flask:
    """Build the app (see search_service.app). Imported lazily so that the analysis and
    indexing modules can be used without Flask and the database layer."""
    from .app import create_app as factory

    return factory(config, settings_file=settings_file, defaults=defaults)


__all__ = ["create_app"]
