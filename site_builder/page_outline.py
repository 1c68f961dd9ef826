"""A page's title heading and section headings as plain text, as MkDocs renders them.

The page is rendered with Python-Markdown and the site's own Markdown extensions, so a `#` line
in a code block, in an HTML comment or in a content tab is not mistaken for a heading, and the
text is what the reader sees (no markup, escapes or invisible characters).
"""

from __future__ import annotations

import html
import logging
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

# Extensions every MkDocs site has (MkDocs adds them to the configured ones).
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Outline:
    title: str | None = None  # the first top-level `#` heading
    headings: list[str] = field(default_factory=list)  # every other heading, in order


class OutlineReader:
    """Reads the outline of many pages with one Markdown instance.

    A page the configured extensions cannot render (a snippet that is not there, say) is read
    again with MkDocs' default extensions only."""

    def __init__(self, extensions: list[Any] | None = None,
                 extension_configs: dict[str, dict] | None = None):
        self._plain = _markdown(list(MKDOCS_EXTENSIONS), {})
        try:
            self._configured = _markdown(list(extensions or MKDOCS_EXTENSIONS),
                                         extension_configs or {})
        except Exception:  # an extension that does not load: MkDocs' defaults still read titles
            self._configured = self._plain

    def outline(self, body: str) -> Outline:
        markdown_logger = logging.getLogger("MARKDOWN")
        level = markdown_logger.level
        markdown_logger.setLevel(logging.CRITICAL)  # extensions' own complaints are for builds
        try:
            return _read(self._configured, body)
        except Exception:  # any extension may fail on any page: a title is still wanted
            try:
                return _read(self._plain, body)
            except Exception:  # e.g. nesting too deep to render: the nav or file name it is
                return Outline()
        finally:
            markdown_logger.setLevel(level)


def plain_heading_text(text: str) -> str:
    """Entities decoded, invisible format characters (U+2060, U+200B ...) dropped, white space
    collapsed: what a title in front matter should hold."""
    text = html.unescape(text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


class _OutlineTreeprocessor(Treeprocessor):
    outline: Outline

    def run(self, root: etree.Element) -> None:
        self.outline = Outline()
        top_level = list(root)
        for element in root.iter():
            if element.tag not in _HEADINGS:
                continue
            text = plain_heading_text(strip_tags(render_inner_html(remove_fnrefs(element),
                                                                    self.md)))
            if not text:
                continue
            if element.tag == "h1" and self.outline.title is None and element in top_level:
                self.outline.title = text
            else:
                self.outline.headings.append(text)


def _markdown(extensions: list[Any], configs: dict[str, dict]) -> markdown.Markdown:
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    # After attr_list (8) has taken `{#id}` off the text, before toc (5) adds permalinks.
    md.treeprocessors.register(_OutlineTreeprocessor(md), "fokus_outline", 6)
    return md


def _read(md: markdown.Markdown, body: str) -> Outline:
    md.reset()
    md.convert(body)
    return md.treeprocessors["fokus_outline"].outline
