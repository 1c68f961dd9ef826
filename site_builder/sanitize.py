"""Cleaning rendered bodies with nh3 (the Ammonia sanitiser), for sites that set the plugin's
`sanitize_html` option (docs/security.md).

What Markdown and the configured extensions write survives: headings with their anchors,
tables with their alignment, admonitions, collapsible blocks, Material's emoji icons. What an
author could type as raw HTML beyond that does not: scripts, event handlers, `javascript:`
links, styles, frames, forms."""

from __future__ import annotations

import nh3

TAGS = nh3.ALLOWED_TAGS | {"details", "summary", "svg", "path"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "details": {"open"},
    # pymdownx.emoji's inline icons
    "svg": {"xmlns", "viewBox", "width", "height", "aria-hidden"},
    "path": {"d", "fill-rule", "clip-rule"},
}
# Python-Markdown's tables align columns with `style="text-align: …"`.
STYLE_PROPERTIES = {"text-align"}


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES,
                     filter_style_properties=STYLE_PROPERTIES, link_rel=None)


def sanitize_between(html: str, start: str, end: str) -> str:
    """Clean only the part from the first ``start`` marker to the last ``end`` marker: a page
    where an author's text sits between the build's own markup (the start page's intro).
    Taking the outermost markers, a marker the author typed cannot shorten the part."""
    first = html.find(start)
    last = html.rfind(end)
    if first == -1 or last < first:
        return html
    inner = html[first + len(start):last]
    return html[:first] + sanitize(inner) + html[last + len(end):]
