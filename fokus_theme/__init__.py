"""Fokus's Material for MkDocs overrides: templates, CSS and JavaScript.

A package so that the theme travels with every install, editable or from a wheel; the plugin
finds it with importlib.resources (site_builder/theme.py)."""
