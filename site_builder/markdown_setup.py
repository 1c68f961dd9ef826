"""The Python-Markdown setup pages are rendered with: the site's own extensions plus the ones
Fokus always needs. The plugin configures MkDocs with it and the link check parses with it, so
both see the same element tree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension
from material.extensions import emoji

# Extensions Fokus's pages and templates rely on; the site's own configuration wins where it
# sets options of its own. Footnotes are here so that `[^1]` is never read as a link.
REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "toc": {},
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "tables": {},
    "footnotes": {},
    "pymdownx.details": {},
    "pymdownx.emoji": {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg},
}


@dataclass(frozen=True)
class MarkdownSettings:
    """What `markdown.Markdown(extensions=..., extension_configs=...)` is given."""

    extensions: tuple[str | Extension, ...] = tuple(REQUIRED_EXTENSIONS)
    configs: Mapping[str, Mapping[str, Any]] = field(
        default_factory=lambda: {k: v for k, v in REQUIRED_EXTENSIONS.items() if v})


def add_required(extensions: list[str | Extension],
                 configs: dict[str, dict[str, Any]]) -> None:
    """Add the extensions Fokus needs to a site's lists, in place (as MkDocs' config holds them)."""
    for name, options in REQUIRED_EXTENSIONS.items():
        if name not in extensions:
            extensions.append(name)
        if options:
            configs.setdefault(name, dict(options))


def markdown_settings(extensions: Iterable[str | Extension] = (),
                      configs: Mapping[str, Mapping[str, Any]] | None = None) -> MarkdownSettings:
    """A site's extensions and their options, with the ones Fokus needs added."""
    names = list(extensions)
    options = {k: dict(v) for k, v in (configs or {}).items()}
    add_required(names, options)
    return MarkdownSettings(tuple(names), options)
