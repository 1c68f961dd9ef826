"""A fixture set of events whose figures are worked out by hand in the tests' comments, over a
corpus whose service areas and articles have owners and review dates."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from search_service import create_app
from search_service.needs import record_need
from search_service.staff import add_staff
from search_service.store import EventStore

from .corpus_factory import CATEGORIES, helpdesk_articles, write_corpus

PASSWORD = "ett riktigt långt lösenord"
OWNERS = {"konton": "Servicedesk", "natverk": "Team Nätverk", "skrivare": "Team Klient",
          "e-post": "Team Kommunikation"}
FAQ_ANCHOR = "varfor-tappar-jag-anslutningen"  # a question of article 6
TODAY = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday; its week starts 11-23


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def owned_corpus(path: Path, *, language: str = "sv") -> Path:
    """The helpdesk articles, each owned by its area's team; reviews: KB-0001 overdue,
    KB-0005 due within 30 days, the rest next year."""
    articles = helpdesk_articles()
    for record in articles:
        record["owner"] = OWNERS[record["category"]]
    by_id = {record["id"]: record for record in articles}
    by_id[1]["review_due"] = "2026-11-01"
    by_id[5]["review_due"] = "2026-12-10"
    write_corpus(path, articles, language=language)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["categories"] = [dict(c, owner=OWNERS[c["slug"]]) for c in CATEGORIES]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def fill(store: EventStore, clock: Clock) -> None:
    """Two weeks of events.

    Week of 2026-11-16: vpn x4 (3 hits), fax x2 (0 hits), skrivare x2 (5 hits); clicks:
    vpn x1, skrivare x3. Week of 2026-11-23: vpn x2 (3 hits), plotter x2 (0 hits, the second
    filtered to the printers' area), vpn mac x1 (2 hits, never clicked); clicks: vpn x2.
    Votes: KB-0005 3 of 4 helpful, KB-0006's first question 10 of 10, KB-0001 1 Nej with a
    comment in markup. Needs: one about plotters (printers' area), one with no area.
    """
    def at(day: int, hour: int = 9) -> None:
        clock.now = datetime(2026, 11, day, hour, 0, tzinfo=UTC)

    at(17)
    for _ in range(4):
        store.record_search("vpn", {}, 3, 2.0)
    for _ in range(2):
        store.record_search("fax", {}, 0, 2.0)
        store.record_search("skrivare", {}, 5, 2.0)
    store.record_click("vpn", 5, None, 1)
    for _ in range(3):
        store.record_click("skrivare", 4, None, 1)
    at(24)
    for _ in range(2):
        store.record_search("vpn", {}, 3, 2.0)
        store.record_click("vpn", 5, None, 1)
    store.record_search("plotter", {}, 0, 2.0)
    store.record_search("plotter", {"category": "skrivare"}, 0, 2.0)
    store.record_search("vpn mac", {}, 2, 2.0)
    at(25)
    for n, (helpful, comment, query) in enumerate([
            (True, None, "vpn"), (True, None, "vpn"), (True, "Bra!", None),
            (False, "=HYPERLINK(\"https://evil.test\")", "vpn mac")]):
        store.record_vote(article_id=5, anchor=None, helpful=helpful, comment=comment,
                          query=query, voter=f"voter-{n}")
    for n in range(10):
        store.record_vote(article_id=6, anchor=FAQ_ANCHOR, helpful=True, comment=None,
                          query="wifi", voter=f"voter-{n}")
    store.record_vote(article_id=1, anchor=None, helpful=False,
                      comment="<script>alert(1)</script> saknar steg", query="lösenord",
                      voter="voter-x")
    record_need(store, text="Hur skriver jag ut på en plotter?", query="plotter",
                category="skrivare", article_id=None)
    record_need(store, text="Finns det en fax?", query="fax", category=None, article_id=None)
    clock.now = TODAY


def insights_app(root: Path, database_url: str, *, language: str = "sv", **settings):
    """The real app over the owned corpus, with a staff account `anna` (Team Nätverk) and
    the fixture events, on a clock fixed at TODAY."""
    owned_corpus(root / "site" / "corpus.json", language=language)
    app = create_app({"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
                      "DATABASE_URL": database_url, "WATCH_CORPUS": False,
                      "SALT_FILE": str(root / "salt"), "SECRET_KEY_FILE": str(root / "key"),
                      "PRUNE_DAILY": False, "INSIGHTS_MIN_VOTES": 4, **settings})
    store = app.extensions["fokus_store"]
    clock = Clock(TODAY)
    store.clock = clock  # periods and "today" are fixed
    add_staff(store, "anna", PASSWORD, "Team Nätverk")
    fill(store, clock)
    return app


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(client, login: str = "anna", password: str = PASSWORD, **request):
    """The sign-in form filled in and sent; `request` as for the test client's get/post."""
    token = csrf_token(client.get("/insights/sign-in", **request).get_data(as_text=True))
    return client.post("/insights/sign-in", data={"csrf_token": token, "login": login,
                                                  "password": password}, **request)
