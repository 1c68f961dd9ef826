"""The portal in Chromium as an attacker and as a reader on a slow line would meet it.

- No front-matter value or setting runs as script on any page, with the
  Content-Security-Policy taken away so that only escaping stands in the way.
- With the policy in force, search, suggestions, feedback and copying a link work, and the
  browser reports no violation.
- What a page load transfers stays within the targets (bench/transfer_bench.py).
- Without `site_url`, copied links, canonical links and the API's reply snippets lead to the
  host and port the portal is actually served on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from search_service.headers import CONTENT_SECURITY_POLICY
from site_builder.build import build_site

from ..conftest import write_kb
from ..payloads import TITLE, write_hostile_kb
from .conftest import Portal, browser_page, portal_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import transfer_bench  # noqa: E402

# Defined before any of the page's own scripts: a payload that runs calls it.
TRAPS = """
window.__pwned = [];
window.pwn = function (field) { window.__pwned.push(String(field)); };
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class WithoutPolicy:
    """The real app with its Content-Security-Policy header removed, so that a browser would
    run whatever markup got through: the escaping alone is under test."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def start(status, headers, *args):
            kept = [(k, v) for k, v in headers if k.lower() != "content-security-policy"]
            return start_response(status, kept, *args)
        return self.app(environ, start)


@pytest.fixture(scope="module")
def hostile_portal(tmp_path_factory) -> Iterator[tuple[Portal, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_kb(root)
    build_site(str(root / "mkdocs.yml"))
    portal = Portal(portal_settings(root))
    portal.app.wsgi_app = WithoutPolicy(portal.app.wsgi_app)
    with portal:
        yield portal, root / "site"


def site_paths(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html")
                  for p in site.rglob("*.html"))


def test_no_value_runs_as_script_on_any_page(browser, hostile_portal):
    portal, site = hostile_portal
    paths = site_paths(site)
    assert len(paths) >= 20
    with browser_page(browser, portal.url, clipboard=True) as page:
        page.context.add_init_script(TRAPS)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        reply = page.goto("/")
        assert "content-security-policy" not in reply.headers  # the policy is really off
        ran = {}
        for path in paths:
            page.goto(path, wait_until="networkidle")
            ran[path] = page.evaluate("window.__pwned")
        # The search page fills itself from the API: results, then suggestions while typing.
        page.goto("/sok/?q=Hjälp", wait_until="networkidle")
        page.locator(".fokus-results").get_by_text("Hjälp", exact=False).first.wait_for()
        ran["search results"] = page.evaluate("window.__pwned")
        box = page.locator("#fokus-q")
        box.fill("")
        box.press_sequentially("Hjälp")
        page.locator("#fokus-suggestions [role=option]").first.wait_for()
        ran["suggestions"] = page.evaluate("window.__pwned")
        # The payload title is there, shown as text.
        page.goto("/konton/farlig/")
        assert page.locator("h1").inner_text() == TITLE
        page.locator(".fokus-article-header button.fokus-copy").click()
        page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('KB'))")
        assert page.evaluate("navigator.clipboard.readText()").startswith(f"KB-0007 {TITLE} – ")
        ran["copy link"] = page.evaluate("window.__pwned")
    assert {where: calls for where, calls in ran.items() if calls} == {}
    assert dialogs == []


@pytest.fixture(scope="module")
def plain_portal(tmp_path_factory) -> Iterator[Portal]:
    """The test site without `site_url`, served on a free port by the real app."""
    root = tmp_path_factory.mktemp("plain")
    write_kb(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_url: https://kb.example.se/\n", ""),
                                     encoding="utf-8")
    build_site(str(root / "mkdocs.yml"))
    with Portal(portal_settings(root)) as portal:
        yield portal


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Playwright's wait_for_function polls with `eval` in the page, which the policy under
    test refuses: poll from outside instead (DevTools evaluation is not bound by it)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)


def test_the_portal_works_under_its_policy_without_a_single_violation(browser, plain_portal):
    with browser_page(browser, plain_portal.url, clipboard=True, enforce_csp=True) as page:
        page.context.add_init_script(TRAPS)
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text)
                if message.type == "error" else None)
        page.on("pageerror", lambda error: console.append(str(error)))
        reply = page.goto("/")
        assert reply.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        # Material's own scripts run: its head script defines its helpers.
        assert page.evaluate("typeof __md_get") == "function"
        violations = {"start": page.evaluate("window.__violations")}

        # Suggestions as you type, then the results page.
        box = page.locator("#fokus-q")
        box.press_sequentially("lösen")
        page.locator("#fokus-suggestions [role=option]").first.wait_for()
        box.press("Escape")
        box.fill("lösenord")
        box.press("Enter")
        page.wait_for_url("**/sok/?q=*")
        page.locator(".fokus-results a", has_text="Återställ ditt lösenord").first.wait_for()
        violations["search"] = page.evaluate("window.__violations")

        # A FAQ deep link through the short link's redirect page, which keeps the anchor.
        page.goto("/kb/2/#varfor-kopplar-vpn-ner")
        page.wait_for_url("**/natverk/vpn/#varfor-kopplar-vpn-ner")
        violations["redirect"] = page.evaluate("window.__violations")

        # Feedback and copying a link on an article.
        page.goto("/konton/aterstall-losenord/")
        widget = page.locator("section.fokus-feedback").last
        widget.get_by_role("button", name="Ja").click()
        widget.locator(".fokus-feedback__status").filter(has_text="Tack").wait_for()
        page.locator(".fokus-article-header button.fokus-copy").click()
        wait_until(page, "navigator.clipboard.readText().then(t => t.startsWith('KB'))")
        violations["article"] = page.evaluate("window.__violations")

        page.goto("/finns-inte/")
        violations["404"] = page.evaluate("window.__violations")
        assert {where: found for where, found in violations.items() if found} == {}
        assert [m for m in console if "Content Security Policy" in m] == []

        # The watch works: an inline script is refused and reported.
        page.evaluate("""() => { const s = document.createElement('script');
                                 s.textContent = 'window.__inline = 1';
                                 document.head.appendChild(s); }""")
        wait_until(page, "window.__violations.length > 0")
        assert page.evaluate("window.__inline") is None


def test_a_page_load_transfers_little(browser, plain_portal):
    result = transfer_bench.measure(browser, plain_portal.url, "konton/aterstall-losenord/")
    cold, warm = transfer_bench.total(result["cold"]), transfer_bench.total(result["warm"])
    print(f"\ncold start page: {cold:,} bytes in {len(result['cold'])} requests; "
          f"warm article: {warm:,} bytes")
    assert 0 < cold <= transfer_bench.TARGETS["cold"]
    assert 0 < warm <= transfer_bench.TARGETS["warm"]
    # The warm load fetched no script or stylesheet again: they are cached as immutable.
    assert [url for url, size in result["warm"]
            if size > 0 and url.endswith((".js", ".css"))] == []


def test_links_lead_to_the_host_and_port_the_portal_is_served_on(browser, plain_portal):
    port = plain_portal.server.server_port
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        with browser_page(browser, origin + "/", clipboard=True) as page:
            page.goto("/konton/aterstall-losenord/")
            page.locator(".fokus-article-header button.fokus-copy").click()
            page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
            assert page.evaluate("navigator.clipboard.readText()") == (
                f"KB-0042 Återställ ditt lösenord – {origin}/kb/42/?via=svar")
            canonical = page.evaluate("document.querySelector('link[rel=canonical]').href")
            assert canonical == f"{origin}/konton/aterstall-losenord/"
            reply = page.evaluate("fetch('/api/articles/42').then(r => r.json())")
            assert reply["reply_snippet"] == f"KB-0042 Återställ ditt lösenord – {origin}/kb/42/"
            # A FAQ question's link carries its anchor on the same origin.
            page.goto("/natverk/vpn/")
            question = page.locator('details[data-anchor="hur-kopplar-jag-upp-vpn"]')
            question.locator("summary").click()
            question.locator("button.fokus-copy").click()
            page.wait_for_function(
                "navigator.clipboard.readText().then(t => t.includes('#hur-kopplar'))")
            assert page.evaluate("navigator.clipboard.readText()").endswith(
                f"– {origin}/kb/2/?via=svar#hur-kopplar-jag-upp-vpn")
            # Opened, the copied link leads to the question on the same origin.
            page.goto(page.evaluate("navigator.clipboard.readText()").split(" – ")[-1])
            page.wait_for_url(f"{origin}/natverk/vpn/#hur-kopplar-jag-upp-vpn")
