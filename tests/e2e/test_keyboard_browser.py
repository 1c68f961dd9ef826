"""Keyboard readers: after every action the focus is somewhere useful, never back on <body>,
and every line that announces an outcome is a live region before its text changes."""

from __future__ import annotations

# The focused element as "id or first class|its text", or "body".
FOCUSED = "() => { const e = document.activeElement; return e === document.body ? 'body' : " \
          "(e.id || e.classList[0] || e.tagName) + '|' + (e.textContent || '').trim(); }"


def focused(page) -> str:
    return page.evaluate(FOCUSED)


def press(page, locator, key: str = "Enter") -> None:
    """Reach an element by keyboard focus and act on it with a key, as a keyboard reader."""
    locator.focus()
    page.keyboard.press(key)


def test_voting_nej_then_sending_the_comment_keeps_the_focus_on_the_widget(page):
    page.goto("/konton/handbok/")
    widget = page.locator("section.fokus-feedback").last
    status = widget.locator(".fokus-feedback__status")
    assert status.get_attribute("aria-live") == "polite"  # live before anything is said
    press(page, widget.locator("[data-helpful=false]"))
    textarea = widget.locator("textarea[name=comment]")
    textarea.wait_for()
    assert page.evaluate("() => document.activeElement.name") == "comment"
    page.keyboard.type("Saknar VPN-steget")
    page.keyboard.press("Tab")
    assert focused(page).endswith("|Skicka")
    page.keyboard.press("Enter")
    status.filter(has_text="Tack!").wait_for()
    assert widget.locator("form.fokus-feedback__comment").is_hidden()
    assert focused(page).startswith("fokus-feedback__status|Tack!")


def test_voting_ja_by_keyboard_leaves_the_focus_on_the_pressed_button(page):
    page.goto("/konton/aterstall-losenord/")
    widget = page.locator("section.fokus-feedback").last
    yes = widget.locator("[data-helpful=true]")
    press(page, yes, " ")
    widget.locator(".fokus-feedback__status").filter(has_text="Tack").wait_for()
    assert yes.get_attribute("aria-pressed") == "true"
    assert focused(page).endswith("|Ja")


def test_a_need_sent_from_a_search_without_results_moves_the_focus_to_the_thanks(page):
    page.goto("/sok/?q=plotterpapper")
    need = page.locator("form[data-fokus-need]")
    need.wait_for()
    status = need.locator(".fokus-need__status")
    assert status.get_attribute("aria-live") == "polite"
    need.get_by_label("Vad letade du efter?").focus()
    page.keyboard.type("Plotterpapper A0")
    press(page, need.get_by_role("button", name="Skicka"))
    status.filter(has_text="Tack").wait_for()
    assert focused(page).startswith("fokus-need__status|Tack")


def test_an_empty_need_keeps_the_focus_in_the_text_box(page):
    page.goto("/sok/?q=plotterpapper")
    need = page.locator("form[data-fokus-need]")
    press(page, need.get_by_role("button", name="Skicka"))
    need.locator(".fokus-need__status").filter(has_text="Skriv").wait_for()
    assert page.evaluate("() => document.activeElement.name") == "text"


def test_copy_link_announces_on_the_button_that_keeps_the_focus(page):
    page.goto("/konton/aterstall-losenord/")
    button = page.locator("button.fokus-copy").first
    assert button.get_attribute("aria-live") == "polite"  # live before its text changes
    press(page, button)
    button.filter(has_text="Länken är kopierad").wait_for()
    assert focused(page).endswith("|Länken är kopierad")


def test_opening_and_closing_an_faq_answer_keeps_the_focus_on_the_question(page):
    page.goto("/natverk/vpn/")
    question = page.locator("details.fokus-faq > summary").first
    press(page, question)
    assert page.locator("details.fokus-faq").first.get_attribute("open") is not None
    assert focused(page).endswith("|Hur kopplar jag upp VPN?")
    page.keyboard.press("Enter")
    assert page.locator("details.fokus-faq").first.get_attribute("open") is None
    assert focused(page).endswith("|Hur kopplar jag upp VPN?")


def test_slash_jumps_to_the_search_box_and_enter_searches(page):
    page.goto("/konton/handbok/")
    page.keyboard.press("/")
    assert focused(page).startswith("fokus-q|")
    page.keyboard.type("plotterpapper")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "q=plotterpapper" in url)
    page.locator(".fokus-results__summary").wait_for()


def test_the_first_tab_offers_the_skip_link_to_the_content(page):
    page.goto("/konton/aterstall-losenord/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
