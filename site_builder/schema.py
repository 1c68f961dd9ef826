"""The one definition of page front matter, of articles and of service areas (categories).

Like MkDocs' ``config_options``, each field is declared once with its type, default and
description. The validator (`fokus check`, the build) and the generated reference in
``docs/front-matter.md`` both read these declarations, so they cannot drift apart.

A page keeps the front matter MkDocs and Material for MkDocs give it (`PAGE_FIELDS`, and
`title`, `tags` and `status` of `ARTICLE_FIELDS`). A page becomes a Fokus article when its front
matter holds at least one key only Fokus reads (`is_article`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import math
import re
import reprlib
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

ARTICLE_TYPES = ("handbook", "guide", "faq", "news", "event")
# What `fokus check --fix` may give a page it adopts: an event needs times only an author knows.
ADOPTABLE_TYPES = ("handbook", "guide", "faq", "news")
# A status banner on every page while `banner_until` has not passed.
BANNER_KINDS = ("incident", "maintenance")
STATUSES = ("draft", "published", "archived")
# Material for MkDocs' page status (a badge in the navigation). For Fokus both mean published.
MATERIAL_STATUSES = ("new", "deprecated")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Upper bounds for numbers: beyond them a value is a typo, and date arithmetic would overflow.
MAX_ID = 999_999
MAX_REVIEW_INTERVAL_DAYS = 3650
MAX_ORDER = 9999


class Invalid(ValueError):
    """A value does not fit its field. ``hint`` tells the author how to fix it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Unreadable:
    """A YAML value that could not be constructed (`!!int abc`): kept in place of the value so
    that the field, not the whole file, is reported, on the line of the bad node."""

    message: str
    line: int
    hint: str = ""


class FieldType:
    """Converts a YAML value to the field's Python value, or raises `Invalid`."""

    doc = ""

    def convert(self, value: Any) -> Any:
        raise NotImplementedError


class PositiveInt(FieldType):
    def __init__(self, maximum: int):
        self.maximum = maximum
        self.doc = f"positive integer, at most {maximum}"

    def convert(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a positive integer, got {_show(value)}",
                          "write a number like 42")
        if value < 1:
            raise Invalid(f"must be a positive integer, got {value}", "numbers start at 1")
        if value > self.maximum:
            raise Invalid(f"must be at most {self.maximum}, got {_show(value)}",
                          "check the number for a typo")
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
        if not isinstance(value, str) or value not in self.choices:
            raise Invalid(
                f"{_show(value)} is not one of {', '.join(self.choices)}",
                did_you_mean(str(value), self.choices) if isinstance(value, str) else "",
            )
        return value


class Slug(FieldType):
    doc = "slug: lowercase letters a-z, digits and hyphens"

    def convert(self, value: Any) -> str:
        if not isinstance(value, str) or not SLUG_RE.match(value):
            raise Invalid(
                f"{_show(value)} is not a slug",
                "use lowercase a-z, 0-9 and hyphens, for example `wi-fi`",
            )
        return value


class Date(FieldType):
    """A calendar date. The front-matter loader keeps YAML dates as text, so that an impossible
    one (`2026-02-30`) is reported here like any other bad value."""

    doc = "date, YYYY-MM-DD"

    def convert(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.datetime.fromisoformat(value.strip()).date()
            except ValueError as exc:
                reason = str(exc)
            if not reason.startswith("Invalid isoformat"):  # a date, but not one of the calendar
                raise Invalid(f"{_show(value)} is not a date ({reason})",
                              "check the day, the month and the time")
        raise Invalid(f"{_show(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2026-11-26")


class DateTime(FieldType):
    """A date and a time of day: local time in the article's `timezone` (or the site's
    `time_zone`), or with an explicit offset. Kept as written (naive or not); events.py
    places it in its zone."""

    doc = "date and time, `YYYY-MM-DD HH:MM` (or with an offset, `2026-12-10T09:00+01:00`)"

    def convert(self, value: Any) -> dt.datetime:
        text = value.strip() if isinstance(value, str) else ""
        if _ISO_DATE_RE.fullmatch(text):
            raise Invalid(f"{_show(value)} has no time of day",
                          f"add the time, e.g. `{text} 09:00`")
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError as exc:
            reason = str(exc)
        if text and not reason.startswith("Invalid isoformat"):
            raise Invalid(f"{_show(value)} is not a date and time ({reason})",
                          "check the day, the month and the time")
        raise Invalid(f"{_show(value)} is not a date and time",
                      "write it as YYYY-MM-DD HH:MM, e.g. 2026-12-10 09:00")


class TimeZone(Text):
    doc = "IANA time zone, e.g. `Europe/Stockholm`"

    def convert(self, value: Any) -> str:
        name = super().convert(value)
        if not is_time_zone(name):
            raise Invalid(f"unknown time zone {_show(name)}",
                          did_you_mean(name, _time_zones())
                          or "use an IANA name such as `Europe/Stockholm` or `UTC`")
        return name


def is_time_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


class Url(Text):
    doc = "web address, `https://…`"

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if not re.match(r"^https?://[^\s/]+", text, re.I):
            raise Invalid(f"{_show(text)} is not a web address",
                          "write the whole address, starting with https://")
        return text


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
            raise Invalid(f"{_show(text)} is not a path inside the site",
                          "write a path of this site, without `..` or `://`")
        return text


class TemplateName(Text):
    doc = "template file of the theme, e.g. `main.html`"

    def convert(self, value: Any) -> str:
        text = super().convert(value)
        if text.startswith("/") or ".." in text.split("/"):
            raise Invalid(f"{_show(text)} is not a file of the theme",
                          "name a template of the theme or its `custom_dir`, like `main.html`")
        return text


class SearchSettings(FieldType):
    doc = "`exclude: true` and/or `boost: <number>`"

    def convert(self, value: Any) -> dict:
        if not isinstance(value, dict):
            raise Invalid(f"must be `key: value` lines, got {_show(value)}",
                          "for example `search: {exclude: true}`")
        if "exclude" in value and not isinstance(value["exclude"], bool):
            raise Invalid(f"exclude must be true or false, got {_show(value['exclude'])}")
        boost = value.get("boost", 1)
        if isinstance(boost, bool) or not isinstance(boost, int | float) or not boost > 0:
            raise Invalid(f"boost must be a positive number, got {_show(boost)}",
                          "for example `search: {boost: 2}`")
        return value


@dataclass(frozen=True)
class Field:
    key: str
    type: FieldType
    description: str
    example: Any  # in Swedish, the default content language
    required: bool = False
    default: Any = None
    required_for_types: tuple[str, ...] = ()
    # A missing optional field that should still be there gives a warning, not an error.
    warn_if_missing: bool = False
    default_factory: Callable[[], Any] | None = field(default=None, repr=False)
    example_en: Any = None  # the example in an English tree, where it differs
    # MkDocs or Material for MkDocs read this key too: alone it does not make a page an article.
    mkdocs: bool = False
    # When this field is missing, the value of that field is taken instead.
    fallback: str | None = None

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory else self.default

    def example_for(self, language: str) -> Any:
        return self.example_en if language == "en" and self.example_en is not None else self.example


ARTICLE_FIELDS: tuple[Field, ...] = (
    Field("id", PositiveInt(MAX_ID), "The KB number: unique, never reused, shown as KB-0042.",
          42, required=True),
    Field("title", Text(120), "The article's title, as readers search for it. MkDocs reads it "
          "too; a page without it takes its first heading.",
          "Återställ ditt lösenord", required=True, example_en="Reset your password",
          mkdocs=True),
    Field("summary", Text(300), "One sentence saying what the article helps with; when it is "
          "missing, `description` is the summary.",
          "Så byter du ett glömt eller utgånget lösenord.", warn_if_missing=True,
          example_en="How to change a forgotten or expired password.", fallback="description"),
    Field("type", Choice(ARTICLE_TYPES),
          "handbook, guide (step by step), faq (questions as `##` headings), news (service "
          "announcements) or event (briefings, courses, maintenance windows: with `start`, "
          "`end` and a `place` or an `online` link).", "guide", required=True),
    Field("category", Slug(), "The service area: a slug declared in `content/categories.yml`.",
          "konton", required=True, example_en="accounts"),
    Field("tags", ListOf(Text(40)), "Keywords readers might use (Material's tags plugin reads "
          "them too).", ["lösenord", "konto"], default_factory=list,
          example_en=["password", "account"], mkdocs=True),
    Field("owner", Text(80), "The team or role accountable for the article.", "Servicedesk",
          required=True, example_en="Service desk"),
    Field("reviewed", Date(), "When the owner last checked that the article is right.",
          "2026-10-01", required=True),
    Field("review_interval", PositiveInt(MAX_REVIEW_INTERVAL_DAYS),
          "Days until the next review is due; default from configuration (`review_interval`).",
          180),
    Field("status", Choice(STATUSES + MATERIAL_STATUSES),
          "draft (never published), published, or archived (banner, links to successor). "
          "Material's page status `new` or `deprecated` means published, and Material shows "
          "its badge.", "published", default="published", mkdocs=True),
    Field("aliases", ListOf(Path()), "Old paths that must keep working; they redirect here.",
          ["konton/glomt-losenord/"], default_factory=list,
          example_en=["accounts/forgotten-password/"]),
    Field("replaced_by", PositiveInt(MAX_ID), "Id of the article that supersedes this one.", 57),
    Field("date", Date(), "Date of the announcement; required for news. An event's date is "
          "the day it starts.", "2026-12-03", required_for_types=("news",)),
    Field("start", DateTime(), "When the event starts, in its `timezone`.", "2026-12-10 09:00",
          required_for_types=("event",)),
    Field("end", DateTime(), "When the event ends: after `start`.", "2026-12-10 10:30",
          required_for_types=("event",)),
    Field("timezone", TimeZone(64), "Time zone of `start`, `end` and `banner_until`; default "
          "the plugin's `time_zone` (Europe/Stockholm).", "Europe/Stockholm"),
    Field("place", Text(200), "Where the event is held; an event needs a `place`, an `online` "
          "link or both.", "Utbildningssalen, plan 1, Storgatan 12",
          example_en="Training room, floor 1, 12 High Street"),
    Field("online", Url(500), "Link to join the event online (Teams, Zoom).",
          "https://teams.microsoft.com/l/meetup-join/…"),
    Field("registration", Url(500), "Link where readers sign up for the event.",
          "https://service.norrvik.se/utbildning"),
    Field("banner", Choice(BANNER_KINDS), "A status banner on every page, linking here, until "
          "`banner_until`: incident (Driftstörning) or maintenance (Planerat underhåll).",
          "incident"),
    Field("banner_until", DateTime(), "When the banner disappears by itself (in the reader's "
          "browser, without a rebuild); required with `banner`.", "2026-12-10 17:00"),
    Field("important", Boolean(), "Show the article among the most important tasks on the start "
          "page.", True, default=False),
)

# Keys MkDocs and Material for MkDocs give a page. Fokus checks their form (a wrong one would
# break the theme's templates) and passes them on untouched.
PAGE_FIELDS: tuple[Field, ...] = (
    Field("description", Text(300), "The page's meta description (MkDocs, Material); an "
          "article's summary when `summary` is missing.",
          "Så byter du ett glömt eller utgånget lösenord.", mkdocs=True,
          example_en="How to change a forgotten or expired password."),
    Field("hide", ListOf(Text(40)), "Parts of the page Material hides: `navigation`, `toc`, "
          "`footer`, `path`, `tags`, `feedback`.", ["toc"], mkdocs=True),
    Field("search", SearchSettings(), "Material's search settings for the page.",
          {"exclude": True}, mkdocs=True),
    Field("template", TemplateName(200), "The theme template the page is rendered with.",
          "main.html", mkdocs=True),
    Field("icon", Text(80), "Material icon shown next to the page's title.",
          "material/account-key", mkdocs=True),
    Field("subtitle", Text(200), "Material's subtitle in the navigation.", "Steg för steg",
          mkdocs=True, example_en="Step by step"),
    Field("comments", Boolean(), "Material's comment system on this page.", True, mkdocs=True),
)

CATEGORY_FIELDS: tuple[Field, ...] = (
    Field("slug", Slug(), "Identifier, used in URLs and in articles' `category`.", "konton",
          required=True, example_en="accounts"),
    Field("title", Text(80), "Name shown in menus and on the start page.",
          "Konton och lösenord", required=True, example_en="Accounts and passwords"),
    Field("description", Text(300), "One sentence shown on the start page.",
          "Inloggning, lösenord och MFA.", default="",
          example_en="Sign-in, passwords and MFA."),
    Field("icon", Text(80), "Material icon name.", "material/account-key",
          default="material/folder-outline"),
    Field("order", PositiveInt(MAX_ORDER), "Position on the start page.", 1, default=999),
    Field("owner", Text(80), "Default owner for new articles in the area.", "Servicedesk",
          default="", example_en="Service desk"),
)

ARTICLE_KEYS = {f.key: f for f in ARTICLE_FIELDS}
PAGE_KEYS = {f.key: f for f in PAGE_FIELDS}
FRONT_MATTER_FIELDS = ARTICLE_FIELDS + PAGE_FIELDS
FRONT_MATTER_KEYS = {f.key: f for f in FRONT_MATTER_FIELDS}
CATEGORY_KEYS = {f.key: f for f in CATEGORY_FIELDS}
# Keys only Fokus reads: one of them makes a page an article.
FOKUS_ONLY_KEYS = frozenset(f.key for f in ARTICLE_FIELDS if not f.mkdocs)


def is_article(meta: Mapping[str, Any]) -> bool:
    """A page is a Fokus article when its front matter has a key only Fokus reads, or a Fokus
    `status`; with MkDocs' and Material's keys alone (or none) it is a plain page."""
    return (any(key in FOKUS_ONLY_KEYS for key in meta)
            or (isinstance(meta.get("status"), str) and meta["status"] in STATUSES))


def fokus_status(status: str) -> str:
    """Fokus's status for a valid `status` value: Material's `new` and `deprecated` are
    published pages."""
    return "published" if status in MATERIAL_STATUSES else status


@dataclass
class FieldProblem:
    field: str
    message: str
    hint: str = ""
    warning: bool = False
    line: int | None = None  # the line of a bad YAML node, when it is not the key's


def validate_mapping(
    data: Mapping[str, Any], fields: tuple[Field, ...], *, required: bool = True,
    language: str = "sv", examples: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Convert every declared field, collecting every problem instead of stopping at the first.

    With ``required`` False (a plain page), missing fields are not problems. Hints show
    ``examples`` (taken from the file by the caller) before the schema's example in
    ``language``."""
    known = {f.key: f for f in fields}
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for key in data:
        if key not in known:
            problems.append(FieldProblem(
                str(key), "is not a known field", did_you_mean(str(key), known), warning=True))
    for spec in fields:
        if _present(data, spec.key):
            try:
                values[spec.key] = _convert(spec, data[spec.key])
            except Invalid as exc:
                line = data[spec.key].line if isinstance(data[spec.key], Unreadable) else None
                problems.append(FieldProblem(spec.key, exc.message, exc.hint, line=line))
            continue
        values[spec.key] = spec.default_value()
        fallback = known.get(spec.fallback or "")
        if fallback is not None and _present(data, fallback.key):
            with contextlib.suppress(Invalid):  # reported under the fallback field itself
                values[spec.key] = _convert(spec, data[fallback.key])
            continue
        needed = spec.required or data.get("type") in spec.required_for_types
        if not required or not (needed or spec.warn_if_missing):
            continue
        example = _example((examples or {}).get(spec.key, spec.example_for(language)))
        if needed:
            why = f" for type {data.get('type')}" if spec.required_for_types else ""
            problems.append(FieldProblem(
                spec.key, f"is required{why}", f"add `{spec.key}: {example}`"))
        else:
            problems.append(FieldProblem(
                spec.key, "is missing", f"add `{spec.key}: {example}`", warning=True))
    return values, problems


def _present(data: Mapping[str, Any], key: str) -> bool:
    return key in data and data[key] is not None


def _convert(spec: Field, value: Any) -> Any:
    if isinstance(value, Unreadable):
        raise Invalid(value.message, value.hint)
    return spec.type.convert(value)


def did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


def yaml_text(value: str, *, in_flow: bool = False) -> str:
    """``value`` written as a YAML scalar on one line: plain when YAML reads it back as the
    same text (inside ``[...]`` too when ``in_flow``), else double-quoted with YAML's own
    escapes. Dates stay plain: Fokus reads them as text."""
    if _ISO_DATE_RE.fullmatch(value) or (
            value and value == value.strip() and len(value.splitlines()) == 1
            and _reads_back(value, in_flow)):
        return value
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=math.inf).strip()


def _reads_back(plain: str, in_flow: bool) -> bool:
    text = f"k: [{plain}]" if in_flow else f"k: {plain}"
    try:
        return yaml.safe_load(text) == {"k": [plain] if in_flow else plain}
    except yaml.YAMLError:
        return False


def _example(example: Any) -> str:
    if isinstance(example, list):
        return "[" + ", ".join(yaml_text(str(item), in_flow=True) for item in example) + "]"
    if isinstance(example, dict):
        return "{" + ", ".join(f"{k}: {_example(v)}" for k, v in example.items()) + "}"
    if isinstance(example, bool):
        return "true" if example else "false"
    if isinstance(example, str):
        return yaml_text(example)
    return str(example)


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 2, 4, 4


def _show(value: Any) -> str:
    """A short, bounded rendering of a value for a message, whatever its size or depth."""
    if isinstance(value, str):
        return _REPR.repr(value)
    return f"{type(value).__name__} {_REPR.repr(value)}"



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
        "## MkDocs and Material fields",
        "",
        "Every page keeps the front matter MkDocs and Material for MkDocs give it: `title`, "
        "`tags` and `status` above, and the fields below. Fokus checks their form and passes "
        "them on to the theme; keys no one knows are passed on too, with one warning per key "
        "for the whole tree.",
        "",
        "A page is a Fokus article when its front matter has at least one field only Fokus "
        "reads: " + ", ".join(f"`{f.key}`" for f in ARTICLE_FIELDS if not f.mkdocs)
        + ", or a `status` of " + ", ".join(f"`{s}`" for s in STATUSES) + ". A page with "
        "only MkDocs' and Material's fields, or none, is a plain page: it builds, can be linked "
        "to and takes its title from `title` or its first heading; `fokus check --fix` makes "
        "it an article.",
        "",
        "`status` serves both: " + ", ".join(f"`{s}`" for s in STATUSES) + " are Fokus's; "
        "Material's " + " and ".join(f"`{s}`" for s in MATERIAL_STATUSES) + " mean published "
        "for Fokus and are passed on, so Material shows its badge.",
        "",
        "| field | type | required | default | description | example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [_row(f) for f in PAGE_FIELDS]
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
    if spec.fallback and not default_text:
        default_text = f"`{spec.fallback}`"
    return (f"| `{spec.key}` | {spec.type.doc} | {required} | {default_text} | "
            f"{spec.description} | `{_example(spec.example)}` |")


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
