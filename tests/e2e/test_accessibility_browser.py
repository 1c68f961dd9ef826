"""Every page type of the portal, in Swedish and in English, has no critical and no serious
accessibility violation by axe-core (WCAG 2.1 AA, as EN 301 549 asks), on desktop and on a
phone, including the staff pages and their sign-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from search_service.staff import add_staff
from site_builder.build import build_site

from ..conftest import write_events, write_kb
from .axe import axe_script, blocking_violations
from .conftest import Portal, browser_page, portal_settings

PASSWORD = "ett riktigt långt lösenord"
PHONE = {"width": 390, "height": 844}

READER_PAGES = {
    "start": "/",
    "service area": "/natverk/",
    "guide": "/konton/aterstall-losenord/",
    "handbook": "/konton/handbok/",
    "faq": "/natverk/vpn/",
    "faq listing": "/faq/",
    "news": "/natverk/underhall/",
    "news listing": "/aktuellt/",
    "event": "/natverk/kurs-vpn/",
    "tag": "/taggar/vpn/",
    "tags": "/taggar/",
    "contact": "/kontakt/",
    "accessibility statement": "/tillganglighet/",
    "search results": "/sok/?q=vpn",
    "no results": "/sok/?q=plotterpapper",
    "404": "/finns-inte/",
}
STAFF_PAGES = ["/insights/", "/insights/searches", "/insights/articles", "/insights/comments",
               "/insights/needs", "/insights/reviews"]


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_script()


@pytest.fixture(scope="module", params=["sv", "en"])
def portal(request, tmp_path_factory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp(f"a11y-{request.param}")
    write_events(write_kb(root, request.param))
    build_site(str(root / "mkdocs.yml"))
    with Portal(portal_settings(root)) as served:
        add_staff(served.app.extensions["fokus_store"], "anna", PASSWORD, None)
        yield served


def settled(page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    if path.startswith("/sok/"):
        page.locator(".fokus-results__summary").wait_for()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_reader_pages_have_no_serious_violations(browser, portal, axe, viewport):
    found: list[str] = []
    with browser_page(browser, portal.url) as page:
        if viewport:
            page.set_viewport_size(viewport)
        for name, path in READER_PAGES.items():
            settled(page, path)
            found += [f"{name}: {line}" for line in blocking_violations(page, axe)]
    assert not found, "\n".join(found)


def test_faq_with_every_answer_open_has_no_serious_violations(browser, portal, axe):
    with browser_page(browser, portal.url) as page:
        settled(page, "/natverk/vpn/")
        for summary in page.locator("details.fokus-faq > summary").all():
            summary.click()
        assert page.locator("details.fokus-faq[open]").count() == 2
        found = blocking_violations(page, axe)
        assert not found, "\n".join(found)


def test_feedback_with_nej_open_has_no_serious_violations(browser, portal, axe):
    with browser_page(browser, portal.url) as page:
        settled(page, "/konton/aterstall-losenord/")
        page.locator("section.fokus-feedback").last.locator("[data-helpful=false]").click()
        page.locator("section.fokus-feedback textarea[name=comment]").last.wait_for()
        found = blocking_violations(page, axe)
        assert not found, "\n".join(found)


def test_staff_sign_in_and_insights_have_no_serious_violations(browser, portal, axe):
    with browser_page(browser, portal.url) as page:
        page.goto("/insights/sign-in")
        found = [f"sign-in: {line}" for line in blocking_violations(page, axe)]
        page.locator("#login").fill("anna")
        page.locator("#password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(lambda url: "sign-in" not in url)
        for path in STAFF_PAGES:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            found += [f"{path}: {line}" for line in blocking_violations(page, axe)]
    assert not found, "\n".join(found)
