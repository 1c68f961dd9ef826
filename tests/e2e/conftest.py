"""Browser tests: Debian's Chromium driven by Playwright against a real local server.

A missing browser is an error, never a skip: CI must prove the browser tests ran.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from search_service import create_app
from site_builder.build import build_site

from ..conftest import write_kb

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def portal_settings(root: Path) -> dict:
    """The real service over a built site, with its index and event store in `root`."""
    return {"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
            "DATABASE_URL": f"sqlite:///{root / 'fokus.db'}"}


class Portal:
    """The portal served by the real app over HTTP on a free local port."""

    def __init__(self, settings: dict):
        self.app = create_app(settings)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Portal:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is the stdlib's
        pass


class StaticServer:
    """The built site alone, as a plain static web server serves it: /api/… is a 404 page."""

    def __init__(self, directory: Path):
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp("portal")
    write_kb(root)
    build_site(str(root / "mkdocs.yml"))
    with Portal(portal_settings(root)) as served:
        yield served


@contextmanager
def browser_page(browser, base_url: str, *, clipboard: bool = False,
                 enforce_csp: bool = False) -> Iterator:
    """A page in a fresh browser context at base_url, closed afterwards.

    Playwright's `wait_for_function` evaluates its predicate with `eval` inside the page,
    which the portal's Content-Security-Policy refuses, so by default the browser ignores
    the policy; tests/e2e/test_security_browser.py runs the portal with it in force."""
    context = browser.new_context(base_url=base_url, bypass_csp=not enforce_csp)
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"],
                                  origin=base_url.rstrip("/"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser, portal):
    with browser_page(browser, portal.url, clipboard=True) as opened:
        yield opened
