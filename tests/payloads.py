"""A knowledge base with script in every field an author or administrator fills in.

Each payload calls `pwn(<field>)` in the ways a value could escape its context: a tag in text,
a quote ending an attribute, `</title>` or `</script>` ending a raw-text element. A browser
test defines `pwn` and checks that no call ever happens; a static test checks that no such
markup reached the HTML. Every payload also carries `<b class="probe">`, which must show as
text, never as an element.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import Tree


def payload(field: str) -> str:
    """About 100 characters: for fields that allow them."""
    return (f"\"'><img src=x onerror=pwn('{field}')><b class=probe>{field}</b>"
            f"</title></script><script>pwn('{field}')</script>")


def short_payload(field: str) -> str:
    """For fields of at most 80 characters: an attribute break-out and an element."""
    return f"\"'><img src=x onerror=pwn('{field}')><b class=probe>{field}</b>"


TITLE = "Hjälp " + payload("title")
SUMMARY = "Sammanfattning " + payload("summary") + ' med "citat" & annat'
TAGS = ["<img src=x onerror=pwn('tag')>", "\"><svg onload=pwn('tag2')>"]
OWNER = short_payload("owner")
AREA_TITLE = "Konton " + short_payload("area")
AREA_ICON = "material/x" + short_payload("icon")
AREA_DESCRIPTION = "Beskrivning " + payload("area-description")
ORGANISATION = "Norrvik " + payload("organisation")
CONTACT = {
    "phone": "010 " + payload("phone"),
    "email": payload("email"),
    "hours": payload("hours"),
    "portal_url": "https://service.example.se/?q=\"><script>pwn('portal')</script>",
    "portal_label": payload("portal-label"),
}
# What an author writes into the front matter, and where else it shows.
FRONT_MATTER_VALUES = {"title": TITLE, "summary": SUMMARY, "owner": OWNER,
                       "tag": TAGS[0], "tag2": TAGS[1]}


def _article(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def write_hostile_kb(root: Path, *, sanitize: bool = False, site_url: str | None = None,
                     settings: dict[str, dict] | None = None) -> Tree:
    """A site where the payload article is shown everywhere it can be: its own page, the
    start page (important, news), listings, its area and tags, related articles, an archived
    article's successor banner, the search page. ``settings`` adds to the plugin's
    `organisation` and `contact` options."""
    settings = settings or {}
    plugin = {"language": "sv", "today": "2026-11-26", "review_interval": 365,
              "sanitize_html": sanitize,
              "organisation": {"name": ORGANISATION, **settings.get("organisation", {})},
              "contact": {**CONTACT, **settings.get("contact", {})}}
    config = {"site_name": "Testportalen", "docs_dir": "content", "site_dir": "site",
              "theme": {"name": "material"}, "plugins": [{"fokus": plugin}]}
    if site_url:
        config["site_url"] = site_url
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                     encoding="utf-8")
    kb = Tree(root / "content")
    kb.write("categories.yml", yaml.safe_dump([
        {"slug": "konton", "title": AREA_TITLE, "description": AREA_DESCRIPTION,
         "icon": AREA_ICON, "order": 1, "owner": OWNER},
    ], allow_unicode=True))
    common = {"category": "konton", "owner": OWNER, "reviewed": "2026-10-01"}
    kb.write("konton/farlig.md", _article(
        {"id": 7, "title": TITLE, "summary": SUMMARY, "type": "guide", "tags": TAGS,
         "important": True, **common},
        "Så här gör du.\n\n## Steg ett\n\nLogga in.\n"))
    kb.write("konton/nyhet.md", _article(
        {"id": 8, "title": payload("news"), "summary": SUMMARY,
         "type": "news", "date": "2026-11-20", "tags": TAGS, **common}, "Nytt.\n"))
    kb.write("konton/fragor.md", _article(
        {"id": 9, "title": payload("faq"), "summary": SUMMARY, "type": "faq",
         "tags": TAGS, **common},
        "Frågor.\n\n## Hur loggar jag in?\n\nMed ditt konto.\n"))
    kb.write("konton/gammal.md", _article(
        {"id": 10, "title": payload("archived"), "summary": SUMMARY,
         "type": "guide", "status": "archived", "replaced_by": 7, "tags": TAGS, **common},
        "Gammalt.\n"))
    # Keys MkDocs and Material read from front matter, passed on to the page untouched.
    kb.write("konton/material.md", _article(
        {"id": 11, "title": "Material", "description": payload("description"),
         "subtitle": payload("subtitle"), "icon": "material/x" + short_payload("page-icon"),
         "type": "guide", "tags": TAGS, **common}, "Text.\n"))
    return kb
