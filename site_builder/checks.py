"""`fokus check`: the rules that need the whole tree, on top of the schema checks in content.py.

Errors fail the check and the build; warnings are advice (`--strict` makes them fail too).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .content import Article, ContentTree, normalise_alias
from .findings import ERROR, WARNING, Finding, sort_key
from .links import ARTICLE, INVALID, MISSING, LinkResolver
from .markdown_setup import MarkdownSettings
from .page_links import AUTOREF, IMAGE, Link, LinkParser, PageLinks, word_count
from .retired import RETIRED_FILE
from .urls import SiteUrls

LONG_ARTICLE_WORDS = 2000
INTRO_PAGE = "index.md"


@dataclass(frozen=True)
class CheckOptions:
    today: dt.date
    review_interval: int = 365
    previous_corpus: Path | None = None
    long_article_words: int = LONG_ARTICLE_WORDS
    # The site's Markdown extensions, from mkdocs.yml; None: only those Fokus always adds.
    markdown: MarkdownSettings | None = None
    # The theme's template folders, where a page's `template` must be; empty: not checked.
    template_dirs: tuple[Path, ...] = ()
    # Severity of the link problems MkDocs' own validation also reports (a relative link to
    # nothing, a missing anchor); None: not reported. build.check_options derives it from
    # mkdocs.yml. Fokus's own link rules (/kb/ ids, drafts, images) are always errors.
    mkdocs_link_severity: str | None = ERROR


def check_content(tree: ContentTree, options: CheckOptions,
                  parsed: Mapping[str, PageLinks] | None = None) -> list[Finding]:
    """Every finding for the tree: the loader's, then links, removals and advice.

    ``parsed``: pages' links already read by a build that rendered them (by source path);
    the others are parsed here."""
    links = LinkChecker(tree, options.markdown, options.mkdocs_link_severity, parsed)
    findings = list(tree.findings)
    findings += links.check()
    findings += removed_articles(tree, options.previous_corpus)
    findings += page_templates(tree, options.template_dirs)
    findings += advice(tree, options, links.inbound)
    return sorted(set(findings), key=sort_key)


def _line(article: Article, key: str) -> int:
    return article.source.line_of(key) if article.source else 1


@dataclass(frozen=True)
class LinkProblem:
    message: str
    hint: str
    # MkDocs' own validation reports it too (a relative link to nothing, a missing anchor).
    mkdocs_validates: bool = False


class LinkChecker:
    """Internal links, anchors and images; also records who links to whom, for orphans.

    Each page is parsed once, with the site's Markdown extensions (unless ``parsed`` has it
    already), and its links resolved the way the build resolves them (links.LinkResolver)."""

    def __init__(self, tree: ContentTree, markdown: MarkdownSettings | None = None,
                 mkdocs_link_severity: str | None = ERROR,
                 parsed: Mapping[str, PageLinks] | None = None):
        self.tree = tree
        self.mkdocs_link_severity = mkdocs_link_severity
        self.resolver = LinkResolver(tree.articles, tree.root, _site_paths(tree))
        # A symbolic link to a page is another path to the same page.
        for link, real in tree.symlinks.items():
            if real in self.resolver.by_path:
                self.resolver.by_path.setdefault(link, self.resolver.by_path[real])
        parsed = parsed or {}
        parser: LinkParser | None = None
        # The root index.md is no article, but its text is on the start page, where other
        # pages may link to its anchors.
        texts = [(INTRO_PAGE, tree.intro, 1)]
        texts += [(a.path, a.body, a.source.body_line if a.source else 1) for a in tree.articles]
        self.pages: dict[str, PageLinks] = {}
        for path, text, first_line in texts:
            if path not in parsed:
                parser = parser or LinkParser(markdown)
                self.pages[path] = parser.parse(text, first_line)
            else:
                self.pages[path] = parsed[path]
        # autorefs resolves `[text][id]` against the anchors of every page.
        self.site_anchors: dict[str, str] = {}
        for path, page in self.pages.items():
            for anchor in page.anchors:
                self.site_anchors.setdefault(anchor, path)
        self.inbound: dict[str, set[str]] = {a.path: set() for a in tree.articles}

    def check(self) -> list[Finding]:
        findings = []
        published = {a.path: a.is_published for a in self.tree.articles}
        for path, page in self.pages.items():
            if page.error:
                findings.append(Finding(path, 1, None, f"cannot be read as Markdown: {page.error}",
                                        "correct the page, or the Markdown extension's settings "
                                        "in mkdocs.yml"))
                continue
            for link in page.links:
                problem = self._problem(path, published.get(path, True), link)
                if problem is None:
                    continue
                severity = self.mkdocs_link_severity if problem.mkdocs_validates else ERROR
                if severity is not None:
                    findings.append(Finding(path, link.line, None, problem.message,
                                            problem.hint, severity))
        return findings

    def _problem(self, path: str, published: bool, link: Link) -> LinkProblem | None:
        if link.kind == AUTOREF:
            return self._autoref_problem(path, link)
        resolved = self.resolver.resolve(link.target, path, image=link.kind == IMAGE,
                                         in_html=link.in_html)
        if resolved.kind == ARTICLE and resolved.article is not None:
            return self._target_problem(path, published, resolved.article, resolved.fragment,
                                        link.target)
        if resolved.kind == INVALID:
            return LinkProblem(f"link to {link.target}: is not a valid address",
                               "correct the link")
        if resolved.kind != MISSING:
            return None
        if link.kind == IMAGE:
            return LinkProblem(
                f"image {link.target.partition('#')[0]} does not exist "
                f"(looked for {resolved.path})", "add the image file, or correct the path")
        if resolved.kb_id is not None:
            return LinkProblem(f"link to {link.target}: KB-{resolved.kb_id:04d} does not exist",
                               "check the number in the link")
        if link.in_html and self.resolver.resolve(link.target, path).kind == ARTICLE:
            return LinkProblem(
                f"link to {link.target} in HTML: MkDocs does not convert links in HTML, "
                f"so it leads to {resolved.path}", "write it as a Markdown link, [text](page.md)")
        written = urlsplit(link.target).path  # valid: it resolved
        if written.startswith("/"):
            message = f"link to {link.target}: no page at {resolved.path}"
        elif written.endswith(".md"):
            message = f"link to {link.target}: there is no article {resolved.path}"
        else:
            message = f"link to {link.target}: no file {resolved.path}"
        return LinkProblem(message, "link to articles with their short link, e.g. /kb/42/",
                           mkdocs_validates=True)

    def _autoref_problem(self, path: str, link: Link) -> LinkProblem | None:
        for anchor in (link.target, link.title):
            if anchor and anchor in self.site_anchors:
                target = self.site_anchors[anchor]
                if target != path and target in self.inbound:
                    self.inbound[target].add(path)
                return None
        return LinkProblem(
            f"link to [{link.target}]: no anchor {link.target} on any page (autorefs)",
            "define it with `[](){#" + link.target + "}` before a heading, "
            "or correct the reference")

    def _target_problem(self, path: str, published: bool, target: Article, anchor: str,
                        written: str) -> LinkProblem | None:
        if target.path != path:
            self.inbound[target.path].add(path)
        if target.status == "draft" and published:
            return LinkProblem(f"link to {written}: {target.kb or target.path} is a draft",
                               "publish it first, or remove the link")
        return self._anchor_problem(target, anchor, written)

    def _anchor_problem(self, target: Article, anchor: str,
                        written: str) -> LinkProblem | None:
        page = self.pages[target.path]
        if not anchor or anchor in page.anchors or page.error:
            return None
        return LinkProblem(f"link to {written}: no heading with anchor #{anchor} in {target.path}",
                           f"anchors there: {', '.join(_anchor_hints(page, anchor)) or 'none'}",
                           mkdocs_validates=True)


def _anchor_hints(page: PageLinks, anchor: str, count: int = 8) -> list[str]:
    """The anchors most like the one written, then the page's headings in order."""
    headings = [h.anchor for h in page.headings]
    others = sorted(a for a in page.anchors - set(headings) if not a.startswith("_"))
    close = difflib.get_close_matches(anchor, headings + others, n=3)
    return list(dict.fromkeys(close + headings))[:count]


def _site_paths(tree: ContentTree) -> set[str]:
    """Every page the built site will have: the content's, its aliases and the generated ones,
    wherever site_builder/urls.py puts them."""
    urls = SiteUrls.for_tree(tree)
    # A page whose front matter fails is still there: links to it are not broken.
    paths = {a.url for a in tree.articles if a.is_published}
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
    # An article whose front matter fails still owns its id: it is not gone.
    present = {a.id for a in tree.articles
               if a.id is not None and (a.is_published or not a.valid)}
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


def page_templates(tree: ContentTree, template_dirs: tuple[Path, ...]) -> list[Finding]:
    """A page's `template` must exist in the theme, or the build would stop on it."""
    if not template_dirs:
        return []
    findings = []
    for article in tree.published:
        template = article.page_meta.get("template")
        if template and not any((folder / template).is_file() for folder in template_dirs):
            findings.append(Finding(article.path, _line(article, "template"), "template",
                                    f"`{template}` is not a template of the theme",
                                    "remove the line to use the theme's page layout, or add the "
                                    "template to the theme's `custom_dir`"))
    return findings


def advice(tree: ContentTree, options: CheckOptions,
           inbound: dict[str, set[str]]) -> list[Finding]:
    """Warnings: overdue or future reviews, very long articles, articles nothing links to.

    ``inbound`` maps each article's path to the paths of the articles linking to it."""
    # Links from an article with broken front matter still count: it is published once fixed.
    live = {a.path for a in tree.articles
            if not a.valid or (a.is_published and a.status == "published")}
    findings = []
    for article in tree.published:
        if article.status != "published":
            continue
        if article.reviewed is not None and article.reviewed > options.today:
            findings.append(Finding(article.path, _line(article, "reviewed"), "reviewed",
                                    f"{article.reviewed} is in the future",
                                    "set `reviewed` to the day the owner checked the article",
                                    severity=WARNING))
        elif article.is_overdue(options.today, options.review_interval):
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
        if article.type not in ("news", "event") and article.is_article and not linked_from:
            findings.append(Finding(article.path, 1, None, "no other article links here",
                                    "link to it from a related article with "
                                    f"/kb/{article.id}/", severity=WARNING))
    return findings
