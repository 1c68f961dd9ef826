"""`fokus check`: the rules that need the whole tree, on top of the schema checks in content.py.

Errors fail the check and the build; warnings are advice (`--strict` makes them fail too).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .content import Article, ContentTree, normalise_alias
from .findings import WARNING, Finding, sort_key
from .references import Reference, headings, references, word_count
from .retired import RETIRED_FILE
from .urls import SiteUrls

LONG_ARTICLE_WORDS = 2000
_KB_RE = re.compile(r"^/kb/(\d+)/?$")


@dataclass(frozen=True)
class CheckOptions:
    today: dt.date
    review_interval: int = 365
    previous_corpus: Path | None = None
    long_article_words: int = LONG_ARTICLE_WORDS


def check_content(tree: ContentTree, options: CheckOptions) -> list[Finding]:
    """Every finding for the tree: the loader's, then links, removals and advice."""
    links = LinkChecker(tree)
    findings = list(tree.findings)
    findings += links.check()
    findings += removed_articles(tree, options.previous_corpus)
    findings += advice(tree, options, links.inbound)
    return sorted(set(findings), key=sort_key)


def _line(article: Article, key: str) -> int:
    return article.source.line_of(key) if article.source else 1


class LinkChecker:
    """Internal links, anchors and images; also records who links to whom, for orphans."""

    def __init__(self, tree: ContentTree):
        self.tree = tree
        self.by_path = {a.path: a for a in tree.articles}
        self.by_id = {a.id: a for a in tree.articles if a.id is not None}
        self.anchors = {a.path: {h.anchor for h in headings(a.body)} for a in tree.articles}
        self.site_paths = _site_paths(tree)
        self.inbound: dict[str, set[str]] = {a.path: set() for a in tree.articles}

    def check(self) -> list[Finding]:
        findings = []
        for article in self.tree.articles:
            first_line = article.source.body_line if article.source else 1
            for ref in references(article.body, first_line):
                problem = self._problem(article, ref)
                if problem:
                    message, hint = problem
                    findings.append(Finding(article.path, ref.line, None, message, hint))
        return findings

    def _problem(self, article: Article, ref: Reference) -> tuple[str, str] | None:
        if ref.is_external:
            return None
        path, _, anchor = ref.target.partition("#")
        if ref.is_image:
            return self._image_problem(article, path)
        if not path:
            return self._anchor_problem(article, article, anchor, ref.target)
        kb = _KB_RE.match(path)
        if kb:
            target = self.by_id.get(int(kb.group(1)))
            if target is None:
                return (f"link to {ref.target}: KB-{int(kb.group(1)):04d} does not exist",
                        "check the number in the link")
            return self._target_problem(article, target, anchor, ref.target)
        if path.endswith(".md"):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(article.path), path))
            target = self.by_path.get(resolved.lstrip("/"))
            if target is None:
                return (f"link to {ref.target}: there is no article {resolved}",
                        "link with its short link instead, e.g. /kb/42/")
            return self._target_problem(article, target, anchor, ref.target)
        if path.startswith("/"):
            site_path = path.strip("/") + "/" if path.strip("/") else ""
            if site_path not in self.site_paths and not (self.tree.root / path[1:]).is_file():
                return (f"link to {ref.target}: no page at /{site_path}",
                        "link to articles with their short link, e.g. /kb/42/")
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(article.path), path))
        if (self.tree.root / resolved).is_file():
            return None
        return (f"link to {ref.target}: no file {resolved}",
                "link to articles with their short link, e.g. /kb/42/")

    def _target_problem(self, article: Article, target: Article, anchor: str,
                        written: str) -> tuple[str, str] | None:
        if target is not article:
            self.inbound[target.path].add(article.path)
        if target.status == "draft" and article.is_published:
            return (f"link to {written}: {target.kb or target.path} is a draft",
                    "publish it first, or remove the link")
        return self._anchor_problem(article, target, anchor, written)

    def _anchor_problem(self, article: Article, target: Article, anchor: str,
                        written: str) -> tuple[str, str] | None:
        if anchor and anchor not in self.anchors[target.path]:
            known = ", ".join(sorted(self.anchors[target.path])[:8]) or "none"
            return (f"link to {written}: no heading with anchor #{anchor} in {target.path}",
                    f"anchors there: {known}")
        return None

    def _image_problem(self, article: Article, path: str) -> tuple[str, str] | None:
        base = "" if path.startswith("/") else posixpath.dirname(article.path)
        resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if (self.tree.root / resolved).is_file():
            return None
        return (f"image {path} does not exist (looked for {resolved})",
                "add the image file, or correct the path")


def _site_paths(tree: ContentTree) -> set[str]:
    """Every page the built site will have: the content's, its aliases and the generated ones,
    wherever site_builder/urls.py puts them."""
    urls = SiteUrls.for_tree(tree)
    paths = {a.url for a in tree.published}
    paths |= {normalise_alias(alias) for a in tree.published for alias in a.aliases}
    paths |= {urls.short(a.id) for a in tree.published if a.id is not None}
    paths |= {urls.tag(tag) for a in tree.published if a.status == "published" for tag in a.tags}
    paths |= urls.fixed_pages()
    return paths


def removed_articles(tree: ContentTree, previous_corpus: Path | None) -> list[Finding]:
    """Published articles of the previous build that vanished instead of being archived."""
    if previous_corpus is None or not previous_corpus.is_file():
        return []
    try:
        previous = json.loads(previous_corpus.read_text(encoding="utf-8"))["articles"]
    except (ValueError, KeyError, TypeError) as exc:
        return [Finding(str(previous_corpus), 1, None, f"previous corpus unreadable: {exc}",
                        "pass the corpus.json of the last published build with --previous")]
    present = {a.id for a in tree.articles if a.is_published and a.id is not None}
    findings = []
    for record in previous:
        article_id = record.get("id")
        if article_id is None or article_id in present or article_id in tree.retired:
            continue
        findings.append(Finding(
            record.get("source_path", "?"), 1, "id",
            f"KB-{article_id:04d} ({record.get('title', '')}) was published and is now gone",
            f"keep it with `status: archived` and `replaced_by`, or record id {article_id} "
            f"in {RETIRED_FILE}"))
    return findings


def advice(tree: ContentTree, options: CheckOptions,
           inbound: dict[str, set[str]]) -> list[Finding]:
    """Warnings: overdue reviews, very long articles, articles nothing links to.

    ``inbound`` maps each article's path to the paths of the articles linking to it."""
    live = {a.path for a in tree.published if a.status == "published"}
    findings = []
    for article in tree.published:
        if article.status != "published":
            continue
        if article.is_overdue(options.today, options.review_interval):
            due = article.review_due(options.review_interval)
            findings.append(Finding(article.path, _line(article, "reviewed"), "reviewed",
                                    f"review was due {due}", "check the article with its "
                                    "owner, then set `reviewed` to today's date",
                                    severity=WARNING))
        words = word_count(article.body)
        if words > options.long_article_words:
            findings.append(Finding(article.path, 1, None,
                                    f"is {words} words long (advice: at most "
                                    f"{options.long_article_words})",
                                    "split it into several articles", severity=WARNING))
        linked_from = inbound.get(article.path, set()) & live
        if article.type != "news" and article.has_front_matter and not linked_from:
            findings.append(Finding(article.path, 1, None, "no other article links here",
                                    "link to it from a related article with "
                                    f"/kb/{article.id}/", severity=WARNING))
    return findings
