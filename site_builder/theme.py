"""Material settings derived from the Fokus configuration: one place for name, logo, colours."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from .config import FokusConfig

REQUIRED_FEATURES = ("navigation.tabs",)
# Instant navigation swaps pages in without loading them, so the scripts of Fokus's search box,
# FAQ answers and feedback widgets would not start on the next page. Its variants go with it.
DROPPED_FEATURES = ("navigation.instant",)


def page_theme_settings(config: MkDocsConfig, fokus: FokusConfig) -> None:
    theme = config.theme
    organisation = fokus.organisation
    if organisation.name:
        config.site_name = organisation.name
    if organisation.logo:
        theme["logo"] = organisation.logo
    # Custom colours come from CSS variables the theme writes (see theme/main.html).
    theme["palette"] = {"primary": "custom", "accent": "custom"}
    # An intranet portal must not call out to Google Fonts: use the system fonts.
    theme["font"] = False
    features = [f for f in theme.get("features") or []
                if not f.startswith(DROPPED_FEATURES)]
    for feature in REQUIRED_FEATURES:
        if feature not in features:
            features.append(feature)
    theme["features"] = features
