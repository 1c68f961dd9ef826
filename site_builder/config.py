"""The `fokus` plugin's options in mkdocs.yml, declared like MkDocs' own config options."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .i18n import LANGUAGES
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
    # The build date decides which reviews are overdue; tests pin it.
    today = c.Optional(c.Type(str))
