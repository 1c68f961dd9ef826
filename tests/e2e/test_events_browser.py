"""Events, status banners, print and lost-and-found in Chromium, with the reader's clock fixed
by Playwright: the static pages change with the time of reading, without a rebuild."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from site_builder.build import build_site

from ..conftest import write_events, write_kb
from .conftest import Portal, browser_page, portal_settings

BEFORE_ANY = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # the build's pinned day
AFTER_THE_COURSE = datetime(2026, 12, 12, 9, 0, tzinfo=UTC)
MAINTENANCE_ENDS = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 18.00 in Stockholm


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp("events-portal")
    write_events(write_kb(root))
    build_site(str(root / "mkdocs.yml"))
    with Portal(portal_settings(root)) as served:
        yield served


@contextmanager
def at(browser, portal, moment: datetime) -> Iterator:
    """A page whose clock starts at ``moment``."""
    with browser_page(browser, portal.url) as page:
        page.clock.install(time=moment)
        yield page


def group_titles(page, group: str, root: str = "main") -> list[str]:
    items = page.locator(f'{root} [data-fokus-news] [data-group="{group}"] li:visible a')
    return items.all_inner_texts() if page.locator(
        f'{root} [data-fokus-news] [data-group="{group}"]').is_visible() else []


def test_aktuellt_orders_and_marks_events_by_the_readers_clock(browser, portal):
    with at(browser, portal, BEFORE_ANY) as page:
        page.goto("/aktuellt/")
        assert group_titles(page, "upcoming") == [
            "Underhåll av nätverket", "Kurs i VPN hemifrån", "Informationsmöte om wifi"]
        assert group_titles(page, "news") == ["Planerat underhåll"]
        assert group_titles(page, "past") == ["Kurs i MFA"]
        assert page.locator('[data-group="past"] .fokus-news__mark').inner_text() == "Har varit"
        assert not page.locator('[data-group="upcoming"] .fokus-news__mark').first.is_visible()

    with at(browser, portal, AFTER_THE_COURSE) as page:
        page.goto("/aktuellt/")
        assert group_titles(page, "upcoming") == ["Informationsmöte om wifi"]
        assert group_titles(page, "past") == [
            "Kurs i VPN hemifrån", "Underhåll av nätverket", "Kurs i MFA"]
        marks = page.locator('[data-group="past"] .fokus-news__mark:visible')
        assert marks.all_inner_texts() == ["Har varit"] * 3


def test_an_open_page_moves_an_event_to_the_past_when_it_ends(browser, portal):
    with at(browser, portal, datetime(2026, 12, 10, 10, 29, tzinfo=UTC)) as page:
        page.goto("/aktuellt/")
        assert group_titles(page, "upcoming")[0] == "Kurs i VPN hemifrån"
        page.clock.fast_forward("02:00")  # the course ends at 10.30 UTC (11.30 in Stockholm)
        page.wait_for_function("!document.querySelector('[data-group=upcoming] li a')"
                               ".textContent.includes('VPN')")
        assert group_titles(page, "past")[0] == "Kurs i VPN hemifrån"


def test_without_javascript_the_builds_order_stands(browser, portal):
    context = browser.new_context(base_url=portal.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/aktuellt/")
        assert group_titles(page, "upcoming")[0] == "Underhåll av nätverket"
        assert group_titles(page, "past") == ["Kurs i MFA"]
    finally:
        context.close()


def test_the_start_page_shows_upcoming_events_first_and_no_past_ones(browser, portal):
    with at(browser, portal, AFTER_THE_COURSE) as page:
        page.goto("/")
        assert group_titles(page, "upcoming") == ["Informationsmöte om wifi"]
        assert group_titles(page, "past") == []
        assert not page.get_by_text("Kurs i VPN hemifrån").is_visible()


def test_an_event_page_says_when_it_has_taken_place(browser, portal):
    with at(browser, portal, BEFORE_ANY) as page:
        page.goto("/natverk/kurs-vpn/")
        event = page.locator("section.fokus-event")
        assert "torsdag 10 december 2026 kl. 09.00–11.30" in event.inner_text()
        assert not page.get_by_text("Det här evenemanget har redan ägt rum.").is_visible()
        link = page.get_by_role("link", name="Lägg till i din kalender (.ics)")
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "KB-0030.ics"
    with at(browser, portal, AFTER_THE_COURSE) as page:
        page.goto("/natverk/kurs-vpn/")
        assert page.get_by_text("Det här evenemanget har redan ägt rum.").is_visible()


# -- status banners ----------------------------------------------------------------------


def banner(page):
    return page.locator("[data-fokus-status]")


def test_the_status_banner_shows_until_its_time_and_links_to_the_article(browser, portal):
    with at(browser, portal, BEFORE_ANY) as page:
        for path in ("/", "/konton/aterstall-losenord/", "/finns-inte/"):
            page.goto(path)
            assert banner(page).is_visible(), path
            assert banner(page).inner_text().strip() == (
                "Planerat underhåll: Underhåll av nätverket")
        banner(page).get_by_role("link", name="Underhåll av nätverket").click()
        page.wait_for_url("**/natverk/underhall-natverk/")


def test_the_banner_is_gone_after_its_time_without_a_rebuild(browser, portal):
    with at(browser, portal, datetime(2026, 12, 5, 17, 0, 1, tzinfo=UTC)) as page:
        page.goto("/")
        assert not banner(page).is_visible()
        assert not page.locator(".md-banner").is_visible()


def test_an_open_page_loses_the_banner_when_the_time_passes(browser, portal):
    with at(browser, portal, datetime(2026, 12, 5, 16, 58, tzinfo=UTC)) as page:
        page.goto("/konton/aterstall-losenord/")
        assert banner(page).is_visible()
        page.clock.fast_forward("03:00")
        banner(page).wait_for(state="hidden")
        assert not page.locator(".md-banner").is_visible()


# -- print -------------------------------------------------------------------------------


def test_an_article_prints_without_buttons_and_widgets_with_its_short_link(browser, portal):
    with browser_page(browser, portal.url) as page:
        page.goto("/natverk/vpn/")
        assert page.locator(".fokus-copy").first.is_visible()
        assert not page.locator(".fokus-print-link").is_visible()
        page.emulate_media(media="print")
        for widget in (".fokus-copy", ".fokus-feedback", "form.fokus-search", ".md-tabs",
                       ".md-header", ".fokus-help", "[data-fokus-status]"):
            assert page.locator(widget).evaluate_all(
                "els => els.every(e => e.offsetParent === null)"), widget
        link = page.locator(".fokus-print-link")
        assert link.is_visible()
        assert link.inner_text() == "KB-0002 · https://kb.example.se/kb/2/"
        assert page.get_by_role("heading", level=1).is_visible()
        box = link.bounding_box()
        title = page.get_by_role("heading", level=1).bounding_box()
        assert box["y"] > title["y"]  # under the title


# -- lost and found ----------------------------------------------------------------------


def test_the_404_page_searches_and_leads_to_the_areas_and_the_helpdesk(browser, portal):
    with browser_page(browser, portal.url) as page:
        reply = page.goto("/konton/finns-inte-langre/")
        assert reply.status == 404
        assert page.get_by_role("heading", level=1).inner_text() == "Sidan finns inte"
        main = page.locator("main")
        assert main.get_by_role("link", name="Nätverk och VPN").is_visible()
        assert main.get_by_role("link", name="010-123 45 00").is_visible()
        search = main.get_by_role("search", name="Sök i kunskapsbanken")
        search.get_by_role("searchbox").fill("vpn")
        search.get_by_role("button", name="Sök").click()
        page.wait_for_url("**/sok/?q=vpn")
        page.locator(".fokus-hit").first.wait_for()


@pytest.mark.parametrize("form", ["/kb/2/", "/kb/0002/", "/kb/KB-0002/"])
def test_short_links_are_real_301s_that_keep_the_anchor_without_javascript(browser, portal,
                                                                            form):
    context = browser.new_context(base_url=portal.url, java_script_enabled=False)
    try:
        page = context.new_page()
        reply = page.goto(form + "?via=svar#varfor-kopplar-vpn-ner")
        assert reply.request.redirected_from.response().status == 301
        assert page.url.endswith("/natverk/vpn/?via=svar#varfor-kopplar-vpn-ner")
    finally:
        context.close()
