"""Fokus search service: a Flask app over the corpus file the site builder writes."""

from .app import create_app

__all__ = ["create_app"]
