"""The content tree: service areas and articles, loaded from ``content/`` and validated."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown

from .events import DEFAULT_TIME_ZONE, place_in_time
from .findings import ERROR, WARNING, Finding, sort_key
from .retired import RetiredId, load_retired
from .schema import (
    ARTICLE_KEYS,
    CATEGORY_FIELDS,
    FOKUS_ONLY_KEYS,
    FRONT_MATTER_FIELDS,
    FRONT_MATTER_KEYS,
    MATERIAL_STATUSES,
    Invalid,
    Unreadable,
    did_you_mean,
    fokus_status,
    is_article,
    validate_mapping,
)
from .sections import plain_text
from .source import Source, read_page, read_yaml_list
from .synonyms import load_synonyms

CATEGORIES_FILE = "categories.yml"
# The service area of pages at the top of the tree, by content language: (slug, title).
FALLBACK_AREAS = {"sv": ("ovrigt", "Övrigt"), "en": ("general", "General")}
_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
# Blocks that are not a paragraph of prose: headings, admonitions, code, HTML, lists, tables.
_NOT_PROSE_RE = re.compile(
    r"^(#|!!!|\?\?\?|```|~~~|<|\||    |\t|[-*+] |\d+[.)] |>|!\[|\[|---|===|\{)")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_MARKDOWN = markdown.Markdown()  # plain Python-Markdown, to read a paragraph as text
_SENTENCE_RE = re.compile(r"^(.+?[.!?])(?=\s|$)")


@dataclass
class Category:
    slug: str
    title: str
    description: str = ""
    icon: str = "material/folder-outline"
    order: int = 999
    owner: str = ""
    implicit: bool = False  # derived from a folder, not declared in categories.yml


@dataclass
class Article:
    path: str
    id: int | None
    title: str
    type: str
    category: str
    owner: str
    reviewed: dt.date | None
    body: str
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    review_interval: int | None = None
    status: str = "published"
    aliases: list[str] = field(default_factory=list)
    replaced_by: int | None = None
    date: dt.date | None = None
    important: bool = False
    # Events and status banners (events.py gives the times their zone once the page is read).
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    timezone: str | None = None
    place: str | None = None
    online: str | None = None
    registration: str | None = None
    banner: str | None = None
    banner_until: dt.datetime | None = None
    # A Fokus article (front matter with a key only Fokus reads); else a plain MkDocs page.
    is_article: bool = True
    # False when the page's front matter has errors: it still owns its path and (when that could
    # be read) its id, so nothing else reports it missing, but it takes part in no other rule.
    valid: bool = True
    # The front matter MkDocs, Material and other plugins read (`hide`, `template`, Material's
    # `status` ...), passed on to the page as it is.
    page_meta: dict[str, Any] = field(default_factory=dict)
    source: Source | None = field(default=None, repr=False)

    @property
    def render_body(self) -> str:
        """The body without the heading the title was taken from: the page shows the title."""
        match = _H1_RE.search(self.body)
        title_from_heading = not self.is_article and "title" not in self.page_meta
        if match and (title_from_heading or not self.body[: match.start()].strip()):
            return self.body[: match.start()] + self.body[match.end():]
        return self.body

    @property
    def kb(self) -> str:
        return f"KB-{self.id:04d}" if self.id is not None else ""

    @property
    def url(self) -> str:
        """The canonical site path, as MkDocs builds it with directory URLs."""
        stem = self.path[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")]
            return stem
        return stem + "/"

    @property
    def is_published(self) -> bool:
        return self.status != "draft"

    def review_due(self, default_interval: int) -> dt.date | None:
        """When the next review is due; the last day of the calendar when that is later."""
        if self.reviewed is None:
            return None
        days = self.review_interval or default_interval
        room = (dt.date.max - self.reviewed).days
        return self.reviewed + dt.timedelta(days=max(0, min(days, room)))

    def is_overdue(self, today: dt.date, default_interval: int) -> bool:
        due = self.review_due(default_interval)
        return due is not None and due < today


@dataclass
class ContentTree:
    root: Path
    categories: dict[str, Category]
    articles: list[Article]
    findings: list[Finding]
    intro: str = ""  # body of a root index.md, shown on the start page
    retired: dict[int, RetiredId] = field(default_factory=dict)
    synonyms: list[list[str]] = field(default_factory=list)
    # Symbolic links to a page of the tree: the link's path -> the page's path. One page.
    symlinks: dict[str, str] = field(default_factory=dict)
    language: str = "sv"  # the content's language, for hints

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def published(self) -> list[Article]:
        """The pages the site shows: valid, and not drafts."""
        return [a for a in self.articles if a.valid and a.is_published]

    def by_id(self) -> dict[int, Article]:
        return {a.id: a for a in self.published if a.id is not None}

    def by_path(self) -> dict[str, Article]:
        """Every page by its path, invalid ones and symbolic links to pages included."""
        pages = {a.path: a for a in self.articles}
        pages.update({link: pages[real] for link, real in self.symlinks.items() if real in pages})
        return pages


@dataclass
class MarkdownFiles:
    paths: list[str]  # sorted POSIX paths below the root, each file once
    symlinks: dict[str, str]  # another path to a listed file -> the listed path
    loops: dict[str, str]  # a folder link -> the folder above it that it leads back to


def find_markdown(root: Path) -> MarkdownFiles:
    """Every Markdown file below root as MkDocs finds them (following symbolic links), skipping
    hidden and `_` entries. A file reached by several paths is listed once, by its real path
    when that is in the tree; a folder link leading back to a folder above it is not followed.
    """
    real_root = os.path.realpath(root)
    by_target: dict[str, list[str]] = defaultdict(list)
    loops: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=True):
        real_folder = os.path.realpath(folder)
        rel_folder = os.path.relpath(folder, root)
        kept = []
        for name in sorted(dirs):
            if name.startswith((".", "_")):
                continue
            real = os.path.realpath(os.path.join(folder, name))
            if real_folder == real or real_folder.startswith(real + os.sep):
                loops[_posix(rel_folder, name)] = os.path.relpath(real, real_root)
                continue
            kept.append(name)
        dirs[:] = kept
        for name in files:
            if name.endswith(".md") and not name.startswith((".", "_")):
                path = os.path.join(folder, name)
                target = os.path.realpath(path) if os.path.isfile(path) else path
                by_target[target].append(_posix(rel_folder, name))
    paths: list[str] = []
    symlinks: dict[str, str] = {}
    for target, rels in by_target.items():
        real_rel = os.path.relpath(target, real_root).replace(os.sep, "/")
        keep = real_rel if real_rel in rels else min(rels)
        paths.append(keep)
        symlinks.update({rel: keep for rel in rels if rel != keep})
    return MarkdownFiles(sorted(paths), dict(sorted(symlinks.items())), loops)


def markdown_files(root: Path) -> list[str]:
    """Every Markdown file below root, once, as sorted POSIX paths (see `find_markdown`)."""
    return find_markdown(root).paths


def _posix(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder.replace(os.sep, '/')}/{name}"


def load_content(root: Path | str, language: str = "sv",
                 time_zone: str = DEFAULT_TIME_ZONE, *,
                 read: Callable[[Path, str], tuple[Source, list[Finding]]] = read_page,
                 ) -> ContentTree:
    """Load and validate every page and service area below ``root``. Hints are written in the
    content's ``language`` (the plugin's `language`); times without a zone of their own are in
    ``time_zone`` (the plugin's `time_zone`). ``read`` reads one page (the preview passes one
    that remembers the pages it read)."""
    root = Path(root)
    findings: list[Finding] = []
    categories = load_categories(root, findings, language)
    retired = load_retired(root, findings)
    synonyms = load_synonyms(root, findings)
    declared = bool(categories)
    articles: list[Article] = []
    intro = ""
    unknown = _UnknownKeys()
    files = find_markdown(root)
    for link, folder in files.loops.items():
        above = "the content folder" if folder == "." else folder
        findings.append(Finding(link, 1, None,
                                f"is a folder link back to {above}, so it never ends",
                                "remove the symbolic link"))
    for rel in files.paths:
        source, problems = read(root, rel)
        findings.extend(problems)
        article = _article_from_source(source, findings, unknown, language,
                                       any(p.is_error for p in problems))
        if article.valid and article.is_article:
            _place_in_time(article, time_zone, findings)
        if rel == "index.md" and article.valid and not article.is_article:
            intro = source.body  # a root index.md page is the start page's introduction
            continue
        if article.valid and not article.is_article and article.category not in categories:
            categories[article.category] = _implicit_category(article.category, language)
        articles.append(article)
    findings.extend(unknown.findings())
    _check_tree(articles, categories, declared, retired, findings)
    findings.sort(key=sort_key)
    return ContentTree(root, categories, articles, findings, intro, retired, synonyms,
                       files.symlinks, language)


def load_categories(root: Path, findings: list[Finding],
                    language: str = "sv") -> dict[str, Category]:
    example = CATEGORY_FIELDS[0].example_for(language)
    entries = read_yaml_list(root, CATEGORIES_FILE, findings, f"`- slug: {example}`")
    categories: dict[str, Category] = {}
    for line, item_node, item in entries:
        if not isinstance(item, dict):
            findings.append(Finding(CATEGORIES_FILE, line, None, "entry must be a mapping"))
            continue
        key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in item_node.value}
        values, problems = validate_mapping(item, CATEGORY_FIELDS, language=language)
        for p in problems:
            findings.append(Finding(CATEGORIES_FILE, key_lines.get(p.field, line), p.field,
                                    p.message, p.hint, WARNING if p.warning else ERROR))
        slug = values.get("slug")
        if not slug or any(p.field == "slug" for p in problems):
            continue
        if slug in categories:
            findings.append(Finding(CATEGORIES_FILE, key_lines["slug"], "slug",
                                    f"service area `{slug}` is declared twice", "remove one"))
            continue
        # A field that failed is reported above; the area itself still exists, so that its
        # articles give no follow-on "unknown service area" errors.
        values = {f.key: values.get(f.key, f.default_value()) for f in CATEGORY_FIELDS}
        categories[slug] = Category(**{**values, "title": values["title"] or slug})
    return categories


def _implicit_category(slug: str, language: str) -> Category:
    fallback_slug, fallback_title = fallback_area(language)
    title = fallback_title if slug == fallback_slug else slug.replace("-", " ").capitalize()
    return Category(slug=slug, title=title, implicit=True)


class _UnknownKeys:
    """Front-matter keys no one knows, gathered over the tree: one warning per key."""

    def __init__(self) -> None:
        self.seen: dict[str, list[tuple[str, int]]] = defaultdict(list)

    def add(self, key: str, path: str, line: int) -> None:
        self.seen[key].append((path, line))

    def findings(self) -> list[Finding]:
        found = []
        for key, places in self.seen.items():
            path, line = places[0]
            count = len({p for p, _ in places})
            files = "1 file" if count == 1 else f"{count} files"
            hint = (did_you_mean(key, FRONT_MATTER_KEYS)
                    or "Fokus, MkDocs and Material do not read it: remove it unless another "
                       "plugin does (it is passed on to the page)")
            found.append(Finding(path, line, key, f"unknown front-matter key `{_shown_key(key)}` "
                                 f"in {files} (first: {path}:{line})", hint, WARNING))
        return found


def _shown_key(key: str) -> str:
    shown = key if key.isprintable() else ascii(key)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _article_from_source(source: Source, findings: list[Finding], unknown: _UnknownKeys,
                         language: str, unreadable: bool = False) -> Article:
    """A page from its file: a Fokus article, or a plain MkDocs page; marked invalid when its
    front matter has errors (``unreadable``: reading the file already gave one)."""
    if source.broken:
        return _invalid_page(source, language)
    meta = source.meta or {}
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            unknown.add(key, source.path, source.line_of(key))
    article = is_article(meta)
    known = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS}
    values, problems = validate_mapping(known, FRONT_MATTER_FIELDS, required=article,
                                        language=language,
                                        examples=_examples_from(source, known) if article else {})
    for p in problems:
        findings.append(Finding(source.path, p.line or source.line_of(p.field), p.field,
                                p.message, p.hint, WARNING if p.warning else ERROR))
    valid = not unreadable and not any(not p.warning for p in problems)
    fields = {k: v for k, v in values.items() if k in ARTICLE_KEYS and v is not None}
    status = fields.pop("status", "published")
    fields.setdefault("id", None)
    fields.setdefault("title", title_from_body(source.body, source.path))
    fields.setdefault("category", category_from_path(source.path, language))
    fields.setdefault("type", "guide")
    fields.setdefault("owner", "")
    fields.setdefault("reviewed", None)
    return Article(path=source.path, body=source.body, source=source,
                   status=fokus_status(status), is_article=article, valid=valid,
                   page_meta=_page_meta(meta, values), **fields)


def _place_in_time(article: Article, time_zone: str, findings: list[Finding]) -> None:
    """Events' and banners' times in their zone, and the rules between their fields."""
    src = article.source
    assert src is not None
    for problem in place_in_time(article, time_zone):
        key = problem.field if problem.field in src.lines else (problem.near or problem.field)
        findings.append(Finding(article.path, src.line_of(key), problem.field, problem.message,
                                problem.hint, WARNING if problem.warning else ERROR))
        if not problem.warning:
            article.valid = False


def _page_meta(meta: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The keys Fokus does not own, for MkDocs, the theme and other plugins: checked ones as
    checked, unknown ones as written. Material's `status` stays; Fokus's does not."""
    passed = {}
    for key, value in meta.items():
        if key in FOKUS_ONLY_KEYS or value is None or isinstance(value, Unreadable):
            continue
        if key in FRONT_MATTER_KEYS:
            if key not in values or values[key] is None:
                continue  # invalid: reported
            value = values[key]
        if key == "status" and value not in MATERIAL_STATUSES:
            continue
        passed[key] = value
    return passed


def _invalid_page(source: Source, language: str) -> Article:
    """A page whose file or front matter could not be read: it keeps what a scan found."""
    meta = source.meta or {}
    try:
        article_id = ARTICLE_KEYS["id"].type.convert(meta.get("id"))
    except Invalid:
        article_id = None
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    return Article(path=source.path, id=article_id,
                   title=title or title_from_body(source.body, source.path), type="guide",
                   category=category_from_path(source.path, language), owner="", reviewed=None,
                   body=source.body, is_article=True, valid=False, source=source)


def _examples_from(source: Source, meta: dict[str, Any]) -> dict[str, Any]:
    """Hints for missing fields taken from the file itself: its first heading, its first
    sentence, its folder."""
    examples: dict[str, Any] = {}
    if "title" not in meta:
        examples["title"] = title_from_body(source.body, source.path)
    if "summary" not in meta and "description" not in meta:
        sentence = first_sentence(source.body)
        if sentence:
            examples["summary"] = sentence
    if "category" not in meta and "/" in source.path:
        examples["category"] = category_from_path(source.path)
    return examples


def first_sentence(body: str) -> str:
    """The first sentence of the body's first paragraph of prose, as plain text."""
    limit = ARTICLE_KEYS["summary"].type.max_length
    for block in _blocks(body):
        if _NOT_PROSE_RE.match(block):
            continue
        text = plain_text(_MARKDOWN.reset().convert(block))
        match = _SENTENCE_RE.match(text)
        sentence = match.group(1) if match else text
        if len(sentence) > limit:
            sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
        if sentence:
            return sentence
    return ""


def _blocks(body: str) -> Iterator[str]:
    """The body's blocks of lines between blank lines, fenced code left out."""
    in_fence, block = False, []
    for line in [*body.splitlines(), ""]:
        fence = _FENCE_RE.match(line)
        if fence or not line.strip():
            if block and not in_fence:
                yield "\n".join(block)
            block = []
            in_fence = in_fence != bool(fence)
        elif not in_fence:
            block.append(line)


def title_from_body(body: str, rel_path: str) -> str:
    """MkDocs' rule: the first `#` heading, else the file name."""
    match = _H1_RE.search(body)
    if match:
        return match.group(1)
    return Path(rel_path).stem.replace("-", " ").replace("_", " ").capitalize()


def category_from_path(rel_path: str, language: str = "sv") -> str:
    """The top folder, or the fallback area for a page at the top of the tree."""
    return rel_path.split("/")[0] if "/" in rel_path else fallback_area(language)[0]


def fallback_area(language: str) -> tuple[str, str]:
    return FALLBACK_AREAS.get(language, FALLBACK_AREAS["sv"])


def _check_tree(articles: list[Article], categories: dict[str, Category], declared: bool,
                retired: dict[int, RetiredId], findings: list[Finding]) -> None:
    """Rules that need more than one file: ids, areas, successors, aliases."""
    first_with_id: dict[int, Article] = {}
    for article in articles:
        src = article.source
        assert src is not None
        if article.valid and article.is_article and article.category not in categories:
            hint = ("declare it in content/categories.yml" if declared
                    else "create content/categories.yml")
            known = ", ".join(sorted(categories)) or "none declared"
            findings.append(Finding(article.path, src.line_of("category"), "category",
                                    f"unknown service area `{article.category}` (known: {known})",
                                    hint))
        if article.id is None:
            continue
        if not article.valid:  # it owns its id; its own findings come first
            first_with_id.setdefault(article.id, article)
            continue
        if article.id in retired:
            was = retired[article.id]
            title = f" ({was.title})" if was.title else ""
            findings.append(Finding(article.path, src.line_of("id"), "id",
                                    f"{article.kb} was retired{title}; ids are never reused",
                                    "give this article the next free id (`fokus new` finds it)"))
        elif article.id in first_with_id:
            other = first_with_id[article.id]
            findings.append(Finding(article.path, src.line_of("id"), "id",
                                    f"{article.kb} is already used by {other.path}",
                                    "give this article the next free id (`fokus new` finds it)"))
        else:
            first_with_id[article.id] = article
    _check_successors(articles, first_with_id, findings)
    _check_aliases(articles, findings)


def _check_successors(articles: list[Article], by_id: dict[int, Article],
                      findings: list[Finding]) -> None:
    """`replaced_by` leads to a current article: not to itself, nor round in a circle."""
    for article in articles:
        if article.replaced_by is None or not article.valid:
            continue
        line = article.source.line_of("replaced_by") if article.source else 1
        successor = by_id.get(article.replaced_by)
        circle = _circle(article, by_id)
        if successor is article:
            findings.append(Finding(article.path, line, "replaced_by",
                                    f"{article.kb} points to itself",
                                    "point to the article that replaces this one"))
        elif circle:
            first = min((a for a in circle if a.valid), key=lambda a: a.path)
            if article is first:  # one finding for the whole circle
                chain = " → ".join(a.kb for a in [*circle, circle[0]])
                findings.append(Finding(article.path, line, "replaced_by",
                                        f"{chain} replace each other in a circle",
                                        "the newest article must not have `replaced_by`"))
        elif successor is None or (successor.valid and not successor.is_published):
            findings.append(Finding(article.path, line, "replaced_by",
                                    f"KB-{article.replaced_by:04d} does not exist or is a draft",
                                    "point to a published article"))
        elif successor.valid and successor.status == "archived":
            findings.append(Finding(article.path, line, "replaced_by",
                                    f"{successor.kb} is archived itself",
                                    f"point to its successor instead ({successor.path})"))


def _circle(start: Article, by_id: dict[int, Article]) -> list[Article]:
    """The articles of a `replaced_by` circle through ``start``, in order; empty if none."""
    chain = [start]
    seen = {start.path}
    current = by_id.get(start.replaced_by) if start.replaced_by is not None else None
    while current is not None and current.path not in seen:
        chain.append(current)
        seen.add(current.path)
        current = by_id.get(current.replaced_by) if current.replaced_by is not None else None
    return chain if current is start and len(chain) > 1 else []


def _check_aliases(articles: list[Article], findings: list[Finding]) -> None:
    real = {a.url for a in articles if a.is_published or not a.valid}
    owner: dict[str, Article] = {}
    seen = defaultdict(list)
    for article in articles:
        if not article.valid:
            continue
        for alias in article.aliases:
            seen[normalise_alias(alias)].append(article)
    for alias, users in seen.items():
        for article in users:
            line = article.source.line_of("aliases") if article.source else 1
            if alias in real:
                findings.append(Finding(article.path, line, "aliases",
                                        f"alias `{alias}` is the path of an existing page",
                                        "remove the alias"))
            elif len(users) > 1 and owner.setdefault(alias, article) is not article:
                findings.append(Finding(article.path, line, "aliases",
                                        f"alias `{alias}` is also claimed by {owner[alias].path}",
                                        "keep it on one article only"))


def normalise_alias(alias: str) -> str:
    """`/konton/gammal.md` and `konton/gammal` both become `konton/gammal/`."""
    path = alias.strip().strip("/")
    for suffix in (".md", ".html"):
        path = path.removesuffix(suffix)
    path = path.removesuffix("/index")
    return path + "/" if path else ""
