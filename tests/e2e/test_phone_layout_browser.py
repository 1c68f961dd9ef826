"""The portal on a phone, 390 × 844 in Chromium, in Swedish and in English, with the
Content-Security-Policy in force:

- the start page shows one search box, and its placeholder is shown whole;
- on the results page the 14 filter buttons wait behind a "Filtrera" button (a disclosure:
  aria-expanded, operated by keyboard), so the first hit is on the first screen; on a desktop
  the filters stay in view and there is no button;
- the drawer marks the current menu entry, visibly and with aria-current="page";
- axe-core finds no critical or serious violation on these screens.

Every screen is saved as a screenshot in the test's temporary folder (its path is printed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.i18n import strings

from ..conftest import CATEGORIES, Tree, article, write_events, write_kb
from .axe import axe_script, blocking_violations
from .conftest import Portal, browser_page, portal_settings

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 568}
DESKTOP = {"width": 1280, "height": 900}

# Five more service areas, each with an article about VPN: with the test site's own, the
# search for "vpn" has 5 types and 7 areas, 14 filter buttons with the two "Alla".
MORE_AREAS = {
    "skrivare": ("Skrivare och utskrift", "handbook"),
    "telefoni": ("Telefoni och mobil", "guide"),
    "programvara": ("Programvara och licenser", "faq"),
    "epost": ("E-post och kalender", "news"),
    "sakerhet": ("Informationssäkerhet", "guide"),
}
FILTER_BUTTONS = 14

# Collected from before the page's own scripts run: what the policy refused, if anything.
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

VISIBLE_SEARCH_BOXES = """() => Array.from(document.querySelectorAll('input[type=search]'))
  .filter(box => box.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .filter(box => box.getBoundingClientRect().width > 0)
  .map(box => box.id)"""

# The placeholder as the box's text: an input scrolls when its text is wider than the box.
PLACEHOLDER_WIDTH = """id => {
  const box = document.getElementById(id);
  const kept = box.value;
  box.value = box.placeholder;
  const measured = {placeholder: box.placeholder, scroll: box.scrollWidth,
                    client: box.clientWidth};
  box.value = kept;
  return measured;
}"""

DRAWER_LINKS = """() => Array.from(document.querySelectorAll(
  '.md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link')).map(link => {
    const style = getComputedStyle(link);
    const box = link.getBoundingClientRect();
    return {text: link.textContent.trim(), current: link.getAttribute('aria-current'),
            weight: Number(style.fontWeight), shadow: style.boxShadow,
            background: style.backgroundColor,
            box: {x: box.x, y: box.y, width: box.width, height: box.height}};
  })"""


def write_more_areas(kb: Tree) -> None:
    extra = "".join(
        f"- slug: {slug}\n  title: {title}\n  description: Om {title.lower()}.\n"
        f"  icon: material/folder\n  order: {order}\n  owner: Servicedesk\n"
        for order, (slug, (title, _type)) in enumerate(MORE_AREAS.items(), start=3))
    kb.write("categories.yml", CATEGORIES + extra)
    for number, (slug, (title, kind)) in enumerate(MORE_AREAS.items(), start=70):
        dated = {"date": "2026-11-20"} if kind == "news" else {}
        kb.write(f"{slug}/vpn.md", article(number, f"VPN för {title.lower()}", type=kind,
                                           category=slug, body="Så använder du VPN.\n",
                                           **dated))


@pytest.fixture(scope="module", params=["sv", "en"])
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def portal(language, tmp_path_factory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp(f"phone-{language}")
    kb = write_kb(root, language)
    write_events(kb)
    write_more_areas(kb)
    build_site(str(root / "mkdocs.yml"))
    with Portal(portal_settings(root)) as served:
        yield served


@pytest.fixture(scope="module")
def shots(language, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(f"phone-screenshots-{language}")
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_script()


@pytest.fixture
def phone(browser, portal) -> Iterator:
    """A phone-sized page with the policy in force; at the end, nothing was refused."""
    with browser_page(browser, portal.url, enforce_csp=True) as page:
        page.context.add_init_script(VIOLATIONS)
        page.set_viewport_size(PHONE)
        yield page
        assert page.evaluate("window.__violations") == []


def on_first_screen(box: dict) -> bool:
    """A bounding box (Playwright's x, y, width, height) lies wholly on the phone's screen."""
    return (box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"])


def search(page, path: str) -> None:
    page.goto(path, wait_until="networkidle")
    page.locator(".fokus-hit").first.wait_for()


def test_the_start_page_shows_one_search_box_with_its_placeholder_whole(
        phone, language, shots):
    phone.goto("/", wait_until="networkidle")
    phone.screenshot(path=shots / "start.png")
    assert phone.evaluate(VISIBLE_SEARCH_BOXES) == ["fokus-hero-q"]
    measured = phone.evaluate(PLACEHOLDER_WIDTH, "fokus-hero-q")
    # Still an example of what to type, the short one that fits a phone.
    assert measured["placeholder"] == strings(language)["search.placeholder_short"]
    assert measured["scroll"] <= measured["client"], measured
    # "/" leads to the box that is there.
    phone.locator("body").press("/")
    assert phone.evaluate("document.activeElement.id") == "fokus-hero-q"


def test_on_the_narrowest_phones_the_placeholder_still_fits(browser, portal, language):
    with browser_page(browser, portal.url) as page:
        page.set_viewport_size(SMALL_PHONE)
        page.goto("/", wait_until="networkidle")
        measured = page.evaluate(PLACEHOLDER_WIDTH, "fokus-hero-q")
        assert measured["placeholder"] in {strings(language)["search.placeholder_short"],
                                           strings(language)["search.placeholder"]}
        assert measured["scroll"] <= measured["client"], measured


def test_on_a_desktop_the_start_page_keeps_the_header_box_and_the_whole_example(
        browser, portal, language):
    with browser_page(browser, portal.url) as page:
        page.set_viewport_size(DESKTOP)
        page.goto("/", wait_until="networkidle")
        assert page.evaluate(VISIBLE_SEARCH_BOXES) == ["fokus-q", "fokus-hero-q"]
        measured = page.evaluate(PLACEHOLDER_WIDTH, "fokus-hero-q")
        assert measured["placeholder"] == strings(language)["start.search_placeholder"]
        assert measured["scroll"] <= measured["client"], measured


def test_the_404_page_shows_one_search_box_with_its_placeholder_whole(phone, shots):
    phone.goto("/finns-inte/", wait_until="networkidle")
    phone.screenshot(path=shots / "404.png")
    assert phone.evaluate(VISIBLE_SEARCH_BOXES) == ["fokus-notfound-q"]
    measured = phone.evaluate(PLACEHOLDER_WIDTH, "fokus-notfound-q")
    assert measured["scroll"] <= measured["client"], measured


def test_the_first_hit_is_on_the_first_screen_with_the_filters_behind_a_button(
        phone, language, shots):
    search(phone, "/sok/?q=vpn")
    phone.screenshot(path=shots / "results.png")
    toggle = phone.locator("button.fokus-filters__toggle")
    assert toggle.is_visible()
    assert toggle.inner_text().strip() == strings(language)["search.filter_toggle"]
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "fokus-facets"
    links = phone.locator("#fokus-facets a.fokus-facets__link")
    assert links.count() == FILTER_BUTTONS
    assert not any(link.is_visible() for link in links.all())
    assert on_first_screen(phone.locator(".fokus-hit").first.bounding_box())

    # Opened, the 14 filters are there, and they alone would have pushed the hit off the screen.
    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert all(link.is_visible() for link in links.all())
    phone.screenshot(path=shots / "results-filters-open.png")
    assert not on_first_screen(phone.locator(".fokus-hit").first.bounding_box())
    # The filters come next in the keyboard's order, and the button closes them again.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('#fokus-facets') !== null")
    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not links.first.is_visible()


def test_the_filter_button_names_the_filters_chosen(phone, language):
    search(phone, "/sok/?q=vpn&type=faq&category=natverk")
    text = strings(language)
    assert phone.locator("button.fokus-filters__toggle").inner_text().strip() == (
        f"{text['search.filter_toggle']}: {text['type.faq']}, Nätverk och VPN")
    assert on_first_screen(phone.locator(".fokus-hit").first.bounding_box())


def test_on_a_desktop_the_filters_stay_in_view_without_a_button(browser, portal):
    with browser_page(browser, portal.url) as page:
        page.set_viewport_size(DESKTOP)
        search(page, "/sok/?q=vpn")
        assert not page.locator("button.fokus-filters__toggle").is_visible()
        links = page.locator("#fokus-facets a.fokus-facets__link").all()
        assert len(links) == FILTER_BUTTONS
        assert all(link.is_visible() for link in links)


# Each page and the menu entry it belongs to: its type's list for an article, itself for a
# page of the menu.
CURRENT_ENTRY = {
    "/konton/aterstall-losenord/": "menu.guide",
    "/natverk/vpn/": "menu.faq",
    "/natverk/kurs-vpn/": "menu.news",
    "/faq/": "menu.faq",
    "/": "menu.start",
}


@pytest.mark.parametrize("path", list(CURRENT_ENTRY))
def test_the_drawer_marks_the_current_menu_entry(phone, language, shots, path):
    phone.goto(path, wait_until="networkidle")
    phone.locator("label.md-header__button[for=__drawer]").click()
    phone.locator(".md-nav--primary a[aria-current=page]").wait_for()
    phone.wait_for_timeout(400)  # Material slides the drawer in
    phone.screenshot(path=shots / f"drawer-{path.strip('/').replace('/', '-') or 'start'}.png")
    links = phone.evaluate(DRAWER_LINKS)
    current = [link for link in links if link["current"] == "page"]
    others = [link for link in links if link["current"] is None]
    assert [link["text"] for link in current] == [strings(language)[CURRENT_ENTRY[path]]]
    assert len(others) == len(links) - 1
    marked = current[0]
    # On the screen, and set apart by weight and a bar, not by its colour alone.
    assert on_first_screen(marked["box"])
    assert marked["weight"] >= 700 and all(link["weight"] < 700 for link in others)
    assert marked["shadow"] != "none" and all(link["shadow"] == "none" for link in others)
    assert all(link["background"] != marked["background"] for link in others)


def test_the_phone_screens_have_no_serious_accessibility_violations(
        browser, portal, axe, shots):
    found: list[str] = []
    # axe is added to the page as a script of its own, which the policy would refuse.
    with browser_page(browser, portal.url) as page:
        page.set_viewport_size(PHONE)
        page.goto("/", wait_until="networkidle")
        found += [f"start: {line}" for line in blocking_violations(page, axe)]
        search(page, "/sok/?q=vpn")
        found += [f"results: {line}" for line in blocking_violations(page, axe)]
        page.locator("button.fokus-filters__toggle").click()
        found += [f"results, filters open: {line}" for line in blocking_violations(page, axe)]
        page.goto("/konton/aterstall-losenord/", wait_until="networkidle")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(400)
        found += [f"drawer: {line}" for line in blocking_violations(page, axe)]
    assert not found, "\n".join(found)
