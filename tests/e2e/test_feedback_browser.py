"""A reader answers "Hjälpte det här?" in a real browser, and the portal keeps the answer."""

from __future__ import annotations

import socket
import threading

from werkzeug.serving import make_server

from search_service import create_app
from site_builder.build import build_site

from ..conftest import write_kb
from .conftest import StaticServer, portal_settings

TYPED = "<script>alert(1)</script> Saknar steg för Mac & Linux – \"åäö\""


def votes(portal, article_id: int) -> list[dict]:
    return portal.app.extensions["fokus_store"].votes(article_id)


def test_no_with_a_comment_is_thanked_kept_and_stored_exactly(page, portal):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/konton/aterstall-losenord/")
    widget = page.locator("section.fokus-feedback").last
    assert widget.locator(".fokus-feedback__question").inner_text() == "Hjälpte det här?"
    widget.get_by_role("button", name="Nej").click()
    comment = widget.get_by_label("Vad saknades? (frivilligt)")
    comment.wait_for(state="visible")
    comment.fill(TYPED)
    widget.get_by_role("button", name="Skicka").click()
    status = widget.locator(".fokus-feedback__status")
    status.filter(has_text="Tack!").wait_for()
    assert comment.is_hidden()

    page.reload()
    widget = page.locator("section.fokus-feedback").last
    assert widget.get_by_role("button", name="Nej").get_attribute("aria-pressed") == "true"
    assert widget.get_by_role("button", name="Ja").get_attribute("aria-pressed") == "false"
    assert "Du har svarat" in widget.locator(".fokus-feedback__status").inner_text()

    [stored] = votes(portal, 42)
    assert stored["comment"] == TYPED
    assert stored["comment"].encode("utf-8") == TYPED.encode("utf-8")
    assert stored["helpful"] is False and stored["anchor"] == ""
    assert dialogs == []


def test_a_changed_mind_replaces_the_vote(page, portal):
    page.goto("/konton/handbok/")
    widget = page.locator("section.fokus-feedback").last
    widget.get_by_role("button", name="Nej").click()
    widget.locator(".fokus-feedback__status").filter(has_text="Tack").wait_for()
    widget.get_by_role("button", name="Ja").click()
    page.wait_for_function(
        "document.querySelector('section.fokus-feedback:last-of-type [data-helpful=true]')"
        ".getAttribute('aria-pressed') === 'true'")
    [stored] = votes(portal, 3)
    assert stored["helpful"] is True


def test_each_faq_question_has_its_own_compact_widget(page, portal):
    page.goto("/kb/2/#varfor-kopplar-vpn-ner")
    page.wait_for_url("**/natverk/vpn/#varfor-kopplar-vpn-ner")
    question = page.locator('details[data-anchor="varfor-kopplar-vpn-ner"]')
    widget = question.locator("section.fokus-feedback--compact")
    widget.get_by_role("button", name="Ja").click()
    widget.locator(".fokus-feedback__status").filter(has_text="Tack").wait_for()
    assert [(v["anchor"], v["helpful"]) for v in votes(portal, 2)] == [
        ("varfor-kopplar-vpn-ner", True)]
    page.reload()
    question = page.locator('details[data-anchor="varfor-kopplar-vpn-ner"]')
    pressed = question.locator("section.fokus-feedback--compact [data-helpful=true]")
    assert pressed.get_attribute("aria-pressed") == "true"
    other = page.locator('details[data-anchor="hur-kopplar-jag-upp-vpn"] [data-helpful=true]')
    assert other.get_attribute("aria-pressed") == "false"


def test_the_widget_works_by_keyboard(page, portal):
    page.goto("/natverk/underhall/")
    widget = page.locator("section.fokus-feedback").last
    widget.get_by_role("button", name="Ja").focus()
    page.keyboard.press("Enter")
    widget.locator(".fokus-feedback__status").filter(has_text="Tack").wait_for()
    assert votes(portal, 4)[0]["helpful"] is True


def test_votes_from_the_site_served_on_another_host(browser, tmp_path):
    """The static site on one origin, the service on another: the widget posts to the
    configured API address, and CORS lets only the configured site in."""
    api_port = free_port()
    write_kb(tmp_path)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      today:", f"      search_api: http://127.0.0.1:{api_port}/api/\n"
                                         "      today:")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site(str(tmp_path / "mkdocs.yml"))
    with StaticServer(tmp_path / "site") as site, StaticServer(tmp_path / "site") as stranger:
        settings = dict(portal_settings(tmp_path), SERVE_SITE=False,
                        FEEDBACK_ORIGINS=[site.url.rstrip("/")])
        app = create_app(settings)
        server = make_server("127.0.0.1", api_port, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            page = browser.new_page()
            page.goto(site.url + "konton/aterstall-losenord/")
            widget = page.locator("section.fokus-feedback").last
            widget.get_by_role("button", name="Ja").click()
            widget.locator(".fokus-feedback__status").filter(has_text="Tack").wait_for()
            assert [v["helpful"] for v in app.extensions["fokus_store"].votes(42)] == [True]

            page.goto(stranger.url + "konton/handbok/")
            widget = page.locator("section.fokus-feedback").last
            widget.get_by_role("button", name="Ja").click()
            widget.locator(".fokus-feedback__status").filter(has_text="kunde inte").wait_for()
            assert app.extensions["fokus_store"].votes(3) == []
            page.close()
        finally:
            server.shutdown()
            thread.join(timeout=5)


def test_nej_again_after_a_reload_keeps_the_comment_already_sent(page, portal):
    """Issue 13: pressing Nej again after a reload used to erase the comment; now it is kept,
    shown in the comment box, and kept too when the reader changes to Ja."""
    question = 'details[data-anchor="hur-kopplar-jag-upp-vpn"]'
    page.goto("/natverk/vpn/#hur-kopplar-jag-upp-vpn")
    widget = page.locator(question).locator("section.fokus-feedback")
    widget.get_by_role("button", name="Nej").click()
    widget.get_by_label("Vad saknades? (frivilligt)").fill("Skärmbilden för Mac saknas")
    widget.get_by_role("button", name="Skicka").click()
    widget.locator(".fokus-feedback__status").filter(has_text="Tack!").wait_for()

    page.reload()
    widget = page.locator(question).locator("section.fokus-feedback")
    widget.get_by_role("button", name="Nej").click()
    widget.locator(".fokus-feedback__status").filter(has_text="finns kvar").wait_for()
    box = widget.get_by_label("Vad saknades? (frivilligt)")
    assert box.input_value() == "Skärmbilden för Mac saknas"
    widget.get_by_role("button", name="Ja").click()
    page.wait_for_function(
        f"document.querySelector('{question} [data-helpful=true]')"
        ".getAttribute('aria-pressed') === 'true'")
    [stored] = [v for v in votes(portal, 2) if v["anchor"] == "hur-kopplar-jag-upp-vpn"]
    assert stored["helpful"] is True and stored["comment"] == "Skärmbilden för Mac saknas"

    widget.get_by_role("button", name="Nej").click()
    box.wait_for(state="visible")
    box.fill("Steg 4 är fel")
    widget.get_by_role("button", name="Skicka").click()
    widget.locator(".fokus-feedback__status").filter(has_text="Tack! Vi").wait_for()
    [stored] = [v for v in votes(portal, 2) if v["anchor"] == "hur-kopplar-jag-upp-vpn"]
    assert stored["helpful"] is False and stored["comment"] == "Steg 4 är fel"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
