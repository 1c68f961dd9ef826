"""The content tree: service areas and articles, loaded from ``content/`` and validated."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .findings import ERROR, WARNING, Finding, sort_key
from .retired import RetiredId, load_retired
from .schema import ARTICLE_FIELDS, CATEGORY_FIELDS, validate_mapping
from .source import Source, read_source, read_yaml_list
from .synonyms import load_synonyms

CATEGORIES_FILE = "categories.yml"
FALLBACK_CATEGORY = "ovrigt"
_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


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
    has_front_matter: bool = True
    source: Source | None = field(default=None, repr=False)

    @property
    def render_body(self) -> str:
        """The body without the heading the title was taken from: the page shows the title."""
        match = _H1_RE.search(self.body)
        if match and (not self.has_front_matter or not self.body[: match.start()].strip()):
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
        if self.reviewed is None:
            return None
        return self.reviewed + dt.timedelta(days=self.review_interval or default_interval)

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

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def published(self) -> list[Article]:
        return [a for a in self.articles if a.is_published]

    def by_id(self) -> dict[int, Article]:
        return {a.id: a for a in self.published if a.id is not None}

    def by_path(self) -> dict[str, Article]:
        return {a.path: a for a in self.articles}


def markdown_files(root: Path) -> list[str]:
    """Every Markdown file below root, as sorted POSIX paths, skipping hidden and `_` entries."""
    paths = []
    for path in root.rglob("*.md"):
        rel = path.relative_to(root)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        paths.append(rel.as_posix())
    return sorted(paths)


def load_content(root: Path | str) -> ContentTree:
    """Load and validate every article and service area below ``root``."""
    root = Path(root)
    findings: list[Finding] = []
    categories = load_categories(root, findings)
    retired = load_retired(root, findings)
    synonyms = load_synonyms(root, findings)
    declared = bool(categories)
    articles: list[Article] = []
    intro = ""
    for rel in markdown_files(root):
        source, problems = read_source(root, rel)
        findings.extend(problems)
        if source is None:
            continue
        if rel == "index.md" and source.meta is None:
            intro = source.body
            continue
        article = _article_from_source(source, findings)
        if article is None:
            continue
        if not article.has_front_matter and article.category not in categories:
            categories[article.category] = _implicit_category(article.category)
        articles.append(article)
    _check_tree(articles, categories, declared, retired, findings)
    findings.sort(key=sort_key)
    return ContentTree(root, categories, articles, findings, intro, retired, synonyms)


def load_categories(root: Path, findings: list[Finding]) -> dict[str, Category]:
    entries = read_yaml_list(root, CATEGORIES_FILE, findings, "`- slug: konton`")
    categories: dict[str, Category] = {}
    for line, item_node, item in entries:
        if not isinstance(item, dict):
            findings.append(Finding(CATEGORIES_FILE, line, None, "entry must be a mapping"))
            continue
        key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in item_node.value}
        values, problems = validate_mapping(item, CATEGORY_FIELDS)
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
        categories[slug] = Category(**values)
    return categories


def _implicit_category(slug: str) -> Category:
    return Category(slug=slug, title=slug.replace("-", " ").capitalize(), implicit=True)


def _article_from_source(source: Source, findings: list[Finding]) -> Article | None:
    if source.meta is None:
        return _article_without_front_matter(source)
    values, problems = validate_mapping(source.meta, ARTICLE_FIELDS)
    for p in problems:
        findings.append(Finding(source.path, source.line_of(p.field), p.field, p.message, p.hint,
                                WARNING if p.warning else ERROR))
    if any(not p.warning for p in problems):
        return None
    return Article(path=source.path, body=source.body, source=source, **values)


def _article_without_front_matter(source: Source) -> Article:
    """A plain MkDocs page: title from its first heading, type guide, area from its folder."""
    return Article(path=source.path, id=None, title=title_from_body(source.body, source.path),
                   type="guide", category=category_from_path(source.path),
                   owner="", reviewed=None, body=source.body, has_front_matter=False,
                   source=source)


def title_from_body(body: str, rel_path: str) -> str:
    """MkDocs' rule: the first `#` heading, else the file name."""
    match = _H1_RE.search(body)
    if match:
        return match.group(1)
    return Path(rel_path).stem.replace("-", " ").replace("_", " ").capitalize()


def category_from_path(rel_path: str) -> str:
    return rel_path.split("/")[0] if "/" in rel_path else FALLBACK_CATEGORY


def _check_tree(articles: list[Article], categories: dict[str, Category], declared: bool,
                retired: dict[int, RetiredId], findings: list[Finding]) -> None:
    """Rules that need more than one file: ids, areas, successors, aliases."""
    first_with_id: dict[int, Article] = {}
    for article in articles:
        src = article.source
        assert src is not None
        if article.has_front_matter and article.category not in categories:
            hint = ("declare it in content/categories.yml" if declared
                    else "create content/categories.yml")
            known = ", ".join(sorted(categories)) or "none declared"
            findings.append(Finding(article.path, src.line_of("category"), "category",
                                    f"unknown service area `{article.category}` (known: {known})",
                                    hint))
        if article.id is None:
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
    published_ids = {a.id: a for a in articles if a.id is not None and a.is_published}
    for article in articles:
        if article.replaced_by is None:
            continue
        line = article.source.line_of("replaced_by") if article.source else 1
        successor = published_ids.get(article.replaced_by)
        if successor is None:
            findings.append(Finding(article.path, line, "replaced_by",
                                    f"KB-{article.replaced_by:04d} does not exist or is a draft",
                                    "point to a published article"))
        elif successor.status == "archived":
            findings.append(Finding(article.path, line, "replaced_by",
                                    f"{successor.kb} is archived itself",
                                    f"point to its successor instead ({successor.path})"))
    _check_aliases(articles, findings)


def _check_aliases(articles: list[Article], findings: list[Finding]) -> None:
    real = {a.url for a in articles if a.is_published}
    owner: dict[str, Article] = {}
    seen = defaultdict(list)
    for article in articles:
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
