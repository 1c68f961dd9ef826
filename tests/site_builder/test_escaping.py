"""Nothing an author writes in front matter, nor an administrator in the settings, becomes
markup: every value is escaped in every template, attribute and JSON block of every page.

The built HTML is read with the standard library's HTML parser, as a browser tokenises it; the
browser test (tests/e2e/test_security_browser.py) checks that no script runs."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError

from site_builder.build import build_site

from ..payloads import FRONT_MATTER_VALUES, ORGANISATION, SUMMARY, TITLE, write_hostile_kb

JSON_BLOCKS = {"fokus-strings", "fokus-areas", "fokus-paths", "__config"}


class Page(HTMLParser):
    """What a browser would make of one page: its elements, and the text of some of them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        for tag in set(self._open[-1:]) | ({"title"} & set(self._open)):
            self.texts.setdefault(tag, []).append(data)

    def text_of(self, tag: str) -> str:
        return "".join(self.texts.get(tag, []))

    def meta(self, name: str) -> str | None:
        return next((a.get("content") for t, a in self.elements
                     if t == "meta" and a.get("name") == name), None)

    def problems(self) -> list[str]:
        """Markup no front matter or setting may produce."""
        found = []
        for tag, attrs in self.elements:
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"<{tag} {name}={value!r}>")
                if (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}={value!r}>")
            if "probe" in (attrs.get("class") or "").split():
                found.append(f"<{tag} class=probe>")
            data = attrs.get("type") == "application/json" and attrs.get("id") in JSON_BLOCKS
            if tag == "script" and not attrs.get("src") and not data:
                found.append(f"inline <script {attrs}>")
        return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_kb(root)
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def read(site: Path, rel: str) -> Page:
    return Page((site / rel).read_text(encoding="utf-8"))


def test_no_page_turns_a_value_into_markup(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) >= 20  # articles, short links, listings, area, tags, search, contact, 404
    problems = {p.relative_to(hostile_site).as_posix(): Page(p.read_text("utf-8")).problems()
                for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_values_show_as_the_text_the_author_wrote(hostile_site):
    article = read(hostile_site, "konton/farlig/index.html")
    assert article.text_of("h1") == TITLE
    assert article.text_of("title") == f"{TITLE} - {ORGANISATION}"
    # A summary with quotes and `">` neither breaks out of the attribute nor loses a character.
    assert article.meta("description") == SUMMARY
    shown = (hostile_site / "konton/farlig/index.html").read_text("utf-8")
    for value in FRONT_MATTER_VALUES.values():
        assert value not in shown  # only ever escaped
    start = read(hostile_site, "index.html")
    assert any(TITLE in text for text in start.texts.get("a", []))


def test_every_page_with_the_article_names_it_only_as_text(hostile_site):
    """Start page (important, news), listing, area, tag pages, tag index, related and the
    archived article's banner: the title is there, always as text."""
    for rel in ("index.html", "guider/index.html", "konton/index.html", "taggar/index.html",
                "konton/gammal/index.html", "konton/nyhet/index.html"):
        page = read(hostile_site, rel)
        assert page.problems() == [], rel
        texts = [t for ts in page.texts.values() for t in ts]
        assert any("pwn(" in t for t in texts), f"{rel} should show a payload as text"


def test_json_blocks_cannot_be_ended_by_a_value(hostile_site):
    for path in html_pages(hostile_site):
        html = path.read_text("utf-8")
        for block in JSON_BLOCKS:
            marker = f'<script id="{block}" type="application/json">'
            if marker in html:
                body = html.split(marker, 1)[1].split("</script>", 1)[0]
                json.loads(body)
                assert "<" not in body


def test_sanitize_html_cleans_bodies_and_keeps_what_markdown_writes(tmp_path):
    kb = write_hostile_kb(tmp_path, sanitize=True)
    kb.write("konton/rahtml.md", RAW_HTML_ARTICLE)
    kb.write("index.md", "Hej <script>pwn('intro')</script>\n\n**Fetstil** i inledningen.\n")
    build_site(str(tmp_path / "mkdocs.yml"))
    site = tmp_path / "site"
    page = read(site, "konton/rahtml/index.html")
    assert page.problems() == []
    html = (site / "konton/rahtml/index.html").read_text("utf-8")
    body = html.split('class="fokus-body')[1].split("data-fokus-feedback")[0]
    assert "pwn(" not in body and "<iframe" not in body and "<form" not in body
    # What Markdown and the extensions write survives.
    assert '<th style="text-align:right">' in html
    assert 'class="admonition note"' in html and "<details" in html
    assert 'id="steg"' in html and '<span class="twemoji">' in html
    # Fokus's own widgets are added after cleaning.
    assert "data-fokus-feedback" in html and "fokus-copy" in html
    start = (site / "index.html").read_text("utf-8")
    assert "pwn('intro')" not in start and "fokus:intro" not in start
    assert "<strong>Fetstil</strong>" in start
    assert 'class="fokus-hero-search"' in start  # the build's own markup around the intro


def test_without_sanitize_html_authors_raw_html_is_kept(tmp_path):
    """The default trusts authors, whose changes arrive through reviewed pull requests
    (docs/security.md): their raw HTML is part of the page."""
    kb = write_hostile_kb(tmp_path)
    kb.write("konton/rahtml.md", RAW_HTML_ARTICLE)
    build_site(str(tmp_path / "mkdocs.yml"))
    html = (tmp_path / "site/konton/rahtml/index.html").read_text("utf-8")
    assert "<script>pwn('body')</script>" in html


RAW_HTML_ARTICLE = """---
id: 20
title: Rå HTML
summary: Ett inlägg med HTML.
type: guide
category: konton
owner: Servicedesk
reviewed: 2026-10-01
---
Text <script>pwn('body')</script> och <img src="data:," onerror="pwn('img')">.

<iframe src="https://example.com"></iframe>
<form action="https://example.com"><input name="a"></form>
<a href="javascript:pwn('link')">länk</a>

## Steg

| Vad | Antal |
| --- | ---: |
| Skärmar | 2 |

!!! note "Obs"
    En anteckning :material-wifi:

<details><summary>Mer</summary>Dolt</details>
"""


@pytest.mark.parametrize("section, option, value", [
    ("organisation", "primary_color", "red;}</style><script>pwn(1)</script>"),
    ("organisation", "accent_color", "url(javascript:pwn(1))"),
    ("contact", "portal_url", "javascript:pwn(1)"),
])
def test_settings_that_could_carry_script_are_refused_by_name(tmp_path, caplog, section,
                                                               option, value):
    """A colour goes into a stylesheet and the portal address into a link: neither is
    escaped into harmlessness there, so anything but a colour or an http(s) address is
    refused, naming the option, and nothing is built."""
    write_hostile_kb(tmp_path, settings={section: {option: value}})
    with pytest.raises((Abort, ConfigurationError)):
        build_site(str(tmp_path / "mkdocs.yml"))
    assert f"'{option}': {value!r} is not" in caplog.text
    assert not (tmp_path / "site").exists()
