"""What an article's Markdown points at and offers: links, images and heading anchors, each with
its line in the file, found without rendering the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_INLINE_RE = re.compile(
    r"(!?)\[(?:[^\]\\]|\\.)*\]"  # [text], or ![alt] for an image
    r"\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)"  # (target "optional title")
)
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?$")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_CUSTOM_ID_RE = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_INLINE_MARKUP_RE = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)|<[^>]+>")
EXTERNAL_PREFIXES = ("http://", "https://", "mailto:", "tel:", "ftp://", "//")


@dataclass(frozen=True)
class Reference:
    target: str
    line: int
    is_image: bool = False

    @property
    def is_external(self) -> bool:
        return self.target.lower().startswith(EXTERNAL_PREFIXES)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


def _prose_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code blocks, numbered as in the file."""
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield first_line + offset, line


def references(body: str, first_line: int = 1) -> list[Reference]:
    found = []
    for number, line in _prose_lines(body, first_line):
        for match in _INLINE_RE.finditer(line):
            found.append(Reference(match.group(2), number, is_image=match.group(1) == "!"))
        definition = _REFDEF_RE.match(line)
        if definition:
            found.append(Reference(definition.group(1), number))
    return found


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """Headings with the anchors Python-Markdown's toc extension gives them."""
    found: list[Heading] = []
    used: set[str] = set()
    for number, line in _prose_lines(body, first_line):
        match = _HEADING_RE.match(line)
        if not match:
            continue
        text = match.group(2)
        custom = _CUSTOM_ID_RE.search(text)
        if custom:
            text = text[: custom.start()]
            anchor = custom.group(1)
            used.add(anchor)
        else:
            plain = _INLINE_MARKUP_RE.sub(lambda m: m.group(1) or "", text)
            anchor = unique(slugify(plain, "-"), used)
        found.append(Heading(len(match.group(1)), text.strip(), anchor, number))
    return found


def word_count(body: str) -> int:
    return sum(len(line.split()) for _, line in _prose_lines(body, 1))
