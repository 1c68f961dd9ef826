"""What a page links to and which anchors it offers, read from the element tree Python-Markdown
builds with the site's own extensions: the tree MkDocs renders and validates links in.

Python-Markdown does the reading (reference definitions, titles, `<…>` destinations, autolinks,
footnotes, toc heading ids, attr_list ids); this module only collects the result, just before
MkDocs' own `relpath` treeprocessor would see it. Python-Markdown keeps no source lines, so each
target is looked up in the source text to say where it was written.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .markdown_setup import MarkdownSettings

LINK = "link"
IMAGE = "image"
# `[text][id]` that mkdocs-autorefs resolves against anchors anywhere in the site.
AUTOREF = "autoref"

# Just before Fokus's source links (links.SourceLinks, 0.1), MkDocs' `relpath` (0) and
# Python-Markdown's `unescape` (0), after `toc` (5): every id is set and the links are as the
# author wrote them and MkDocs will resolve them.
COLLECT_PRIORITY = 0.2
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_ATTRS_RE = re.compile(r"\b(?:id|name|href|src)\s*=", re.I)
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Link:
    """One link, image or autoref as it will be rendered, with the line it was written on."""

    target: str  # href or src; for an autoref, its identifier
    line: int
    kind: str = LINK
    title: str = ""  # for an autoref: the slug autorefs also tries
    in_html: bool = False  # written as raw HTML, which MkDocs leaves as it is

    @property
    def is_external(self) -> bool:
        try:
            parts = urlsplit(self.target)
        except ValueError:  # not an address at all; links.LinkResolver reports it
            return False
        return bool(parts.scheme or parts.netloc)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class PageLinks:
    """A page's links and anchors; ``error`` says why the page could not be parsed at all."""

    links: tuple[Link, ...] = ()
    anchors: frozenset[str] = frozenset()
    headings: tuple[Heading, ...] = ()
    error: str = ""


class LinkParser:
    """Parses pages with one Markdown instance (reset between pages), for speed."""

    def __init__(self, settings: MarkdownSettings | None = None):
        settings = settings or MarkdownSettings()
        # Exactly the site's settings: even turning off code colouring changes the tree
        # (pymdownx.superfences then refuses fences with a `title`, and reads them as text).
        self._collector = LinkCollector()
        self._md = markdown.Markdown(
            extensions=[*settings.extensions, self._collector],
            extension_configs={k: dict(v) for k, v in settings.configs.items()})

    def parse(self, text: str, first_line: int = 1) -> PageLinks:
        """Links and anchors of the Markdown ``text``, which starts on line ``first_line`` of its
        file."""
        md = self._md
        md.reset()
        try:
            md.convert(text)
        except Exception as exc:  # any extension may raise on content (snippets, for one)
            return PageLinks(error=f"{type(exc).__name__}: {exc}".strip().rstrip(":"))
        return self._collector.page_links(text, first_line)


class LinkCollector(Extension):
    """The same collection as a Markdown extension of a build that renders the pages anyway
    (the plugin adds it to MkDocs' extensions), so that no page is parsed twice: after each
    page is converted, ``page_links`` gives what LinkParser.parse would have."""

    def __init__(self) -> None:
        super().__init__()
        self.enabled = True  # the plugin turns it off for pages nobody checks (its own)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        self.processor = _Collector(md, self)
        md.treeprocessors.register(self.processor, "fokus_links", COLLECT_PRIORITY)

    def page_links(self, text: str, first_line: int = 1) -> PageLinks:
        """The links and anchors of the page last converted, whose Markdown is ``text``."""
        found = self.processor
        lines = _SourceLines(text, first_line)
        links = tuple(Link(target, lines.line_of(*_written(kind, target)), kind, title, in_html)
                      for kind, target, title, in_html in found.links)
        return PageLinks(links, frozenset(found.anchors), found.headings)


def _written(kind: str, target: str) -> tuple[str, ...]:
    """How a target appears in the source: an autoref as `[id]`, in `[text][id]` or `[id][]`."""
    return (f"[{target}]", target) if kind == AUTOREF else (target,)


class _Collector(Treeprocessor):
    def __init__(self, md: markdown.Markdown, extension: LinkCollector):
        super().__init__(md)
        self.extension = extension
        self.links: list[tuple[str, str, str, bool]] = []  # kind, target, title, in raw HTML
        self.anchors: set[str] = set()
        self.headings: tuple[Heading, ...] = ()

    def run(self, root: Element) -> None:
        # Backslash escapes are restored at priority 0, after this runs.
        unescape = self.md.treeprocessors["unescape"].unescape
        self.links, self.anchors, self.headings = [], set(), ()
        if not self.extension.enabled:
            return
        self.headings = tuple(_flatten(getattr(self.md, "toc_tokens", [])))  # toc ran first
        generated = _toc_links(root)
        self._scan(root.iter(), unescape, generated, in_html=False)
        for block in self.md.htmlStash.rawHtmlBlocks:
            if isinstance(block, Element):
                self._scan(block.iter(), unescape, set(), in_html=True)
            elif _HTML_ATTRS_RE.search(block):
                # One parser per block: a comment left open in one swallows no other.
                raw = _RawHTML()
                raw.feed(block)
                raw.close()
                self.anchors |= raw.anchors
                self.links += [(kind, target, "", True) for kind, target in raw.links]

    def _scan(self, elements: Iterator[Element], unescape: Callable[[str], str],
              generated: set[int], in_html: bool) -> None:
        for el in elements:
            if anchor := el.get("id"):
                self.anchors.add(unescape(anchor))
            title = unescape(el.get("title") or "")
            if el.tag == "a":
                if name := el.get("name"):
                    self.anchors.add(unescape(name))
                href = el.get("href")
                if href and id(el) not in generated:
                    self.links.append((LINK, _decoded(unescape(href)), title, in_html))
            elif el.tag == "img" and el.get("src"):
                target = unescape(el.get("src") or "")
                self.links.append((IMAGE, target, title, in_html))
            elif el.tag == "autoref" and "optional" not in el.attrib:
                identifier = unescape(el.get("identifier") or "")
                self.links.append((AUTOREF, identifier, el.get("slug") or "", in_html))


def _decoded(href: str) -> str:
    """An automatic mail link's address, which Python-Markdown writes as character entities."""
    if util.AMP_SUBSTITUTE in href:
        return html.unescape(href.replace(util.AMP_SUBSTITUTE, "&"))
    return href


def _toc_links(root: Element) -> set[int]:
    """The permalinks toc adds to headings (links to the heading's own id): not written by
    anyone, and always right."""
    generated = set()
    for heading in root.iter():
        if heading.tag in _HEADINGS and heading.get("id"):
            own = "#" + heading.get("id", "")
            generated |= {id(a) for a in heading.iter("a") if a.get("href") == own}
    return generated


class _RawHTML(HTMLParser):
    """Ids, names, links and images in raw HTML, which Python-Markdown keeps out of the tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (LINK or IMAGE, target), in document order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if not value:
                continue
            if key == "id" or (key == "name" and tag == "a"):
                self.anchors.add(value)
            elif key == "href" and tag == "a":
                self.links.append((LINK, value))
            elif key == "src" and tag == "img":
                self.links.append((IMAGE, value))


class _SourceLines:
    """Finds where a target was written: its first occurrence not yet claimed by an earlier
    link to the same target (a reference definition used twice stays on its one line)."""

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.next: dict[str, int] = {}

    def line_of(self, *needles: str) -> int:
        for needle in needles:
            if not needle:
                continue
            start = self.next.get(needle, 0)
            position = self._find(needle, start)
            if position < 0 and start:
                position = self._find(needle, 0)
            if position >= 0:
                self.next[needle] = max(position + len(needle), start)
                return self.first_line + bisect.bisect_right(self.starts, position) - 1
        return self.first_line

    def _find(self, needle: str, start: int) -> int:
        """The next occurrence that is the whole target: `faq.md` is not in `../faq.md#a`."""
        position = self.text.find(needle, start)
        while position >= 0 and not _stands_alone(self.text, position, position + len(needle)):
            position = self.text.find(needle, position + 1)
        return position


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer path or URL (a full stop may follow)."""
    if start and _continues(text[start - 1]):
        return False
    after = text[end:end + 2]
    return not after or not _continues(after[0]) or (after[0] == "." and not after[1:2].isalnum())


def _continues(char: str) -> bool:
    """Whether ``char`` could be part of a path or URL next to a target."""
    return char.isalnum() or char in "_./#%~-"


def _flatten(tokens: Iterable[dict]) -> Iterator[Heading]:
    for token in tokens:
        yield Heading(token["level"], html.unescape(token.get("name", "")), token["id"])
        yield from _flatten(token.get("children", []))


def word_count(body: str) -> int:
    """Words outside fenced code blocks: prose an author has to keep up to date."""
    count, in_fence = 0, False
    for line in body.splitlines():
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            count += len(line.split())
    return count
