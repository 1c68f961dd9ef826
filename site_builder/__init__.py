"""Fokus site builder: validates `content/`, builds the static site and exports the corpus."""
