"""Staff learn from readers in a real browser: a reader searches, votes Nej and tells what they
looked for; staff sign in, find all of it on /insights/ (markup shown as text) and download a
CSV. Reply links are counted when copied and when opened through ?via=svar."""

from __future__ import annotations

import pytest

from search_service.figures import target_figures
from search_service.needs import open_needs
from search_service.periods import Period
from search_service.staff import add_staff

from .conftest import browser_page

PASSWORD = "ett riktigt långt lösenord"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def staff_portal(portal):
    add_staff(portal.app.extensions["fokus_store"], "anna", PASSWORD, None)
    return portal


def store(portal):
    return portal.app.extensions["fokus_store"]


def test_staff_find_a_zero_result_search_and_a_nej_comment_and_download_a_csv(
        browser, staff_portal, tmp_path):
    dialogs: list[str] = []
    with browser_page(browser, staff_portal.url) as reader:
        reader.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        reader.goto("/sok/?q=plotterpapper%20a0")
        reader.locator(".fokus-results__summary").filter(has_text="Inga artiklar").wait_for()
        need = reader.locator("form[data-fokus-need]")
        need.get_by_label("Vad letade du efter?").fill(f"Plotterpapper {SCRIPT}")
        need.get_by_label("Tjänsteområde (frivilligt)").select_option("natverk")
        need.get_by_role("button", name="Skicka").click()
        need.locator(".fokus-need__status").filter(has_text="Tack").wait_for()

        reader.goto("/konton/handbok/")
        widget = reader.locator("section.fokus-feedback").last
        widget.get_by_role("button", name="Nej").click()
        widget.get_by_label("Vad saknades? (frivilligt)").fill(f"{SCRIPT} saknar VPN")
        widget.get_by_role("button", name="Skicka").click()
        widget.locator(".fokus-feedback__status").filter(has_text="Tack!").wait_for()
        assert widget.locator("[data-fokus-need] summary").inner_text() == \
            "Berätta vad du letade efter"

    requested: list[str] = []
    with browser_page(browser, staff_portal.url) as staff:
        staff.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        staff.on("request", lambda request: requested.append(request.url))
        staff.goto("/insights/searches")
        staff.wait_for_url(lambda url: "/insights/sign-in?next=" in url)
        staff.get_by_label("Användarnamn").fill("anna")
        staff.get_by_label("Lösenord").fill(PASSWORD)
        staff.get_by_role("button", name="Logga in").click()
        staff.wait_for_url("**/insights/searches")
        zero = staff.locator("section#zero")
        assert zero.locator("td", has_text="plotterpapper a0").count() == 1

        staff.goto("/insights/")  # six trends and the weekly bars, drawn on the server
        assert staff.locator("svg.fokus-spark").count() == 6
        assert staff.locator("svg.fokus-bars rect").count() >= 1

        staff.goto("/insights/comments")
        cell = staff.locator("td", has_text="saknar VPN")
        assert cell.inner_text() == f"{SCRIPT} saknar VPN"  # the markup is text on the page
        assert staff.locator("section#comments td", has_text="IT-handbok").count() == 1

        staff.goto("/insights/needs")
        assert staff.locator("td", has_text="alert(1)").inner_text() == \
            f"Plotterpapper {SCRIPT}"

        staff.goto("/insights/searches")
        with staff.expect_download() as download:
            staff.locator("section#zero").get_by_role("link", name="Ladda ner CSV").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name.startswith("fokus-zero-") and saved.suffix == ".csv"
        assert "plotterpapper a0,1," in saved.read_text(encoding="utf-8-sig")
    assert dialogs == []
    # No script from a CDN, no font or chart from anywhere else: the portal serves it all.
    assert requested and all(url.startswith(staff_portal.url) or url.startswith("data:")
                             for url in requested), requested


def test_without_a_session_the_browser_is_sent_to_sign_in(browser, staff_portal):
    with browser_page(browser, staff_portal.url) as page:
        page.goto("/insights/articles")
        page.wait_for_url(lambda url: url.endswith("/insights/sign-in?next=/insights/articles"))
        assert page.get_by_role("heading", name="Logga in").is_visible()
        reply = page.request.get(staff_portal.url + "insights/articles.csv")
        assert reply.status == 401


def test_reply_links_are_counted_when_copied_and_once_when_opened(page, staff_portal):
    page.goto("/natverk/vpn/#varfor-kopplar-vpn-ner")
    question = page.locator('details[data-anchor="varfor-kopplar-vpn-ner"]')
    with page.expect_response("**/api/reply-links") as copied:
        question.locator("button.fokus-copy").click()
    assert copied.value.status == 204

    with page.expect_response("**/api/reply-links") as visited:
        page.goto("/kb/2/?via=svar#varfor-kopplar-vpn-ner")
    assert visited.value.status == 204
    page.wait_for_function("!location.search.includes('via=')")
    assert page.url.endswith("/natverk/vpn/#varfor-kopplar-vpn-ner")
    page.reload()  # the marker is gone: no second visit
    page.wait_for_load_state("networkidle")

    today = store(staff_portal).clock().date()
    figures = {t.key: (t.link_copies, t.link_visits)
               for t in target_figures(store(staff_portal), Period.last_days(1, today))}
    assert figures[(2, "varfor-kopplar-vpn-ner")] == (1, 1)


def test_a_need_is_stored_from_the_no_results_page(staff_portal):
    assert any(n["query"] == "plotterpapper a0" and n["category"] == "natverk"
               for n in open_needs(store(staff_portal)))
