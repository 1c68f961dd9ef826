"""Material settings derived from the Fokus configuration: one place for name, logo, colours."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from .config import FokusConfig

REQUIRED_FEATURES = ("navigation.tabs",)


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
    features = list(theme.get("features") or [])
    for feature in REQUIRED_FEATURES:
        if feature not in features:
            features.append(feature)
    theme["features"] = features
