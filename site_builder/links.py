"""Links between pages: what a link points at (for the check and the build alike), `/kb/<id>/`
short links and alias redirects."""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .content import Article, ContentTree, normalise_alias
from .urls import SiteUrls, relative

# `/kb/42/`, and the forms people copy from a page: `/kb/0042/`, `/kb/KB-0042/`.
_KB_PATH_RE = re.compile(r"^/kb/(?:kb-)?(\d+)/?$", re.I)

EXTERNAL = "external"  # another site, mail, phone: not checked
NOTHING = "nothing"  # an empty href, such as the `[](){#id}` anchors autorefs uses
ARTICLE = "article"  # a page of the tree (``fragment`` is the anchor on it)
FILE = "file"  # a file that is not a page: image, PDF, download
SITE = "site"  # a path the build generates: menus, areas, tags, aliases, short links
MISSING = "missing"
INVALID = "invalid"  # no address at all, such as `http://[::1`


@dataclass(frozen=True)
class Resolved:
    """What an internal link points at, decided once for the check and for the build."""

    kind: str
    article: Article | None = None
    fragment: str = ""
    path: str = ""  # where the link led: the file, page or site path looked for
    kb_id: int | None = None  # when written as a short link


def kb_link_id(path: str) -> int | None:
    """The article id a short link names, or None when ``path`` is no short link."""
    match = _KB_PATH_RE.match(path)
    return int(match.group(1)) if match else None


def absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


class LinkResolver:
    """Resolves links as MkDocs does, and the forms MkDocs leaves to the browser.

    A relative link is first the file it names from the page's folder (MkDocs' rule, so
    `faq.md`, `faq.md/#a` and `bilder/x.png` work). A link without a file extension may be
    written as the browser reads it, from the page's URL (`../scheduler/#a`), or as a folder
    (`../services/s3/` for `services/s3/index.md` or `services/s3.md`). `/kb/<id>/` names an
    article by its id; `/x/y/` is a path of the site.
    """

    def __init__(self, articles: Iterable[Article], root: Path,
                 site_paths: Iterable[str] = ()):
        self.root = root
        self.by_path: dict[str, Article] = {}
        self.by_id: dict[int, Article] = {}
        for article in articles:
            self.by_path.setdefault(article.path, article)
            if article.id is not None:
                self.by_id.setdefault(article.id, article)
        self.by_url = {a.url: a for a in self.by_path.values()}
        self.site_paths = set(site_paths)

    def resolve(self, target: str, page: str, *, image: bool = False,
                in_html: bool = False) -> Resolved:
        """What ``target``, written in the page with source path ``page``, points at."""
        try:
            parts = urlsplit(target)
        except ValueError:
            return Resolved(INVALID, path=target)
        if parts.scheme or parts.netloc:
            return Resolved(EXTERNAL)
        path, fragment = unquote(parts.path), parts.fragment
        if not path:
            here = self.by_path.get(page)
            return Resolved(ARTICLE, here, fragment, page) if fragment else Resolved(NOTHING)
        if path.startswith(("/", "\\")):
            return self._site_absolute(path, fragment, image, in_html)
        from_dir = posixpath.dirname(page)
        resolved = _join(from_dir, path)
        if in_html:  # MkDocs leaves raw HTML as it is: the browser reads it from the page's URL
            return (self._from_url(page, path, fragment, image, in_html=True)
                    or Resolved(MISSING, path=resolved))
        if not image and resolved in self.by_path:
            return Resolved(ARTICLE, self.by_path[resolved], fragment, resolved)
        if self._is_file(resolved):
            return Resolved(FILE, path=resolved)
        if image or posixpath.splitext(path.rstrip("/"))[1]:
            return Resolved(MISSING, path=resolved)
        found = self._from_url(page, path, fragment, image) or self._folder(resolved, fragment)
        return found or Resolved(MISSING, path=resolved)

    def _site_absolute(self, path: str, fragment: str, image: bool, in_html: bool) -> Resolved:
        site = posixpath.normpath(path.strip("/\\")).lstrip("/")
        site = "" if site == "." else site
        kb = kb_link_id(path)
        if kb is not None and not image and _as_dir(site) not in self.by_url:
            # An organisation's own page at that path wins; otherwise it is a short link.
            article = self.by_id.get(kb)
            if article is None:
                return Resolved(MISSING, path=path, kb_id=kb)
            return Resolved(ARTICLE, article, fragment, article.path, kb)
        return (self._page_or_file(site, fragment, image, in_html)
                or Resolved(MISSING, path=site if image else "/" + _as_dir(site)))

    def _from_url(self, page: str, path: str, fragment: str, image: bool,
                  in_html: bool = False) -> Resolved | None:
        here = self.by_path.get(page)
        url = here.url if here is not None else _directory_url(page)
        return self._page_or_file(_join(url, path), fragment, image, in_html)

    def _page_or_file(self, site: str, fragment: str, image: bool,
                      in_html: bool) -> Resolved | None:
        """A site path as the browser reads it: a page's URL, a generated page or a file; or,
        in Markdown, which the build rewrites, a page's source path."""
        if not image:
            article = self.by_url.get(_as_dir(site))
            if article is None and not in_html:
                article = self.by_path.get(site)
            if article is not None:
                return Resolved(ARTICLE, article, fragment, article.path)
            if _as_dir(site) in self.site_paths:
                return Resolved(SITE, path=_as_dir(site))
        return Resolved(FILE, path=site) if site and self._is_file(site) else None

    def _folder(self, resolved: str, fragment: str) -> Resolved | None:
        for candidate in (f"{resolved}/index.md", f"{resolved}.md"):
            article = self.by_path.get(candidate.lstrip("/"))
            if article is not None:
                return Resolved(ARTICLE, article, fragment, article.path)
        return None

    def _is_file(self, rel: str) -> bool:
        return not rel.startswith("..") and (self.root / rel).is_file()


def _join(base: str, path: str) -> str:
    """MkDocs' rule: a path relative to ``base``, normalised, never absolute."""
    joined = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
    return "" if joined == "." else joined


def _directory_url(page: str) -> str:
    """The URL MkDocs gives a page that is no article (such as the start page)."""
    stem = page.removesuffix(".md")
    return _as_dir("" if stem == "index" else stem.removesuffix("/index"))


def _as_dir(site: str) -> str:
    return site.rstrip("/") + "/" if site.strip("/") else ""


def source_href(resolved: Resolved, page: str) -> str | None:
    """The link MkDocs should be given for a link to an article: its source file, relative to
    the page, so MkDocs makes it a relative URL (working under any base path) and validates
    the anchor. None for links to anything else."""
    if resolved.kind != ARTICLE or resolved.article is None:
        return None
    target = relative(resolved.article.path, posixpath.dirname(page))
    return target + (f"#{resolved.fragment}" if resolved.fragment else "")


class SourceLinks(Extension):
    """A Markdown extension for the build: every link to an article becomes the article's source
    path (see `source_href`) just before MkDocs' `relpath` treeprocessor resolves links.

    MkDocs renders one page at a time; the plugin sets ``page`` before each one."""

    # Before MkDocs' `relpath` and Python-Markdown's `unescape` (both 0), after `toc` (5).
    PRIORITY = 0.1

    def __init__(self, on_unknown_kb: Callable[[str, int], None]):
        super().__init__()
        self.on_unknown_kb = on_unknown_kb
        self.resolver: LinkResolver | None = None
        self.page = ""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_SourceLinkProcessor(md, self), "fokus_source_links",
                                   self.PRIORITY)


class _SourceLinkProcessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: SourceLinks):
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        resolver, page = self.extension.resolver, self.extension.page
        if resolver is None:
            return
        unescape = self.md.treeprocessors["unescape"].unescape
        for link in root.iter("a"):
            href = link.get("href")
            if not href:
                continue
            resolved = resolver.resolve(unescape(href), page)
            rewritten = source_href(resolved, page)
            if rewritten is not None:
                link.set("href", rewritten)
            elif resolved.kind == MISSING and resolved.kb_id is not None:
                self.extension.on_unknown_kb(page, resolved.kb_id)


def redirect_target(article: Article, by_id: dict[int, Article]) -> Article:
    """Where a short link leads: an archived article's successor when it has one."""
    if article.status == "archived" and article.replaced_by in by_id:
        return by_id[article.replaced_by]
    return article


def redirect_html(from_dir: str, target: Article, language: str, moved_text: str) -> str:
    """A page that forwards to the target and keeps any `#anchor` and `?via=svar` (meta refresh
    would drop them)."""
    rel = relative(target.url, from_dir)
    href = rel.rstrip("/") + "/" if rel != "." else "./"
    title = escape(f"{target.kb} {target.title}".strip())
    root = "../" * len([part for part in from_dir.split("/") if part])  # to the site root
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<link rel="canonical" href="{escape(href)}">'
        f'<meta name="robots" content="noindex">'
        # Forwards to the canonical link, keeping ?via=svar and the #anchor; a file, for the
        # Content-Security-Policy's sake.
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
            for form in urls.short_forms(article.id):  # as staff write the number too
                pages[form] = redirect_target(article, by_id)
        for alias in article.aliases:
            path = normalise_alias(alias)
            if path and path not in pages:
                pages[path] = article
    for retired in tree.retired.values():
        # A deleted article's short link may still sit in old replies: lead it to its successor.
        successor = by_id.get(retired.replaced_by) if retired.replaced_by else None
        if successor is not None:
            for form in urls.short_forms(retired.id):
                pages.setdefault(form, redirect_target(successor, by_id))
    return pages


def redirect_pages(tree: ContentTree, urls: SiteUrls, language: str,
                   moved_text: str) -> dict[str, str]:
    """Every redirect page's HTML by its site path (see `redirects`)."""
    return {path: redirect_html(path, target, language, moved_text)
            for path, target in redirects(tree, urls).items()}


def write_redirects(site_dir: Path, pages: dict[str, str], taken: Iterable[str] = ()) -> int:
    """Write the redirect pages, except where the site has a page of its own (``taken``: the
    output files the build writes, such as `konton/index.html`): a real page wins over an
    alias, and `fokus check` reports the clash."""
    taken = set(taken)
    count = 0
    written: dict[str, str] = {}  # HTML -> the file that holds it
    for path, html in pages.items():
        if f"{path}index.html" in taken:
            continue
        out = os.path.join(site_dir, path, "index.html")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        _write_or_link(out, html, written)
        count += 1
    return count


def _write_or_link(out: str, html: str, written: dict[str, str]) -> None:
    """The forms of one short link (the number, zero-padded, with "KB-": urls.short_forms)
    are the same page: a hard link to the first is a file of its own to any host, and costs
    the file system one call instead of three, thousands of times a build."""
    first = written.get(html)
    if first is not None:
        with contextlib.suppress(OSError):  # where hard links are not to be had, a copy
            os.link(first, out)
            return
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(html)
    written.setdefault(html, out)
