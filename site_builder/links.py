"""Stable links: `/kb/<id>/` short links, alias redirects, and `/kb/<id>/` links inside articles."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from .content import Article, ContentTree, normalise_alias
from .urls import SiteUrls

KB_LINK_RE = re.compile(r"\]\(\s*/kb/(\d+)/?(#[^)\s]*)?\s*\)")


def absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def rewrite_kb_links(markdown: str, page_path: str, by_id: dict[int, Article],
                     on_unknown: Callable[[int], None]) -> str:
    """Turn `[x](/kb/42/#a)` into a link to the article's source file, so that MkDocs makes it
    relative (working under any base path) and validates the anchor."""

    def replace(match: re.Match) -> str:
        article = by_id.get(int(match.group(1)))
        if article is None:
            on_unknown(int(match.group(1)))
            return match.group(0)
        target = posixpath.relpath(article.path, posixpath.dirname(page_path) or ".")
        return f"]({target}{match.group(2) or ''})"

    return KB_LINK_RE.sub(replace, markdown)


def redirect_target(article: Article, by_id: dict[int, Article]) -> Article:
    """Where a short link leads: an archived article's successor when it has one."""
    if article.status == "archived" and article.replaced_by in by_id:
        return by_id[article.replaced_by]
    return article


def redirect_html(from_dir: str, target: Article, language: str, moved_text: str) -> str:
    """A page that forwards to the target and keeps any `#anchor` (meta refresh would drop it)."""
    rel = posixpath.relpath(target.url or ".", from_dir.rstrip("/") or ".")
    href = rel.rstrip("/") + "/" if rel != "." else "./"
    title = escape(f"{target.kb} {target.title}".strip())
    root = "../" * len([part for part in from_dir.split("/") if part])  # to the site root
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<link rel="canonical" href="{escape(href)}">'
        f'<meta name="robots" content="noindex">'
        # Forwards to the canonical link, keeping the #anchor; a file, for the CSP's sake.
        f'<script src="{escape(root)}assets/fokus-redirect.js"></script>'
        f'<meta http-equiv="refresh" content="0; url={escape(href)}">'
        f'</head><body><p>{escape(moved_text)} <a href="{escape(href)}">{title}</a></p>'
        f"</body></html>\n"
    )


def redirects(tree: ContentTree, urls: SiteUrls) -> dict[str, Article]:
    """Every redirect page the site needs: site path -> the article it forwards to. Short links
    live where ``urls`` puts them; aliases are the organisation's own paths."""
    by_id = tree.by_id()
    pages: dict[str, Article] = {}
    for article in tree.published:
        if article.id is not None:
            pages[urls.short(article.id)] = redirect_target(article, by_id)
        for alias in article.aliases:
            path = normalise_alias(alias)
            if path and path not in pages:
                pages[path] = article
    for retired in tree.retired.values():
        # A deleted article's short link may still sit in old replies: lead it to its successor.
        successor = by_id.get(retired.replaced_by) if retired.replaced_by else None
        if successor is not None:
            pages.setdefault(urls.short(retired.id), redirect_target(successor, by_id))
    return pages


def write_redirects(site_dir: Path, tree: ContentTree, urls: SiteUrls, language: str,
                    moved_text: str) -> int:
    count = 0
    for path, target in redirects(tree, urls).items():
        out = site_dir / path / "index.html"
        if out.exists():  # a real page wins over an alias; `fokus check` reports the clash
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_html(path, target, language, moved_text), encoding="utf-8")
        count += 1
    return count
