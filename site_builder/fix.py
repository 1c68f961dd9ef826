"""`fokus check --fix`: adopt an MkDocs docs tree by adding the Fokus fields each page lacks.

Each value comes from the page, the site's own mkdocs.yml, git, CODEOWNERS or the command line,
and the summary says which; a value that is only a fallback (a title from the file name, today
as the review date) is named there too. Lines are only ever added to the front matter: every
existing line and the whole body stay as they were, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .codeowners import CodeOwners, find_codeowners
from .content import CATEGORIES_FILE, fallback_area, find_markdown, load_categories
from .findings import Finding
from .git_dates import last_commit_dates, repository_root
from .page_outline import Outline, OutlineReader
from .retired import load_retired
from .scaffold import slugify_title, yaml_text
from .schema import ARTICLE_FIELDS, SLUG_RE, is_article
from .source import FENCE, Source, read_source
from .upstream_nav import NavTitles

# The fields --fix fills in, in the schema's order. `summary` is not among them: Material's
# `description` serves as the summary, and nothing else can stand in for one without guessing.
ADOPTED_KEYS = tuple(f.key for f in ARTICLE_FIELDS
                     if f.key in ("id", "title", "type", "category", "owner", "reviewed"))
_FAQ_WORDS = frozenset({"faq", "faqs", "troubleshooting"})
_FAQ_PAIRS = frozenset({("known", "issue"), ("known", "issues"), ("asked", "questions")})


@dataclass(frozen=True)
class AdoptOptions:
    today: dt.date
    owner: str | None = None
    type_default: str = "guide"
    language: str = "sv"
    nav: Any = None  # mkdocs.yml's `nav`, as MkDocs parsed it
    markdown_extensions: list[Any] = field(default_factory=list)
    markdown_configs: dict[str, dict] = field(default_factory=dict)
    # Where mkdocs.yml is; CODEOWNERS is looked for at the top of the git repository, else here.
    project_dir: Path | None = None


@dataclass
class FileChange:
    path: str  # relative to the content directory
    before: str
    after: str
    added: list[str]  # each added field, with where its value came from

    def diff(self, shown_path: str) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            f"a/{shown_path}", f"b/{shown_path}"))


@dataclass
class Adoption:
    """What --fix would change, and the tally the summary line reports."""

    changes: list[FileChange] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    sources: dict[str, Counter[str]] = field(default_factory=dict)  # field -> source -> pages
    described: int = 0  # adopted pages whose `description` serves as their summary
    areas_added: Counter[str] = field(default_factory=Counter)  # title source -> areas
    categories_problem: str = ""
    unowned: list[str] = field(default_factory=list)
    left_alone: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    intro_kept: bool = False

    @property
    def pages(self) -> list[FileChange]:
        return [c for c in self.changes if c.path != CATEGORIES_FILE]

    def count(self, key: str, source: str) -> None:
        self.sources.setdefault(key, Counter())[source] += 1

    def summary(self) -> str:
        if not self.pages:
            parts = ["Nothing to adopt: every page has its Fokus fields"]
        else:
            types = ", ".join(f"{n} {t}" for t, n in self.types.most_common())
            count = len(self.pages)
            parts = [f"Adopted {count} page{'s' if count > 1 else ''} ({types})"]
        for key in ("title", "type", "category", "owner", "reviewed", "date"):
            if self.sources.get(key):
                parts.append(f"{key}: " + _tally(self.sources[key]))
        if self.described:
            parts.append(f"summary: description for {self.described}")
        if self.areas_added:
            total = sum(self.areas_added.values())
            parts.append(f"categories.yml: {total} area{'s' if total > 1 else ''} added "
                         f"(title: {_tally(self.areas_added)})")
        if self.categories_problem:
            parts.append(self.categories_problem)
        if self.intro_kept:
            parts.append("index.md: kept as the start page's introduction")
        if self.left_alone:
            parts.append(f"left alone: {len(self.left_alone)} (listed above)")
        return "; ".join(parts)


def plan_adoption(root: Path, options: AdoptOptions) -> Adoption:
    """What `--fix` would write, file by file in path order; nothing is written here."""
    return _Adopter(root, options).plan()


def apply_adoption(root: Path, adoption: Adoption) -> None:
    for change in adoption.changes:
        (root / change.path).write_bytes(change.after.encode("utf-8"))


def page_type_by_name(rel_path: str) -> bool:
    """FAQ or troubleshooting by a folder or file name: `faq/`, `vpn-faq.md`,
    `troubleshooting.md`, `known-issues/` ..."""
    for part in rel_path.lower().removesuffix(".md").split("/"):
        words = [w for w in re.split(r"[^a-z0-9]+", part) if w]
        pairs = zip(words, words[1:], strict=False)
        if _FAQ_WORDS.intersection(words) or _FAQ_PAIRS.intersection(pairs):
            return True
    return False


def mostly_questions(outline: Outline) -> bool:
    """At least two section headings, more than half of them questions."""
    questions = sum(h.endswith("?") for h in outline.headings)
    return len(outline.headings) >= 2 and questions * 2 > len(outline.headings)


def title_from_file_name(rel_path: str) -> str:
    """MkDocs' rule for a page without a title, with an `index.md` named after its folder."""
    parts = rel_path.removesuffix(".md").split("/")
    name = parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]
    title = name.replace("-", " ").replace("_", " ").strip()
    return title.capitalize() if title.lower() == title else title


class _Adopter:
    def __init__(self, root: Path, options: AdoptOptions):
        self.root = root
        self.options = options
        self.adoption = Adoption()
        self.nav = NavTitles.from_nav(options.nav)
        self.reader = OutlineReader(options.markdown_extensions, options.markdown_configs)
        self.outlines: dict[str, Outline] = {}
        self.repo = repository_root(root)
        self.git_dates = last_commit_dates(root) if self.repo else {}
        self.repo_top = self.repo or options.project_dir or root.parent
        self.codeowners: CodeOwners | None = find_codeowners(self.repo_top)
        findings: list[Finding] = []
        self.retired = load_retired(root, findings)
        self.area_owners = {slug: a.owner for slug, a in load_categories(root, findings).items()
                            if a.owner}
        self.fallback_slug, self.fallback_title = fallback_area(options.language)

    def plan(self) -> Adoption:
        sources = self._readable_pages()
        next_id = max(self._used_ids(sources.values()), default=0) + 1
        area_folders: dict[str, str | None] = {}
        for rel, source in sources.items():
            meta = source.meta or {}
            derived = self._derive(rel, source, next_id)
            if "id" in derived:
                next_id += 1
            category = _final(derived, meta, "category")
            if isinstance(category, str) and SLUG_RE.match(category):
                area_folders.setdefault(category, rel.split("/")[0] if "/" in rel else None)
            if derived:
                self._record(rel, source, derived)
        self._extend_categories(area_folders)
        return self.adoption

    def _readable_pages(self) -> dict[str, Source]:
        """Every page --fix may touch; the rest are noted as left alone."""
        pages: dict[str, Source] = {}
        real_root = self.root.resolve()
        files = find_markdown(self.root)
        for rel in files.symlinks:  # other paths to a page of the tree: the page is adopted
            self.adoption.left_alone.append(
                (rel, "is a symbolic link (or inside one): its target is adopted, if it is "
                      "in the tree"))
        for rel in files.paths:
            if (self.root / rel).resolve() != real_root / rel:
                self.adoption.left_alone.append(
                    (rel, "is a symbolic link (or inside one): its target is adopted, if it is "
                          "in the tree"))
                continue
            source, problems = read_source(self.root, rel)
            if source is None:
                why = problems[0].message if problems else "cannot be read"
                self.adoption.left_alone.append((rel, why))
                continue
            if rel == "index.md" and not is_article(source.meta or {}):
                self.adoption.intro_kept = True
                continue
            pages[rel] = source
        return pages

    def _used_ids(self, sources) -> set[int]:
        used = set(self.retired)
        for source in sources:
            value = (source.meta or {}).get("id")
            if isinstance(value, int) and not isinstance(value, bool):
                used.add(value)
        return used

    def _derive(self, rel: str, source: Source, next_id: int) -> dict[str, tuple[Any, str]]:
        """The value of each missing Fokus field, with where it came from."""
        meta = source.meta or {}
        missing = [key for key in ADOPTED_KEYS if key not in meta]
        derived: dict[str, tuple[Any, str]] = {}
        for key in missing:
            if key == "id":
                derived[key] = (next_id, "")
            elif key == "title":
                derived[key] = self._title(rel, source)
            elif key == "type":
                derived[key] = self._type(rel, source)
            elif key == "category":
                derived[key] = self._category(rel)
            elif key == "owner":
                owner = self._owner(rel, _final(derived, meta, "category"))
                if owner is None:
                    self.adoption.unowned.append(rel)
                    continue
                derived[key] = owner
            elif key == "reviewed":
                derived[key] = self._last_change(rel)
        if _final(derived, meta, "type") == "news" and "date" not in meta:
            derived["date"] = self._last_change(rel)  # news needs the date it announces
        return derived

    def _last_change(self, rel: str) -> tuple[dt.date, str]:
        date = self.git_dates.get(rel)
        return (date, "git log") if date else (self.options.today, "today")

    def _outline(self, rel: str, source: Source) -> Outline:
        if rel not in self.outlines:
            self.outlines[rel] = self.reader.outline(source.body)
        return self.outlines[rel]

    def _title(self, rel: str, source: Source) -> tuple[str, str]:
        heading = self._outline(rel, source).title
        if heading:
            return heading, "heading"
        nav_title = self.nav.page_title(rel)
        if nav_title:
            return nav_title, "nav"
        return title_from_file_name(rel), "file name"

    def _type(self, rel: str, source: Source) -> tuple[str, str]:
        if page_type_by_name(rel):
            return "faq", "faq by name"
        if mostly_questions(self._outline(rel, source)):
            return "faq", "faq by question headings"
        fallback = self.options.type_default
        return fallback, "--type-default" if fallback != "guide" else "guide by default"

    def _category(self, rel: str) -> tuple[str, str]:
        if "/" not in rel:
            return self.fallback_slug, f"`{self.fallback_slug}` for top-level pages"
        folder = rel.split("/")[0]
        if SLUG_RE.match(folder):
            return folder, "folder"
        return slugify_title(folder), "folder name made a slug"

    def _owner(self, rel: str, category: Any) -> tuple[str, str] | None:
        if self.options.owner:
            return self.options.owner, f'--owner "{self.options.owner}"'
        if isinstance(category, str) and category in self.area_owners:
            return self.area_owners[category], "categories.yml"
        if self.codeowners is not None:
            repo_path = Path(os.path.relpath((self.root / rel).resolve(),
                                             self.repo_top.resolve())).as_posix()
            owners = self.codeowners.owners_of(repo_path)
            if owners:
                where = self.codeowners.path.relative_to(self.repo_top).as_posix()
                return ", ".join(owners), where
        return None

    def _record(self, rel: str, source: Source, derived: dict[str, tuple[Any, str]]) -> None:
        before = (self.root / rel).read_bytes().decode("utf-8")
        newline = "\r\n" if before.split("\n", 1)[0].endswith("\r") else "\n"
        lines = [f"{key}: {_yaml_value(value)}{newline}" for key, (value, _) in derived.items()]
        closing = None if source.meta is None else source.body_line - 1
        after = _with_front_matter(before, lines, closing, newline)
        added = [f"{key} ({why})" if why else key for key, (_, why) in derived.items()]
        self.adoption.changes.append(FileChange(rel, before, after, added))
        meta = source.meta or {}
        self.adoption.types[str(_final(derived, meta, "type"))] += 1
        for key, (_, why) in derived.items():
            if why:
                self.adoption.count(key, why)
        if meta.get("description") and not meta.get("summary"):
            self.adoption.described += 1

    def _extend_categories(self, area_folders: dict[str, str | None]) -> None:
        path = self.root / CATEGORIES_FILE
        before = path.read_bytes().decode("utf-8", "replace") if path.exists() else ""
        declared = _declared_slugs(before)
        if declared is None:
            self.adoption.categories_problem = (
                "categories.yml: cannot be read, so no area was added to it")
            return
        new = [slug for slug in area_folders if slug not in declared]
        if not new:
            return
        nl = "\r\n" if "\r\n" in before else "\n"
        entries = []
        for slug in new:
            title, why = self._area_title(slug, area_folders[slug])
            entries += [f"- slug: {slug}", f"  title: {yaml_text(title)}"]
            if self.options.owner:
                entries.append(f"  owner: {yaml_text(self.options.owner)}")
            self.adoption.areas_added[why] += 1
        head = before if not before or before.endswith("\n") else before + nl
        if not before.strip():
            head += ("# Service areas. Those added by `fokus check --fix` are titled from their "
                     "folder's index page or the site's nav: check them." + nl)
        after = head + nl.join(entries) + nl
        if _declared_slugs(after) != declared | set(new):
            self.adoption.categories_problem = (
                "categories.yml: not a block list, so these areas must be added by hand: "
                + ", ".join(new))
            self.adoption.areas_added.clear()
            return
        self.adoption.changes.append(FileChange(CATEGORIES_FILE, before, after, new))

    def _area_title(self, slug: str, folder: str | None) -> tuple[str, str]:
        if folder is None:
            if slug == self.fallback_slug:
                return self.fallback_title, "fallback"
            return slug.replace("-", " ").capitalize(), "slug"
        index = f"{folder}/index.md"
        source, _ = (read_source(self.root, index) if (self.root / index).is_file()
                     else (None, []))
        if source is not None:
            title = (source.meta or {}).get("title")
            if isinstance(title, str) and title.strip():
                return title.strip(), "index.md title"
            heading = self._outline(index, source).title
            if heading:
                return heading, "index.md heading"
        section = self.nav.folder_title(folder)
        if section:
            return section, "nav section"
        return title_from_file_name(folder), "folder name"


def _final(derived: dict[str, tuple[Any, str]], meta: dict[str, Any], key: str) -> Any:
    """A field's value once the page is adopted: the derived one, else the one it had."""
    return derived[key][0] if key in derived else meta.get(key)


def _declared_slugs(text: str) -> set[str] | None:
    """The slugs a categories.yml declares, valid or not; None when it cannot be read."""
    try:
        data = yaml.safe_load(text) if text.strip() else []
    except yaml.YAMLError:
        return None
    if data is None:
        return set()
    if not isinstance(data, list):
        return None
    return {str(item["slug"]) for item in data if isinstance(item, dict) and "slug" in item}


def _tally(counter: Counter[str]) -> str:
    return ", ".join(f"{source} for {n}" for source, n in counter.most_common())


def _yaml_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return yaml_text(value) if isinstance(value, str) else str(value)


def _with_front_matter(text: str, lines: list[str], closing_line: int | None,
                       newline: str = "\n") -> str:
    """Add ``lines`` just above the closing `---` (1-based ``closing_line``), or put a new
    front matter block on top when the file has none (``closing_line`` is None)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rows = text.removeprefix("\ufeff").splitlines(keepends=True)
    if closing_line is None:
        return bom + FENCE + newline + "".join(lines) + FENCE + newline + "".join(rows)
    at = closing_line - 1
    return bom + "".join(rows[:at] + lines + rows[at:])
