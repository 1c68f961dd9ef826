"""Fokus site builder: validates `content/`, builds the static site and exports the corpus."""

__version__ = "0.1.0"
