"""What one build rendered, kept by the preview (site_builder/preview.py) so that the next
build renders only the pages whose output would differ.

A page's output is a function of its render key: its own Markdown and front matter, what the
templates are given about it (related articles, successor, status, event times …) and what
they are given about the site (menu, banners, service areas). Two builds that give a page the
same key write the same page, so the second need not render it; MkDocs then skips it as its
`--dirty` mode skips an unmodified file. Links are not in the key: where they lead depends on
the paths, ids and aliases of the articles, and a change of those makes the preview build
everything (preview.structure)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from .page_links import PageLinks

# Settings that are the same for every page of every build of one configuration.
CONSTANT_CONTEXT = ("organisation", "contact")


@dataclass
class Rendered:
    """Per page source path: its render key, its corpus record and what it links to; the
    redirect pages written (site path -> HTML); the related articles."""

    keys: dict[str, str] = field(default_factory=dict)
    records: dict[str, dict] = field(default_factory=dict)
    page_links: dict[str, PageLinks] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    # Related articles (paths) and what they were worked out from (related.related_basis).
    related: dict[str, list[str]] = field(default_factory=dict)
    related_basis: tuple = ()


def render_key(own: tuple[Any, ...], site: dict[str, Any]) -> str:
    """A digest of everything a page's output is made from (see the module's docstring):
    ``own``, what is the page's own, and ``site``, the site context it is shown in."""
    varying = {k: v for k, v in site.items() if k not in CONSTANT_CONTEXT}
    return hashlib.sha1(repr((own, varying)).encode("utf-8")).hexdigest()


class TemplateCode(BytecodeCache):
    """Compiled templates, kept in memory from one build of the preview to the next (each
    build has a new Jinja environment, which would compile every template again). Jinja
    checks each template's source against the checksum stored with its code."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
