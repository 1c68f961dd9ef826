"""An employee's way through the built site in a real browser."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_builder.build import build_site

from ..conftest import write_kb, write_own_pages
from .conftest import Portal, StaticServer, browser_page, portal_settings

MENU = ["Start", "Handböcker", "Guider", "FAQ", "Aktuellt", "Kontakt"]


def menu_of(page) -> list[str]:
    return [t.strip() for t in page.locator("nav.fokus-menu a").all_inner_texts()]


def test_moving_through_the_menu(page):
    page.goto("/")
    assert menu_of(page) == MENU
    page.locator("nav.fokus-menu a", has_text="FAQ").click()
    page.wait_for_url("**/faq/")
    assert menu_of(page) == MENU
    page.get_by_role("link", name="Vanliga frågor om VPN").first.click()
    page.wait_for_url("**/natverk/vpn/")
    assert page.locator("h1").inner_text() == "Vanliga frågor om VPN"
    assert menu_of(page) == MENU
    active = page.locator("nav.fokus-menu .md-tabs__item--active").inner_text()
    assert active.strip() == "FAQ"
    page.locator(".fokus-breadcrumbs a", has_text="Nätverk och VPN").click()
    page.wait_for_url("**/natverk/")
    assert menu_of(page) == MENU


def test_faq_deep_link_opens_and_shows_the_question(page):
    page.goto("/kb/2/#varfor-kopplar-vpn-ner")
    page.wait_for_url("**/natverk/vpn/#varfor-kopplar-vpn-ner")
    target = page.locator('details[data-anchor="varfor-kopplar-vpn-ner"]')
    other = page.locator('details[data-anchor="hur-kopplar-jag-upp-vpn"]')
    page.wait_for_function(
        "document.querySelector('details[data-anchor=\"varfor-kopplar-vpn-ner\"]').open")
    assert target.evaluate("d => d.open") is True
    assert other.evaluate("d => d.open") is False
    answer = target.get_by_text("Oftast beror det på ett svagt trådlöst nätverk.")
    assert answer.is_visible()
    top = page.evaluate(
        "document.getElementById('varfor-kopplar-vpn-ner').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_copy_link_puts_a_reply_ready_snippet_on_the_clipboard(page):
    page.goto("/natverk/vpn/#varfor-kopplar-vpn-ner")
    question = page.locator('details[data-anchor="varfor-kopplar-vpn-ner"]')
    question.locator("button.fokus-copy").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text == ("KB-0002 Vanliga frågor om VPN: Varför kopplar VPN ner? – "
                    "https://kb.example.se/kb/2/?via=svar#varfor-kopplar-vpn-ner")
    html = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return await (await item.getType('text/html')).text();
    }""")
    assert 'href="https://kb.example.se/kb/2/?via=svar#varfor-kopplar-vpn-ner"' in html
    assert question.locator("button.fokus-copy").inner_text() == "Länken är kopierad"


def test_copy_link_of_a_whole_article(page):
    page.goto("/konton/aterstall-losenord/")
    page.locator(".fokus-article-header button.fokus-copy").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('KB-0042'))")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "KB-0042 Återställ ditt lösenord – https://kb.example.se/kb/42/?via=svar")


def test_alias_redirects_in_the_browser(page):
    page.goto("/konton/losenordsregler/")
    page.wait_for_url("**/konton/gammalt/")
    assert "arkiverad" in page.locator(".fokus-archived").inner_text()


# -- an organisation whose own pages sit at the usual paths of the generated ones -----------


@pytest.fixture(scope="module")
def own_portal(tmp_path_factory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp("own-portal")
    write_own_pages(write_kb(root))
    build_site(str(root / "mkdocs.yml"))
    with Portal(portal_settings(root)) as served:
        yield served


def test_own_pages_stay_and_the_menu_and_search_find_the_moved_ones(browser, own_portal):
    with browser_page(browser, own_portal.url, clipboard=True) as page:
        page.goto("/faq/")
        expect(page.locator("article")).to_contain_text("Organisationens egen FAQ-sida.")
        page.locator("nav.fokus-menu a", has_text="FAQ").click()
        page.wait_for_url("**/_fokus/faq/")
        expect(page.get_by_role("link", name="Vanliga frågor om VPN").first).to_be_visible()
        assert menu_of(page) == MENU

        page.locator("#fokus-q").click()
        page.keyboard.type("vpn")
        page.keyboard.press("Enter")
        page.wait_for_url("**/_fokus/sok/?q=vpn")
        expect(page.locator("[data-fokus-results] .fokus-hit").first).to_be_visible()

        page.goto("/_fokus/sok/?q=xyzzy")
        fallback = page.locator("[data-fokus-fallback]")
        fallback.get_by_role("link", name="Kontakta IT-supporten").click()
        page.wait_for_url("**/_fokus/kontakt/")
        expect(page.locator("article")).to_contain_text("010-123 45 00")
        page.goto("/kontakt/")
        expect(page.locator("article")).to_contain_text("Ring växeln.")

        page.goto("/_fokus/kb/2/#varfor-kopplar-vpn-ner")
        page.wait_for_url("**/natverk/vpn/#varfor-kopplar-vpn-ner")
        page.locator('details[data-anchor="varfor-kopplar-vpn-ner"] button.fokus-copy').click()
        page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
        assert page.evaluate("navigator.clipboard.readText()").endswith(
            "https://kb.example.se/_fokus/kb/2/?via=svar#varfor-kopplar-vpn-ner")


def test_the_scripts_contact_link_leads_to_the_moved_contact_page(browser, own_portal):
    """Without the search service, the script offers the contact page where the build put it."""
    with StaticServer(Path(own_portal.app.config["SITE_DIR"])) as static, \
            browser_page(browser, static.url) as page:
        page.goto("/konton/aterstall-losenord/")
        page.locator("#fokus-q").click()
        page.keyboard.type("vpn")
        status = page.locator("form[data-fokus-search] .fokus-search__status")
        contact = status.get_by_role("link", name="Kontakta IT-supporten")
        expect(contact).to_be_visible()
        assert contact.get_attribute("href") == static.url + "_fokus/kontakt/"


def test_reply_snippets_from_the_api_use_the_moved_short_link(own_portal):
    with urllib.request.urlopen(own_portal.url + "api/articles/42", timeout=5) as reply:
        body = json.loads(reply.read())
    assert body["reply_snippet"] == (
        "KB-0042 Återställ ditt lösenord – https://kb.example.se/_fokus/kb/42/")
