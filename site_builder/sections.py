"""Splitting rendered article HTML into sections: for the corpus and for collapsible FAQs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

_HEADING_RE = {
    (2,): re.compile(r"<h2(?P<attrs>[^>]*)>(?P<inner>.*?)</h2>", re.S),
    (2, 3, 4): re.compile(r"<h(?P<level>[234])(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)>",
                          re.S),
}
_H1_RE = re.compile(r"<h1(?P<attrs>[^>]*)>.*?</h1>", re.S)
_ID_RE = re.compile(r'\bid="([^"]*)"')
_TAG_RE = re.compile(r"<[^>]+>")
# Block elements separate words; inline ones (a, em, code) do not: "Se <a>VPN</a>." -> "Se VPN."
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|hr|tr|td|th|table|thead|tbody|pre|blockquote|details|"
    r"summary|section|dl|dt|dd)\b[^>]*>", re.I)
# Markup that is not prose: its text would only pollute search.
_SKIP_RE = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S)
# The toc extension's `permalink` ("¶" after every heading, as cscs-docs configures it).
_PERMALINK_RE = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)


@dataclass
class Section:
    heading: str  # plain text; empty for the part before the first heading
    anchor: str
    level: int
    html: str  # the body below the heading
    heading_html: str = ""

    @property
    def text(self) -> str:
        return plain_text(self.html)


def plain_text(html: str) -> str:
    text = _TAG_RE.sub("", _BLOCK_TAG_RE.sub(" ", _SKIP_RE.sub(" ", html)))
    # str.split() splits at exactly the whitespace `\s` matches, a few times faster than
    # re.sub over every article's text.
    return " ".join(unescape(text).split())


def split_sections(html: str, levels: tuple[int, ...] = (2, 3, 4)) -> list[Section]:
    pattern = _HEADING_RE[levels]
    sections: list[Section] = []
    matches = list(pattern.finditer(html))
    intro_end = matches[0].start() if matches else len(html)
    if html[:intro_end].strip():
        sections.append(Section("", "", 1, html[:intro_end]))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(html)
        anchor = _ID_RE.search(match.group("attrs"))
        level = int(match.groupdict().get("level") or 2)
        sections.append(Section(plain_text(_PERMALINK_RE.sub("", match.group("inner"))),
                                anchor.group(1) if anchor else "", level,
                                html[match.end():end], match.group(0)))
    return sections


def drop_title_heading(html: str) -> str:
    """The page without its first `<h1>` (the template shows the title), keeping the heading's
    id as an empty anchor: links to it, which MkDocs and autorefs have accepted, still land."""
    match = _H1_RE.search(html)
    if match is None:
        return html
    anchor = _ID_RE.search(match.group("attrs"))
    kept = f'<a id="{anchor.group(1)}"></a>' if anchor else ""
    return html[: match.start()] + kept + html[match.end():]


def corpus_levels(article_type: str, html: str) -> tuple[int, ...]:
    """The heading levels an article is split at for the corpus: `##` to `####`, so that
    search can land on the part that answers (archer2's FAQ asks its questions in `####`
    under `##` and `###` topics). An FAQ whose `##` headings are questions is split at them
    only: its deeper headings are details of one answer."""
    if article_type == "faq":
        h2 = [plain_text(m.group("inner")) for m in _HEADING_RE[(2,)].finditer(html)]
        if any(heading.endswith("?") for heading in h2):
            return (2,)
    return (2, 3, 4)


def collapse_faq(html: str, extra: Callable[[Section], str]) -> str:
    """Render every `##` question as a collapsible block that keeps the heading's anchor."""
    sections = split_sections(html, levels=(2,))
    out = []
    for section in sections:
        if section.level == 1:
            out.append(section.html)
            continue
        out.append(
            f'<details class="fokus-faq" data-anchor="{section.anchor}">'
            f"<summary>{section.heading_html}</summary>"
            f'<div class="fokus-faq__answer">{section.html}{extra(section)}</div></details>\n'
        )
    return "".join(out)

