"""The `fokus` plugin's options in mkdocs.yml, declared like MkDocs' own config options, and
what each one means: `fokus init` writes every option with its help (site_builder/starter.py)
and docs/configuration.md's table is generated from the same, so neither can drift."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .events import DEFAULT_TIME_ZONE
from .i18n import LANGUAGES
from .schema import is_time_zone
from .urls import MENU_ITEMS

DEFAULT_CORPUS_FILE = "corpus.json"

# A colour as CSS writes it (`#1f4e79`, `rebeccapurple`, `rgb(31 78 121 / 80%)`): nothing that
# could end the declaration or the stylesheet it goes into.
_CSS_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]+|(rgb|rgba|hsl|hsla)\([0-9.,%/ ]+\)")


class CssColour(c.Type):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not _CSS_COLOUR_RE.fullmatch(value.strip()):
            raise ValidationError(f"{value!r} is not a CSS colour such as \"#1f4e79\"")
        return value.strip()


class WebAddress(c.Type):
    """An http(s) address the pages link to; any other scheme (`javascript:`) is refused."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        parts = urlsplit(value)
        if value and (parts.scheme not in ("http", "https") or not parts.netloc):
            raise ValidationError(f"{value!r} is not an http:// or https:// address")
        return value


class Organisation(base.Config):
    # When set, replaces mkdocs.yml's `site_name`: name, logo and colours live in one place.
    name = c.Optional(c.Type(str))
    logo = c.Optional(c.Type(str))
    primary_color = CssColour("#1f4e79")
    accent_color = CssColour("#e07b00")


class Contact(base.Config):
    phone = c.Type(str, default="")
    email = c.Type(str, default="")
    hours = c.Type(str, default="")
    portal_url = WebAddress()
    portal_label = c.Type(str, default="")


class IsoDate(c.Type):
    """A `YYYY-MM-DD` date, checked when MkDocs loads the configuration."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if isinstance(value, dt.date):  # YAML reads an unquoted date as a date
            value = value.isoformat()
        text = super().run_validation(value)
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(f"{text!r} is not a date: write YYYY-MM-DD") from None
        return text


class Accessibility(base.Config):
    # The accessibility statement the law asks for (site_builder/pages.py writes it).
    report_to = c.Type(str, default="")
    reviewed = c.Optional(IsoDate())
    known_gaps = c.ListOfItems(c.Type(str), default=[])


class TimeZoneName(c.Type):
    """An IANA time zone name, checked when MkDocs loads the configuration."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        if not is_time_zone(name):
            raise ValidationError(f"unknown time zone {name!r}: use an IANA name such as "
                                  "'Europe/Stockholm' or 'UTC'")
        return name


class FokusConfig(base.Config):
    language = c.Choice(LANGUAGES, default="sv")
    organisation = c.SubConfig(Organisation)
    contact = c.SubConfig(Contact)
    accessibility = c.SubConfig(Accessibility)
    menu = c.ListOfItems(c.Choice(MENU_ITEMS), default=list(MENU_ITEMS))
    review_interval = c.Type(int, default=365)
    important = c.ListOfItems(c.Type(int), default=[])
    corpus_file = c.Type(str, default=DEFAULT_CORPUS_FILE)
    # Where the browser finds the search API: relative to the site root, or a full URL when
    # the service runs on another host.
    search_api = c.Type(str, default="api/")
    related_count = c.Type(int, default=5)
    latest_news_count = c.Type(int, default=5)
    # Events' and banners' times without a zone of their own are in this zone.
    time_zone = TimeZoneName(DEFAULT_TIME_ZONE)
    # Authors may write raw HTML in bodies (docs/security.md); a site that wants no markup
    # beyond what Markdown makes has bodies cleaned with nh3.
    sanitize_html = c.Type(bool, default=False)
    # The build date decides which reviews are overdue; tests pin it.
    today = c.Optional(c.Type(str))


@dataclass(frozen=True)
class OptionHelp:
    help: str
    # A value to show for an option whose default is empty or computed (`today`).
    example: Any = None
    # How the docs show a default that is not a plain value.
    shown_default: str | None = None


OPTION_HELP: dict[str, OptionHelp] = {
    "language": OptionHelp("`sv` or `en`: switches Material's texts and Fokus's own (menu, "
                           "labels, footer)"),
    "organisation.name": OptionHelp("the portal's name in the header and on the start page; "
                                    "replaces `site_name`", example="IT-support"),
    "organisation.logo": OptionHelp("path of a logo inside the content directory",
                                    example="assets/logo.svg"),
    "organisation.primary_color": OptionHelp("header, menu and footer colour: a CSS colour "
                                             "(`#1f4e79`, `teal`, `rgb(31 78 121)`); anything "
                                             "else is refused"),
    "organisation.accent_color": OptionHelp("link hover and accent colour, likewise"),
    "contact.phone": OptionHelp("the helpdesk's phone number, in every page's footer and on "
                                "the contact page", example="010-123 45 00"),
    "contact.email": OptionHelp("the helpdesk's e-mail address", example="servicedesk@example.org"),
    "contact.hours": OptionHelp("the helpdesk's opening hours", example="Mon–Fri 8–17"),
    "contact.portal_url": OptionHelp("link to the service portal (ticket form); the address "
                                     "must be `http://` or `https://`",
                                     example="https://service.example.org"),
    "contact.portal_label": OptionHelp("the service portal link's text",
                                       example="service.example.org"),
    "accessibility.report_to": OptionHelp("where readers report accessibility problems on the "
                                          "accessibility statement page: an e-mail address or "
                                          "an `https://` form; empty uses `contact.email`",
                                          example="tillganglighet@example.org"),
    "accessibility.reviewed": OptionHelp("the date (`YYYY-MM-DD`) the site's accessibility was "
                                         "last reviewed, shown in the statement; without it "
                                         "the statement says no review is recorded",
                                         example="2026-11-30"),
    "accessibility.known_gaps": OptionHelp("what does not yet meet EN 301 549 (WCAG 2.1 AA), "
                                           "one sentence each, listed in the statement; empty "
                                           "states full compliance",
                                           example=["Older PDF files are not tagged."]),
    "menu": OptionHelp("which top-menu entries to show, in order: "
                       + ", ".join(f"`{item}`" for item in MENU_ITEMS), shown_default="all six"),
    "review_interval": OptionHelp("days between reviews when an article sets no "
                                  "`review_interval`"),
    "important": OptionHelp("article ids to list among the most common tasks on the start "
                            "page, besides articles with `important: true`", example=[12, 31]),
    "corpus_file": OptionHelp("where the corpus is written, relative to `site_dir`; "
                              "`fokus serve`, `fokus index` and `fokus report` read it there"),
    "search_api": OptionHelp("where the browser finds the search and feedback API: relative to "
                             "the site root, or a full URL (`https://kb-api.example.se/api/`) "
                             "when the service runs on another host; then list the site in the "
                             "service's `FEEDBACK_ORIGINS`"),
    "related_count": OptionHelp("related articles shown under each article"),
    "latest_news_count": OptionHelp("news items on the start page"),
    "sanitize_html": OptionHelp("clean every article body and the start page's intro with "
                                "[nh3](https://nh3.readthedocs.io/): Markdown's output stays, raw "
                                "HTML such as scripts, event handlers, `javascript:` links, "
                                "styles, frames and forms is removed "
                                "([security.md](security.md))"),
    "time_zone": OptionHelp("the IANA time zone of events' and banners' times written without "
                            "one (an article's `timezone` overrides it); an unknown name stops "
                            "the build"),
    "today": OptionHelp("the date reviews are judged against (`YYYY-MM-DD`), and whose start "
                        "orders events and banners for readers without JavaScript; for tests "
                        "and previews", example="2026-01-31", shown_default="the build date"),
}


def declared_options(config_class: type[base.Config] = FokusConfig,
                     prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf option as (dotted name, default), in declaration order; a sub-section's
    options follow its name (`organisation.name`)."""
    for name, option in config_class._schema:
        if isinstance(option, c.SubConfig):
            yield from declared_options(option.config_class, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", option.default


def options_markdown() -> str:
    """The table of plugin options in docs/configuration.md (`fokus schema plugin`)."""
    lines = [
        "<!-- Generated from site_builder/config.py by `fokus schema plugin`; do not edit by "
        "hand. -->",
        "",
        "| option | default | meaning |",
        "| --- | --- | --- |",
    ]
    for name, default in declared_options():
        doc = OPTION_HELP[name]
        lines.append(f"| `{name}` | {_default_text(default, doc)} | {doc.help} |")
    return "\n".join(lines) + "\n"


def _default_text(default: Any, doc: OptionHelp) -> str:
    if doc.shown_default is not None:
        return doc.shown_default
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if default == "":
        return "empty"
    if default in (None, []):
        return "none"
    return f"`{default}`"
