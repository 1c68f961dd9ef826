"""The one definition of article front matter and of service areas (categories).

Like MkDocs' ``config_options``, each field is declared once with its type, default and
description. The validator (`fokus check`, the build) and the generated reference in
``docs/front-matter.md`` both read these declarations, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

ARTICLE_TYPES = ("handbook", "guide", "faq", "news")
STATUSES = ("draft", "published", "archived")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(ValueError):
    """A value does not fit its field. ``hint`` tells the author how to fix it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


class FieldType:
    """Converts a YAML value to the field's Python value, or raises `Invalid`."""

    doc = ""

    def convert(self, value: Any) -> Any:
        raise NotImplementedError


class PositiveInt(FieldType):
    doc = "positive integer"

    def convert(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a positive integer, got {_show(value)}",
                          "write a number like 42")
        if value < 1:
            raise Invalid(f"must be a positive integer, got {value}", "numbers start at 1")
        return value


class Text(FieldType):
    doc = "text on one line"

    def __init__(self, max_length: int = 200):
        self.max_length = max_length

    def convert(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"must be text, got {_show(value)}", "put the text in quotes")
        text = value.strip()
        if not text:
            raise Invalid("must not be empty")
        if "\n" in text:
            raise Invalid("must be on one line")
        if len(text) > self.max_length:
            raise Invalid(
                f"is {len(text)} characters long, at most {self.max_length} are allowed",
                "shorten it",
            )
        return text


class Choice(FieldType):
    def __init__(self, choices: tuple[str, ...]):
        self.choices = choices
        self.doc = "one of " + ", ".join(f"`{c}`" for c in choices)

    def convert(self, value: Any) -> str:
        if value not in self.choices:
            raise Invalid(
                f"{_show(value)} is not one of {', '.join(self.choices)}",
                did_you_mean(str(value), self.choices),
            )
        return value


class Slug(FieldType):
    doc = "slug: lowercase letters a-z, digits and hyphens"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or not SLUG_RE.match(value):
            raise Invalid(
                f"{_show(value)} is not a slug",
                "use lowercase a-z, 0-9 and hyphens, for example `e-post`",
            )
        return value


class Date(FieldType):
    doc = "date, YYYY-MM-DD"

    def convert(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise Invalid(f"{_show(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2026-11-26")


class Boolean(FieldType):
    doc = "`true` or `false`"

    def convert(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid(f"must be true or false, got {_show(value)}")
        return value


class ListOf(FieldType):
    def __init__(self, item: FieldType):
        self.item = item
        self.doc = f"list of {item.doc}"

    def convert(self, value: Any) -> list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise Invalid(f"must be a list, got {_show(value)}", "write it as [a, b]")
        out = []
        for index, item in enumerate(value, start=1):
            try:
                out.append(self.item.convert(item))
            except Invalid as exc:
                raise Invalid(f"item {index} {exc.message}", exc.hint) from None
        return out


class Path(Text):
    doc = "site path, e.g. `konton/gammal-sida/`"

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if "://" in text or ".." in text.split("/"):
            raise Invalid(f"{text!r} is not a path inside the site", "write it like `konton/x/`")
        return text


@dataclass(frozen=True)
class Field:
    key: str
    type: FieldType
    description: str
    example: Any
    required: bool = False
    default: Any = None
    required_for_types: tuple[str, ...] = ()
    # A missing optional field that should still be there gives a warning, not an error.
    warn_if_missing: bool = False
    default_factory: Callable[[], Any] | None = field(default=None, repr=False)

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory else self.default


ARTICLE_FIELDS: tuple[Field, ...] = (
    Field("id", PositiveInt(), "The KB number: unique, never reused, shown as KB-0042.", 42,
          required=True),
    Field("title", Text(120), "The article's title, as readers search for it.",
          "Återställ ditt lösenord", required=True),
    Field("summary", Text(300), "One sentence saying what the article helps with.",
          "Så byter du ett glömt eller utgånget lösenord.", warn_if_missing=True),
    Field("type", Choice(ARTICLE_TYPES),
          "handbook, guide (step by step), faq (questions as `##` headings) or news "
          "(service announcements, briefings, events).", "guide", required=True),
    Field("category", Slug(), "The service area: a slug declared in `content/categories.yml`.",
          "konton", required=True),
    Field("tags", ListOf(Text(40)), "Keywords readers might use.", ["lösenord", "konto"],
          default_factory=list),
    Field("owner", Text(80), "The team or role accountable for the article.", "Servicedesk",
          required=True),
    Field("reviewed", Date(), "When the owner last checked that the article is right.",
          "2026-10-01", required=True),
    Field("review_interval", PositiveInt(),
          "Days until the next review is due; default from configuration (`review_interval`).",
          180),
    Field("status", Choice(STATUSES),
          "draft (never published), published, or archived (banner, links to successor).",
          "published", default="published"),
    Field("aliases", ListOf(Path()), "Old paths that must keep working; they redirect here.",
          ["konton/glomt-losenord/"], default_factory=list),
    Field("replaced_by", PositiveInt(), "Id of the article that supersedes this one.", 57),
    Field("date", Date(), "Date of the announcement or event; required for news.",
          "2026-12-03", required_for_types=("news",)),
    Field("important", Boolean(), "Show the article among the most important tasks on the start "
          "page.", True, default=False),
)

CATEGORY_FIELDS: tuple[Field, ...] = (
    Field("slug", Slug(), "Identifier, used in URLs and in articles' `category`.", "konton",
          required=True),
    Field("title", Text(80), "Name shown in menus and on the start page.",
          "Konton och lösenord", required=True),
    Field("description", Text(300), "One sentence shown on the start page.",
          "Inloggning, lösenord och MFA.", default=""),
    Field("icon", Text(80), "Material icon name.", "material/account-key",
          default="material/folder-outline"),
    Field("order", PositiveInt(), "Position on the start page.", 1, default=999),
    Field("owner", Text(80), "Default owner for new articles in the area.", "Servicedesk",
          default=""),
)

ARTICLE_KEYS = {f.key: f for f in ARTICLE_FIELDS}
CATEGORY_KEYS = {f.key: f for f in CATEGORY_FIELDS}


@dataclass
class FieldProblem:
    field: str
    message: str
    hint: str = ""
    warning: bool = False


def validate_mapping(
    data: Mapping[str, Any], fields: tuple[Field, ...]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Convert every declared field, collecting every problem instead of stopping at the first."""
    known = {f.key: f for f in fields}
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for key in data:
        if key not in known:
            problems.append(FieldProblem(
                str(key), "is not a known field", did_you_mean(str(key), known), warning=True))
    for spec in fields:
        if spec.key in data and data[spec.key] is not None:
            try:
                values[spec.key] = spec.type.convert(data[spec.key])
            except Invalid as exc:
                problems.append(FieldProblem(spec.key, exc.message, exc.hint))
            continue
        values[spec.key] = spec.default_value()
        needed = spec.required or data.get("type") in spec.required_for_types
        if needed:
            why = f" for type {data.get('type')}" if spec.required_for_types else ""
            problems.append(FieldProblem(
                spec.key, f"is required{why}", f"add `{spec.key}: {_example(spec)}`"))
        elif spec.warn_if_missing:
            problems.append(FieldProblem(
                spec.key, "is missing", f"add `{spec.key}: {_example(spec)}`", warning=True))
    return values, problems


def did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def _example(spec: Field) -> str:
    if isinstance(spec.example, list):
        return "[" + ", ".join(spec.example) + "]"
    if isinstance(spec.example, bool):
        return "true" if spec.example else "false"
    return str(spec.example)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return f"{type(value).__name__} {value!r}"


def reference_markdown() -> str:
    """The front-matter reference in ``docs/front-matter.md``, generated from the schema."""
    lines = [
        "# Front matter reference",
        "",
        "<!-- Generated from site_builder/schema.py by `fokus schema`; do not edit by hand. -->",
        "",
        "## Article fields",
        "",
        "| field | type | required | default | description | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [_row(f) for f in ARTICLE_FIELDS]
    lines += [
        "",
        "## Service areas (`content/categories.yml`)",
        "",
        "A YAML list; each entry has these fields.",
        "",
        "| field | type | required | default | description | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [_row(f) for f in CATEGORY_FIELDS]
    lines += ADOPTING_SECTION.splitlines()
    return "\n".join(lines) + "\n"


def _row(spec: Field) -> str:
    if spec.required:
        required = "yes"
    elif spec.required_for_types:
        required = "for " + ", ".join(spec.required_for_types)
    else:
        required = "no"
    default = spec.default_value()
    default_text = "" if default in (None, "", []) else f"`{_example_value(default)}`"
    return (f"| `{spec.key}` | {spec.type.doc} | {required} | {default_text} | "
            f"{spec.description} | `{_example(spec)}` |")


def _example_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# The end of docs/front-matter.md: what `fokus check --fix` (site_builder/fix.py) derives.
ADOPTING_SECTION = """
## Adopting an existing MkDocs site

An organisation's own MkDocs or Material for MkDocs site becomes a Fokus knowledge base in
place: keep its `mkdocs.yml` (plugins, Markdown extensions, `nav`), add `- fokus` to its
`plugins` (`language: en` for English content), then run

```sh
fokus check --fix --dry-run --owner "Helpdesk"   # every change as a diff; nothing written
fokus check --fix --owner "Helpdesk"             # write it, then check the tree
```

For each page, `--fix` adds the fields it lacks, in this order of sources:

| field | derived from |
| --- | --- |
| `id` | the next free KB number: above every id in use and every id in `retired.yml` |
| `title` | the page's first `#` heading as plain text, as MkDocs renders it with the site's \
extensions (markup, escapes and invisible characters dropped; `#` lines in code blocks and \
comments are not headings); else the page's title in `nav`; else the file name (an \
`index.md` is named after its folder) |
| `type` | `faq` when a folder or the file is named for FAQ or troubleshooting (`faq/`, \
`faq.md`, `vpn-faq.md`, `troubleshooting.md`, `known-issues/`, \
`frequently-asked-questions.md`) or when most of the page's section headings (at least two) \
are questions ending in `?`; else `guide`, or the type `--type-default TYPE` gives |
| `category` | the top folder, made a slug if it is not one (`User Guide` becomes \
`user-guide`); pages at the top of the tree go to `general` (`ovrigt` in Swedish) |
| `owner` | `--owner NAME`; else the service area's `owner` in `categories.yml`; else the \
`CODEOWNERS` file (in `.github/`, the repository root or `docs/`; the last matching pattern \
wins). When some page has none of these, `--fix` says how many and stops, writing nothing |
| `reviewed` | the date of the file's last commit (one `git log` for the whole tree), or \
today when the tree is not in git or the file is not committed |
| `date` | news only (`--type-default news`): as `reviewed` |

`summary` is not written: Material's `description` serves as the summary of a page that has
one. Service areas that `categories.yml` does not declare are appended to it, existing
entries and comments kept: titled from the folder's `index.md` (its `title` or first
heading), else the `nav` section that lists most of the folder's pages, else the folder name,
and owned by `--owner` when given.

**What it never touches**: a page's body (lines are only added to the front matter, just above
its closing `---`, or as a new block on top); every front-matter line already there (Material's
`hide`, `description`, `status`, `tags`, ...), and every value already set, even a wrong one,
which `fokus check` then reports; the root `index.md`, which stays the start page's
introduction (unless its front matter already has Fokus fields such as `id`); a page whose
front matter cannot be read, and a symbolic link (its target is adopted): both are listed as
`left alone`.

The last line says where every value came from, naming each fallback, for example (one line,
wrapped here):

```text
Adopted 108 pages (97 guide, 11 faq); title: heading for 105, nav for 3; type: guide by
default for 97, faq by name for 10, faq by question headings for 1; category: folder for 108;
owner: --owner "Helpdesk" for 108; reviewed: git log for 100, today for 8; summary:
description for 3; categories.yml: 9 areas added (title: index.md heading for 6, nav section
for 3); index.md: kept as the start page's introduction
```

Each file's own line says the same for its fields. A second `--fix` changes nothing; run it
again when pages are added.

**What to check after**: titles from `nav` or the `file name`; pages typed `faq by question
headings` or `guide by default`; the new areas in `categories.yml` (titles, and add `order`,
`icon`, `description`); `reviewed` dates from `today` or from git (a commit is not a review:
old dates warn that a review is due); the pages without a summary. Then run `fokus check` and
`fokus build`: what remains are the pages' own problems, such as broken links.
"""
