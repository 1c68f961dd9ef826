"""What a link points at, decided once (links.LinkResolver), and what the build makes of it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.content import load_content
from site_builder.links import ARTICLE, EXTERNAL, FILE, MISSING, NOTHING, LinkResolver, kb_link_id
from site_builder.page_links import LinkParser

from ..conftest import MKDOCS_YML, Tree, article


@pytest.fixture
def resolver(tree) -> LinkResolver:
    tree.write("konton/a.md", article(1, "A"))
    tree.write("konton/faq.md", article(42, "FAQ", type="faq"))
    tree.write("tjanster/s3/index.md", "# S3\n")
    tree.write("tjanster/lagring.md", "# Lagring\n")
    tree.write("konton/bilder/vpn.png", b"\x89PNG")
    loaded = load_content(tree.root)
    return LinkResolver(loaded.articles, loaded.root, {"faq/"})


def where(resolver: LinkResolver, target: str, page: str = "konton/a.md", **kw) -> tuple:
    found = resolver.resolve(target, page, **kw)
    return found.kind, found.article.path if found.article else found.path, found.fragment


def test_short_links_in_every_written_form(resolver):
    for written in ("/kb/42/", "/kb/42", "/kb/0042/", "/kb/KB-0042/#steg"):
        assert where(resolver, written)[:2] == (ARTICLE, "konton/faq.md"), written
    assert kb_link_id("/kb/kb-7/") == 7 and kb_link_id("/kb/sju/") is None
    assert resolver.resolve("/kb/99/", "konton/a.md").kb_id == 99


def test_source_paths_as_mkdocs_resolves_them(resolver):
    assert where(resolver, "faq.md#steg") == (ARTICLE, "konton/faq.md", "steg")
    assert where(resolver, "faq.md/#steg") == (ARTICLE, "konton/faq.md", "steg")
    assert where(resolver, "#steg") == (ARTICLE, "konton/a.md", "steg")
    assert where(resolver, "bilder/vpn.png", image=True) == (FILE, "konton/bilder/vpn.png", "")
    assert where(resolver, "saknas.md") == (MISSING, "konton/saknas.md", "")


def test_directory_links_lead_to_the_folders_page(resolver):
    assert where(resolver, "../tjanster/s3/")[:2] == (ARTICLE, "tjanster/s3/index.md")
    assert where(resolver, "../tjanster/lagring/")[:2] == (ARTICLE, "tjanster/lagring.md")
    assert where(resolver, "../tjanster/saknas/")[:2] == (MISSING, "tjanster/saknas")


def test_links_written_as_the_browser_reads_them_from_the_page_url(resolver):
    # konton/a.md is published at konton/a/, so `../faq/` is konton/faq/.
    assert where(resolver, "../faq/#steg") == (ARTICLE, "konton/faq.md", "steg")
    assert where(resolver, "../../tjanster/s3/")[:2] == (ARTICLE, "tjanster/s3/index.md")


def test_site_absolute_links(resolver):
    assert where(resolver, "/konton/faq/#steg") == (ARTICLE, "konton/faq.md", "steg")
    assert where(resolver, "/faq/")[0] == "site"
    assert where(resolver, "/gammalt/") == (MISSING, "/gammalt/", "")


def test_links_in_raw_html_are_read_as_the_browser_does(resolver):
    # MkDocs does not convert links in raw HTML: `faq.md` would be konton/a/faq.md.
    assert where(resolver, "faq.md", in_html=True)[0] == MISSING
    assert where(resolver, "../faq/", in_html=True)[:2] == (ARTICLE, "konton/faq.md")


def test_what_is_not_checked(resolver):
    assert where(resolver, "https://example.se/")[0] == EXTERNAL
    assert where(resolver, "mailto:it@example.se")[0] == EXTERNAL
    assert where(resolver, "")[0] == NOTHING


# -- the build -----------------------------------------------------------------------------

PAGE = """\
Se [frågan](/kb/KB-0002/#varfor-kopplar-vpn-ner), [MFA-mappen](mfa/),
[VPN som webbadress](../../natverk/vpn/) och [rubriken](mfa/index.md#konfigurera-mfa).
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("links")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(language="sv"), encoding="utf-8")
    kb = Tree(root / "content").with_categories()
    kb.write("konton/a.md", article(1, "A", body=PAGE))
    kb.write("konton/mfa/index.md", article(
        7, "MFA", body="# Konfigurera MFA\n\nText.\n\n## Ny telefon\n\n[A](/kb/1/)\n"))
    kb.write("natverk/vpn.md", article(2, "VPN", type="faq", category="natverk", body=(
        "## Varför kopplar VPN ner?\n\nSvagt nät. [A](/kb/1/)\n\n## Lägg till authorized_keys\n"
        "\nSe [MFA](/kb/7/).\n")))
    build_site(str(root / "mkdocs.yml"))
    return root


def hrefs(page: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)">', page.read_text(encoding="utf-8"))


def test_the_build_gives_mkdocs_every_link_to_an_article_as_its_source_path(site):
    found = hrefs(site / "site/konton/a/index.html")
    for href in ("../../natverk/vpn/#varfor-kopplar-vpn-ner", "../mfa/", "../../natverk/vpn/",
                 "../mfa/#konfigurera-mfa"):
        assert href in found, href


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids |= {value for key, value in attrs if key == "id" and value}


def test_the_built_pages_carry_every_anchor_the_check_knows(site):
    tree = load_content(site / "content")
    parser = LinkParser()
    checked: set[str] = set()
    for art in tree.published:
        ids = _Ids()
        ids.feed((site / "site" / art.url / "index.html").read_text(encoding="utf-8"))
        known = parser.parse(art.body).anchors
        assert known <= ids.ids, art.path
        checked |= known
    assert {"konfigurera-mfa", "ny-telefon", "lagg-till-authorized_keys"} <= checked


def test_the_corpus_sections_have_the_anchors_the_check_knows(site):
    tree = load_content(site / "content")
    parser = LinkParser()
    records = json.loads((site / "site/corpus.json").read_text(encoding="utf-8"))["articles"]
    anchors = {(r["source_path"], s["anchor"]) for r in records for s in r["sections"]
               if s["anchor"]}
    assert ("natverk/vpn.md", "varfor-kopplar-vpn-ner") in anchors
    for path, anchor in anchors:
        assert anchor in parser.parse(tree.by_path()[path].body).anchors, (path, anchor)


def test_the_title_heading_is_shown_once_and_keeps_its_anchor(site):
    html = (site / "site/konton/mfa/index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1 and 'id="konfigurera-mfa"' in html
