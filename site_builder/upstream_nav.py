"""The titles an MkDocs site's own `nav` gives its pages and sections.

An adopted site's `nav` names pages that have no heading of their own, and its sections name
the folders that become service areas. The nav is read as MkDocs has already parsed it
(``config["nav"]``): a list whose items are a path, ``{title: path}`` or ``{title: [items]}``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    title: str
    depth: int
    pages: tuple[str, ...]  # every page below it, once each, in nav order


@dataclass
class NavTitles:
    pages: dict[str, str] = field(default_factory=dict)  # path -> its first titled entry
    sections: list[Section] = field(default_factory=list)

    @classmethod
    def from_nav(cls, nav: Any) -> NavTitles:
        titles = cls()
        if isinstance(nav, list):
            titles._walk(nav, 0)
        return titles

    def page_title(self, path: str) -> str | None:
        return self.pages.get(path)

    def folder_title(self, folder: str) -> str | None:
        """The section listing most of the folder's pages, among the sections made mostly of
        them; ties go to the outermost, then the first. None when no section fits."""
        best: tuple[int, int, int] | None = None
        title = None
        for order, section in enumerate(self.sections):
            inside = sum(page.startswith(folder + "/") for page in section.pages)
            if inside * 2 <= len(section.pages):
                continue
            rank = (inside, -section.depth, -order)
            if best is None or rank > best:
                best, title = rank, section.title
        return title

    def _walk(self, items: list, depth: int) -> list[str]:
        found: list[str] = []
        for item in items:
            if isinstance(item, str):
                found += _pages(item)
                continue
            if not isinstance(item, dict):
                continue
            for title, value in item.items():
                if isinstance(value, list):
                    pages = self._walk(value, depth + 1)
                    if isinstance(title, str) and title.strip() and pages:
                        unique = tuple(dict.fromkeys(pages))
                        self.sections.append(Section(title.strip(), depth, unique))
                    found += pages
                elif isinstance(value, str):
                    pages = _pages(value)
                    if pages and isinstance(title, str) and title.strip():
                        self.pages.setdefault(pages[0], title.strip())
                    found += pages
        return found


def _pages(target: str) -> list[str]:
    """The docs-relative page a nav entry points at, as a list of none or one."""
    if "://" in target or not target.strip().endswith(".md"):
        return []  # an external link or something that is not a page
    return [posixpath.normpath(target.strip()).lstrip("/")]
