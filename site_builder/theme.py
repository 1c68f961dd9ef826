"""Material settings derived from the Fokus configuration: one place for name, logo, colours."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .config import FokusConfig

REQUIRED_FEATURES = ("navigation.tabs",)
# Instant navigation swaps pages in without loading them, so the scripts of Fokus's search box,
# FAQ answers and feedback widgets would not start on the next page. Its variants go with it.
DROPPED_FEATURES = ("navigation.instant",)
# Fokus's templates and assets: a package of their own, so that they are installed wherever
# site_builder is, from a wheel as from a checkout.
THEME_PACKAGE = "fokus_theme"


def fokus_theme_dir() -> Path:
    """The folder of the installed `fokus_theme` package (a wheel is always unpacked)."""
    return Path(str(importlib.resources.files(THEME_PACKAGE)))


def add_fokus_theme(config: MkDocsConfig) -> None:
    """Put Fokus's templates first, before the site's own `custom_dir` and Material (the
    plugin warns about an override that Fokus's theme shadows)."""
    theme_dir = str(fokus_theme_dir())
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(0, theme_dir)


def page_theme_settings(config: MkDocsConfig, fokus: FokusConfig) -> None:
    theme = config.theme
    organisation = fokus.organisation
    if organisation.name:
        config.site_name = organisation.name
    if organisation.logo:
        theme["logo"] = organisation.logo
    # Custom colours come from CSS variables the theme writes (see fokus_theme/main.html).
    theme["palette"] = {"primary": "custom", "accent": "custom"}
    # An intranet portal must not call out to Google Fonts: use the system fonts.
    theme["font"] = False
    features = [f for f in theme.get("features") or []
                if not f.startswith(DROPPED_FEATURES)]
    for feature in REQUIRED_FEATURES:
        if feature not in features:
            features.append(feature)
    theme["features"] = features
