"""The `fokus` plugin's options in mkdocs.yml, declared like MkDocs' own config options."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .i18n import LANGUAGES
from .urls import MENU_ITEMS

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


class FokusConfig(base.Config):
    language = c.Choice(LANGUAGES, default="sv")
    organisation = c.SubConfig(Organisation)
    contact = c.SubConfig(Contact)
    menu = c.ListOfItems(c.Choice(MENU_ITEMS), default=list(MENU_ITEMS))
    review_interval = c.Type(int, default=365)
    important = c.ListOfItems(c.Type(int), default=[])
    corpus_file = c.Type(str, default="corpus.json")
    # Where the browser finds the search API: relative to the site root, or a full URL when
    # the service runs on another host.
    search_api = c.Type(str, default="api/")
    related_count = c.Type(int, default=5)
    latest_news_count = c.Type(int, default=5)
    # Authors may write raw HTML in bodies (docs/security.md); a site that wants no markup
    # beyond what Markdown makes has bodies cleaned with nh3.
    sanitize_html = c.Type(bool, default=False)
    # The build date decides which reviews are overdue; tests pin it.
    today = c.Optional(c.Type(str))
