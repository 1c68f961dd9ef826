"""The `fokus` plugin's options in mkdocs.yml, declared like MkDocs' own config options."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .events import DEFAULT_TIME_ZONE
from .i18n import LANGUAGES
from .schema import is_time_zone
from .urls import MENU_ITEMS


class Organisation(base.Config):
    # When set, replaces mkdocs.yml's `site_name`: name, logo and colours live in one place.
    name = c.Optional(c.Type(str))
    logo = c.Optional(c.Type(str))
    primary_color = c.Type(str, default="#1f4e79")
    accent_color = c.Type(str, default="#e07b00")


class Contact(base.Config):
    phone = c.Type(str, default="")
    email = c.Type(str, default="")
    hours = c.Type(str, default="")
    portal_url = c.Type(str, default="")
    portal_label = c.Type(str, default="")


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
    menu = c.ListOfItems(c.Choice(MENU_ITEMS), default=list(MENU_ITEMS))
    review_interval = c.Type(int, default=365)
    important = c.ListOfItems(c.Type(int), default=[])
    corpus_file = c.Type(str, default="corpus.json")
    # Where the browser finds the search API: relative to the site root, or a full URL when
    # the service runs on another host.
    search_api = c.Type(str, default="api/")
    related_count = c.Type(int, default=5)
    latest_news_count = c.Type(int, default=5)
    # Events' and banners' times without a zone of their own are in this zone.
    time_zone = TimeZoneName(DEFAULT_TIME_ZONE)
    # The build date decides which reviews are overdue; tests pin it.
    today = c.Optional(c.Type(str))
