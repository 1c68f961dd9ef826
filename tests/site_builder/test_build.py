"""Building a whole site from a small content tree, the way `fokus build` does."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from site_builder.build import build_site
from site_builder.content import load_content
from site_builder.findings import ContentError

from ..conftest import Tree, article, repo_environment, write_kb, write_own_pages


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kb")
    write_kb(root)
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


class Links(HTMLParser):
    """Collects the menu, links and ids of one page."""

    def __init__(self):
        super().__init__()
        self.menu: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._in_menu = False
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "nav" and "fokus-menu" in (attrs.get("class") or ""):
            self._in_menu = True
        if self._in_menu and tag == "a":
            self._href = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_menu = False

    def handle_data(self, data):
        if self._href is not None and data.strip():
            self.menu.append((data.strip(), self._href))
            self._href = None


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix().removesuffix("index.html")
    return "https://kb.example.se/" + rel


def pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith(("kb/", "konton/losenordsregler/"))]


def redirect_target(site: Path, rel: str) -> str:
    html = (site / rel / "index.html").read_text(encoding="utf-8")
    href = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    return urljoin("https://kb.example.se/" + rel, href)


def test_top_menu_is_identical_on_every_page(site):
    menus = {}
    for page in pages(site):
        menu = parse(page).menu
        menus[page] = [(label, urljoin(page_url(site, page), href)) for label, href in menu]
    assert len(menus) > 10
    expected = [("Start", "https://kb.example.se/"),
                ("Handböcker", "https://kb.example.se/handbocker/"),
                ("Guider", "https://kb.example.se/guider/"),
                ("FAQ", "https://kb.example.se/faq/"),
                ("Aktuellt", "https://kb.example.se/aktuellt/"),
                ("Kontakt", "https://kb.example.se/kontakt/")]
    for page, menu in menus.items():
        assert menu == expected, page


def test_menu_does_not_grow_with_articles(site):
    html = (site / "konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    # The sidebar navigation holds the menu entries only, never every article.
    assert html.count('class="md-nav__link') <= 8
    assert "Hemligt utkast" not in html


def test_short_links_lead_to_the_article_and_keep_working_for_archived_ones(site):
    assert redirect_target(site, "kb/42/") == "https://kb.example.se/konton/aterstall-losenord/"
    assert redirect_target(site, "kb/2/") == "https://kb.example.se/natverk/vpn/"
    # An archived article's short link leads to its successor.
    assert redirect_target(site, "kb/5/") == "https://kb.example.se/konton/aterstall-losenord/"
    html = (site / "kb/2/index.html").read_text(encoding="utf-8")
    script = site / "kb/2" / re.search(r'<script src="([^"]+)"', html).group(1)
    assert "+ location.hash" in script.read_text(encoding="utf-8"), (
        "the #anchor of a FAQ deep link must survive the redirect")


def test_canonical_and_copied_links_name_the_configured_public_address(site):
    """With `site_url` set; without it, tests/e2e/test_security_browser.py follows the host."""
    html = (site / "konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    assert ('<link rel="canonical" href="https://kb.example.se/konton/aterstall-losenord/">'
            in html)
    assert '<meta name="fokus-site-url" content="https://kb.example.se/">' in html


def test_short_link_of_a_retired_id_leads_to_its_successor(tmp_path):
    kb = write_kb(tmp_path)
    kb.write("retired.yml", "- id: 30\n  replaced_by: 42\n- id: 31\n")
    build_site(str(tmp_path / "mkdocs.yml"))
    site = tmp_path / "site"
    assert redirect_target(site, "kb/30/") == "https://kb.example.se/konton/aterstall-losenord/"
    assert not (site / "kb/31").exists()


def test_aliases_redirect_to_the_article(site):
    assert (redirect_target(site, "konton/losenordsregler/")
            == "https://kb.example.se/konton/gammalt/")


def test_drafts_are_absent_everywhere(site):
    assert not (site / "konton/hemligt").exists()
    assert not (site / "kb/6").exists()
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json"):
            assert "Hemligt utkast" not in path.read_text(encoding="utf-8"), path


def test_internal_kb_links_become_relative_links_to_the_anchor(site):
    html = (site / "konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    assert 'href="../../natverk/vpn/#hur-kopplar-jag-upp-vpn"' in html


def test_article_page_shows_its_metadata(site):
    html = (site / "konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    for text in ("<h1>Återställ ditt lösenord</h1>", "Om återställ ditt lösenord.", "KB-0042",
                 "Ansvarig: Servicedesk", 'datetime="2026-10-01"', ">Guide</a>",
                 "Konton och lösenord</a>", "Relaterade artiklar", "Hittade du inte svaret?",
                 "010-123 45 00", "servicedesk@example.se", "Vardagar 8–17",
                 "https://service.example.se", 'data-fokus-short="kb/42/"'):
        assert text in html, text
    assert "Granskning försenad" not in html


def test_overdue_review_is_shown(site):
    html = (site / "konton/handbok/index.html").read_text(encoding="utf-8")
    assert "Granskning försenad" in html and "fokus-overdue" in html


def test_archived_article_has_a_banner_linking_to_its_successor(site):
    html = (site / "konton/gammalt/index.html").read_text(encoding="utf-8")
    assert "Den här artikeln är arkiverad" in html
    assert 'href="../aterstall-losenord/">KB-0042 Återställ ditt lösenord</a>' in html


def test_faq_questions_are_collapsible_with_stable_anchors_and_copy_buttons(site):
    html = (site / "natverk/vpn/index.html").read_text(encoding="utf-8")
    assert html.count('<details class="fokus-faq"') == 2
    assert '<h2 id="hur-kopplar-jag-upp-vpn">Hur kopplar jag upp VPN?</h2>' in html
    assert 'data-fokus-anchor="#varfor-kopplar-vpn-ner"' in html
    assert 'data-fokus-title="Vanliga frågor om VPN: Varför kopplar VPN ner?"' in html


def test_every_page_has_the_help_footer(site):
    for page in pages(site):
        assert "Hittade du inte svaret?" in page.read_text(encoding="utf-8"), page


def test_start_page_has_search_areas_tasks_and_news(site):
    html = (site / "index.html").read_text(encoding="utf-8").split("<article")[1]
    assert 'class="fokus-hero-search"' in html and 'name="q"' in html
    assert "Konton och lösenord" in html and "Nätverk och VPN" in html
    tasks = html.split("Vanligaste ärendena")[1].split("Senaste nytt")[0]
    assert "Återställ ditt lösenord" in tasks and "IT-handbok" not in tasks
    assert "Planerat underhåll" in html.split("Senaste nytt")[1]


def test_listing_area_and_tag_pages(site):
    faq = (site / "faq/index.html").read_text(encoding="utf-8")
    assert "Vanliga frågor om VPN" in faq and "IT-handbok" not in faq
    area = (site / "konton/index.html").read_text(encoding="utf-8")
    assert area.index("Handböcker") < area.index("IT-handbok")
    assert area.index("Guider") < area.index("Återställ ditt lösenord")
    tag = (site / "taggar/losenord/index.html").read_text(encoding="utf-8")
    assert "Återställ ditt lösenord" in tag and "VPN" not in tag.split("<article")[1]
    assert "Gamla lösenordsregler" not in (site / "guider/index.html").read_text(encoding="utf-8")


def test_generated_lists_stand_where_their_markers_were(site):
    # Listings are put into the page after Markdown (site_builder/pages.py, HTML_BLOCK).
    for page in site.rglob("*.html"):
        assert "fokus:html" not in page.read_text(encoding="utf-8"), page
    faq = (site / "faq/index.html").read_text(encoding="utf-8").split("<article")[1]
    assert re.search(r"<ul>\n<li><a href=\"[^\"]+\">Vanliga frågor om VPN</a>", faq)
    news = (site / "aktuellt/index.html").read_text(encoding="utf-8").split("<article")[1]
    assert re.search(r'<ul class="fokus-news__list">\n<li class="fokus-news__item" ', news)


def test_every_form_of_a_short_link_is_a_file_with_the_same_page(site):
    forms = [site / form / "index.html" for form in ("kb/2", "kb/0002", "kb/KB-0002")]
    assert all(path.is_file() and not path.is_symlink() for path in forms)
    assert len({path.read_bytes() for path in forms}) == 1


def test_breadcrumbs_lead_back_through_the_area(site):
    html = (site / "natverk/vpn/index.html").read_text(encoding="utf-8")
    crumbs = html.split('class="fokus-breadcrumbs"')[1].split("</nav>")[0]
    assert '<a href="../..">Start</a>' in crumbs
    assert '<a href="../">Nätverk och VPN</a>' in crumbs


def test_corpus_matches_the_content(site, tmp_path):
    corpus = json.loads((site / "corpus.json").read_text(encoding="utf-8"))
    assert (corpus["schema"], corpus["schema_version"]) == ("fokus-corpus", 1)
    tree = load_content(site.parent / "content")
    expected = {a.id: a for a in tree.published}
    records = {r["id"]: r for r in corpus["articles"]}
    assert set(records) == set(expected) == {2, 3, 4, 5, 42}
    for article_id, record in records.items():
        source = expected[article_id]
        assert record["title"] == source.title
        assert record["summary"] == source.summary
        assert record["type"] == source.type
        assert record["category"] == source.category
        assert record["status"] == source.status
        assert record["url"] == "https://kb.example.se/" + source.url
        assert record["short_url"] == f"https://kb.example.se/kb/{article_id}/"
    faq = records[2]
    assert [(s["heading"], s["anchor"]) for s in faq["sections"]] == [
        ("", ""), ("Hur kopplar jag upp VPN?", "hur-kopplar-jag-upp-vpn"),
        ("Varför kopplar VPN ner?", "varfor-kopplar-vpn-ner")]
    assert faq["sections"][2]["text"] == "Oftast beror det på ett svagt trådlöst nätverk."
    assert [c["slug"] for c in corpus["categories"]] == ["konton", "natverk"]
    assert corpus["synonyms"] == [["lösen", "lösenord"]]


def test_every_corpus_record_has_a_summary_text_even_when_the_page_has_none(tmp_path):
    kb = write_kb(tmp_path)
    kb.write("konton/utan.md", article(7, "Utan").replace("summary: Om utan.\n", ""))
    kb.write("natverk/skrivare.md", "# Skriva ut\n\nText.\n")
    build_site(str(tmp_path / "mkdocs.yml"))
    corpus = json.loads((tmp_path / "site/corpus.json").read_text(encoding="utf-8"))
    summaries = {r["source_path"]: r["summary"] for r in corpus["articles"]}
    assert summaries["konton/utan.md"] == summaries["natverk/skrivare.md"] == ""
    assert all(isinstance(summary, str) for summary in summaries.values())


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    kb = write_kb(tmp_path)
    build_site(str(tmp_path / "mkdocs.yml"))
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    kb.write("konton/trasig.md", article(99, "Trasig", type="wiki"))
    with pytest.raises(ContentError) as info:
        build_site(str(tmp_path / "mkdocs.yml"))
    assert [(f.file, f.field) for f in info.value.findings if f.is_error] == [
        ("konton/trasig.md", "type")]
    after = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_the_404_page_offers_search_the_service_areas_and_the_helpdesk(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Sidan finns inte</h1>" in html and "404 - Not found" not in html
    assert re.search(r'<form class="fokus-hero-search" action="/sok/" method="get" '
                     r'role="search" aria-label="Sök i kunskapsbanken">', html)
    assert '<a href="/konton/">Konton och lösenord</a>' in html
    assert '<a href="/natverk/">Nätverk och VPN</a>' in html
    contact = html[html.index('class="fokus-notfound__contact"'):]
    assert '<a href="tel:010-1234500">010-123 45 00</a>' in contact
    assert '<a href="mailto:servicedesk@example.se">servicedesk@example.se</a>' in contact


def test_english_switches_material_and_fokus_strings(tmp_path):
    write_kb(tmp_path, language="en")
    build_site(str(tmp_path / "mkdocs.yml"))
    missing = (tmp_path / "site/404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in missing and "Search the knowledge base" in missing
    html = (tmp_path / "site/konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    for text in ("Didn't find the answer?", "Owner: Servicedesk", "Copy link", ">Home</a>",
                 ">Handbooks</a>", "Related articles"):
        assert text in html, text
    assert "Hittade du inte svaret?" not in html and "Ansvarig" not in html


def test_plain_mkdocs_tree_without_front_matter_builds(tmp_path):
    docs = Tree(tmp_path / "docs")
    docs.write("index.md", "# Välkommen\n\nVår dokumentation.\n")
    docs.write("natverk/skrivare.md", "# Skriva ut\n\nSå skriver du ut.\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Gammal\ntheme:\n  name: material\nplugins:\n  - fokus\n", encoding="utf-8")
    build_site(str(tmp_path / "mkdocs.yml"))
    html = (tmp_path / "site/natverk/skrivare/index.html").read_text(encoding="utf-8")
    assert "<h1>Skriva ut</h1>" in html and html.count("<h1") == 1
    assert "Vår dokumentation." in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_page_keeps_its_mkdocs_and_material_front_matter(tmp_path):
    docs = Tree(tmp_path / "docs")
    docs.write("natverk/skrivare.md", "---\ntitle: Skrivare\ntemplate: visa.html\nstatus: new\n"
                                      "hide: [toc]\nsubtitle: Steg för steg\n---\nText.\n")
    docs.write("natverk/vpn.md", article(1, "VPN", category="natverk", status="deprecated"))
    # The page's own template shows what MkDocs and Material receive from its front matter.
    Tree(tmp_path / "overrides").write("visa.html", (
        '{% extends "main.html" %}{% block content %}<p id="meta">{{ page.meta.status }}|'
        '{{ page.meta.hide | join(",") }}|{{ page.meta.subtitle }}</p>{% endblock %}'))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Gammal\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "plugins:\n  - fokus\n", encoding="utf-8")
    build_site(str(tmp_path / "mkdocs.yml"))
    html = (tmp_path / "site/natverk/skrivare/index.html").read_text(encoding="utf-8")
    assert '<p id="meta">new|toc|Steg för steg</p>' in html
    assert 'data-md-type="toc" hidden' in html, "Material hides the table of contents"
    corpus = json.loads((tmp_path / "site/corpus.json").read_text(encoding="utf-8"))
    assert {r["source_path"]: r["status"] for r in corpus["articles"]} == {
        "natverk/skrivare.md": "published", "natverk/vpn.md": "published"}


def test_plain_mkdocs_build_uses_the_registered_plugin(tmp_path):
    write_kb(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path,
                            capture_output=True, text=True, check=False,
                            env=repo_environment())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/kb/42/index.html").is_file()
    assert (tmp_path / "site/corpus.json").is_file()


def test_content_and_output_directories_can_be_chosen(tmp_path):
    write_kb(tmp_path)
    (tmp_path / "content").rename(tmp_path / "kunskap")
    build_site(str(tmp_path / "mkdocs.yml"), content_dir=str(tmp_path / "kunskap"),
               output_dir=str(tmp_path / "ut"))
    assert (tmp_path / "ut/konton/aterstall-losenord/index.html").is_file()


def test_organisation_name_logo_and_colours_come_from_one_place(tmp_path):
    write_kb(tmp_path)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "content/bilder").mkdir()
    (tmp_path / "content/bilder/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    config = config.replace("      contact:", """      organisation:
        name: Norrvik IT
        logo: bilder/logo.svg
        primary_color: "#123456"
        accent_color: "#abcdef"
      contact:""")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site(str(tmp_path / "mkdocs.yml"))
    for page in ("index.html", "konton/aterstall-losenord/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "Norrvik IT" in html and "Testportalen" not in html
        # The colours are a stylesheet of the build's, not an inline style the CSP would refuse.
        colours = re.search(r'href="((?:\.\./)*assets/fokus-colours\.[0-9a-f]{8}\.css)"', html)
        css = (tmp_path / "site" / page).parent.joinpath(colours.group(1)).read_text()
        assert "--md-primary-fg-color:#123456" in css
        assert "--md-accent-fg-color:#abcdef" in css
        assert "bilder/logo.svg" in html
    assert (tmp_path / "site/bilder/logo.svg").is_file()


def test_mkdocs_serve_previews_with_the_plugin(tmp_path):
    """Authors preview with `mkdocs serve`, as with any MkDocs site."""
    import socket
    import time
    import urllib.request

    write_kb(tmp_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload",
                               "-a", f"127.0.0.1:{port}"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=repo_environment())
    try:
        html = ""
        for _ in range(150):  # bounded: 30 s
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/natverk/vpn/",
                                            timeout=2) as reply:
                    html = reply.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.2)
        assert '<details class="fokus-faq"' in html
        assert "Hittade du inte svaret?" in html
    finally:
        server.terminate()
        server.wait(timeout=10)


# -- an organisation's own pages at the generated pages' usual paths ---------------------------


@pytest.fixture(scope="module")
def own_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("own")
    write_own_pages(write_kb(root))
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


class Targets(HTMLParser):
    """Where a page's links and forms lead, as absolute URLs: (what, text or role, URL)."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.found: list[tuple[str, str, str]] = []
        self._href: str | None = None
        self._json: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._href = attrs["href"]
        if tag == "form" and "action" in attrs:
            action = urljoin(self.url, attrs["action"])
            self.found.append(("form", attrs.get("class") or "", action))
        if tag == "script" and attrs.get("id") == "fokus-paths":
            self._json = ""

    def handle_data(self, data):
        if self._href is not None and data.strip():
            self.found.append(("a", data.strip(), urljoin(self.url, self._href)))
            self._href = None
        if self._json is not None:
            self._json += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None
        if tag == "script" and self._json is not None:
            for key, path in json.loads(self._json).items():
                self.found.append(("paths", key, urljoin("https://kb.example.se/", path)))
            self._json = None


def targets(site: Path, rel: str) -> list[tuple[str, str, str]]:
    parser = Targets("https://kb.example.se/" + rel.removesuffix("index.html"))
    parser.feed((site / rel).read_text(encoding="utf-8"))
    return parser.found


def text_of(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8").split("<article")[1]


MOVED = "https://kb.example.se/_fokus/"


def test_the_organisations_own_pages_stay_at_their_paths(own_site):
    assert "Organisationens egen FAQ-sida." in text_of(own_site, "faq")
    assert "Arkivets egen söksida." in text_of(own_site, "sok")
    assert "data-fokus-results" not in text_of(own_site, "sok")
    assert "Ring växeln." in text_of(own_site, "kontakt")
    assert "Ord och begrepp." in text_of(own_site, "kb/ordlista")
    assert "Områdets egen startsida." in text_of(own_site, "konton")


def test_generated_pages_step_aside_into_fokus(own_site):
    assert "Vanliga frågor om VPN" in text_of(own_site, "_fokus/faq")
    assert "data-fokus-results" in text_of(own_site, "_fokus/sok")
    assert "010-123 45 00" in text_of(own_site, "_fokus/kontakt")
    area = text_of(own_site, "_fokus/omraden/konton")
    assert "Återställ ditt lösenord" in area and "Om konton" in area
    assert "Våra vanliga frågor" in text_of(own_site, "_fokus/omraden/faq")
    # Free paths stay where they were.
    assert "Planerat underhåll" in text_of(own_site, "aktuellt")
    assert "Återställ ditt lösenord" in text_of(own_site, "taggar/losenord")
    assert "Vanliga frågor om VPN" in text_of(own_site, "natverk")


def test_menu_search_box_and_contact_links_lead_to_the_moved_pages(own_site):
    menu = [("Start", "https://kb.example.se/"),
            ("Handböcker", "https://kb.example.se/handbocker/"),
            ("Guider", "https://kb.example.se/guider/"), ("FAQ", MOVED + "faq/"),
            ("Aktuellt", "https://kb.example.se/aktuellt/"), ("Kontakt", MOVED + "kontakt/")]
    checked = 0
    for page in pages(own_site):
        rel = page.relative_to(own_site).as_posix()
        if rel.startswith("_fokus/kb/"):
            continue  # short links are redirects, without a menu
        assert [(label, urljoin(page_url(own_site, page), href))
                for label, href in parse(page).menu] == menu, rel
        found = targets(own_site, rel)
        assert ("form", "fokus-search", MOVED + "sok/") in found, rel
        assert ("a", "Kontakta IT-supporten →", MOVED + "kontakt/") in found, rel
        assert {(k, u) for what, k, u in found if what == "paths"} >= {
            ("contact", MOVED + "kontakt/"), ("search", MOVED + "sok/")}, rel
        checked += 1
    assert checked > 10
    start = targets(own_site, "index.html")
    assert ("form", "fokus-hero-search", MOVED + "sok/") in start
    assert ("a", "Konton och lösenord", MOVED + "omraden/konton/") in start
    assert ("a", "Nätverk och VPN", "https://kb.example.se/natverk/") in start
    results = targets(own_site, "_fokus/sok/index.html")
    assert ("a", "Kontakta IT-supporten →", MOVED + "kontakt/") in results
    assert ("a", "Konton och lösenord", MOVED + "omraden/konton/") in results


def test_articles_link_to_their_area_and_short_link_where_they_moved(own_site):
    found = targets(own_site, "konton/aterstall-losenord/index.html")
    assert ("a", "Konton och lösenord", MOVED + "omraden/konton/") in found
    html = (own_site / "konton/aterstall-losenord/index.html").read_text(encoding="utf-8")
    assert 'data-fokus-short="_fokus/kb/42/"' in html
    assert redirect_target(own_site, "_fokus/kb/42/") == (
        "https://kb.example.se/konton/aterstall-losenord/")
    assert not (own_site / "kb/42").exists()
    corpus = json.loads((own_site / "corpus.json").read_text(encoding="utf-8"))
    short = {r["id"]: r["short_url"] for r in corpus["articles"]}
    assert short[42] == MOVED + "kb/42/" and short[61] == MOVED + "kb/61/"


def test_files_in_fokus_own_folder_are_left_out(tmp_path):
    kb = write_kb(tmp_path)
    kb.write("faq/index.md", "# Egen FAQ\n\nOrganisationens egen sida.\n")
    kb.write("_fokus/faq.md", "# Intrång\n\nSkulle ta listans plats.\n")
    kb.write("_fokus/bild.png", b"\x89PNG")
    build_site(str(tmp_path / "mkdocs.yml"))
    site = tmp_path / "site"
    assert "Vanliga frågor om VPN" in text_of(site, "_fokus/faq")
    assert not (site / "_fokus/bild.png").exists()
    assert not [p for p in site.rglob("*.html") if "Intrång" in p.read_text(encoding="utf-8")]


def test_fokus_pages_are_built_whatever_exclude_docs_leaves_out(tmp_path):
    """An organisation may exclude its own `_drafts/`-style folders; Fokus's pages stay."""
    kb = write_kb(tmp_path)
    kb.write("faq/index.md", "# Egen FAQ\n\nOrganisationens egen sida.\n")
    with (tmp_path / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  _*/\n  sok/\n")
    build_site(str(tmp_path / "mkdocs.yml"))
    assert "Vanliga frågor om VPN" in text_of(tmp_path / "site", "_fokus/faq")
    assert "data-fokus-results" in text_of(tmp_path / "site", "sok")
