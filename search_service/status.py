"""Current service status first: a search that asks for status ("driftstörning", "störning",
"avbrott", "underhåll" …) lists the articles whose status banner has not yet ended before any
other hit, incidents first.

The corpus gives each article its `banner` (incident or maintenance) and `banner_until` (UTC);
whether a banner is current is decided at the moment of the search, so a status article stops
being pinned by itself when its time passes, like the banner on the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape

# Stems, matched inside words: "driftstörningar", "nätverksstörning", "underhållet". Not
# "incident" inside a word: a "säkerhetsincident" or "personuppgiftsincident" is reported,
# not a service's status.
STATUS_WORDS_RE = re.compile(
    r"störning|storning|avbrott|driftstopp|driftinfo|driftstatus|underhåll|underhall|"
    r"outage|disruption|\bincidents?\b|maintenance|downtime|service status", re.IGNORECASE)
KIND_ORDER = ("incident", "maintenance")


def asks_for_status(query: str) -> bool:
    return bool(STATUS_WORDS_RE.search(query))


def current_status(articles: Iterable[dict], now: datetime) -> list[dict]:
    """Published articles whose banner is current at ``now``: incidents, then maintenance,
    each soonest ending first."""
    live = []
    for article in articles:
        until = _moment(article.get("banner_until"))
        if article.get("banner") and until is not None and until > now:
            live.append((KIND_ORDER.index(article["banner"])
                         if article["banner"] in KIND_ORDER else len(KIND_ORDER), until,
                         article["id"], article))
    return [article for *_, article in sorted(live, key=lambda entry: entry[:3])]


def status_first(result: dict, articles: Iterable[dict], *, now: datetime,
                 type: str | None = None, category: str | None = None) -> dict:
    """``result`` (a search's first page) with the current status articles on top, when the
    query asks for status; the filters still apply."""
    if result.get("page") != 1 or not asks_for_status(result.get("query", "")):
        return result
    pinned = [a for a in current_status(articles, now)
              if (not type or a["type"] == type) and (not category or a["category"] == category)]
    if not pinned:
        return result
    ids = {a["id"] for a in pinned}
    found = {hit["article_id"]: hit for hit in result["hits"]}
    rest = [hit for hit in result["hits"] if hit["article_id"] not in ids]
    added = len(ids - set(found))
    hits = [dict(found.get(a["id"]) or _hit(a), status=a["banner"]) for a in pinned] + rest
    size = result["page_size"]
    total = result["total"] + added
    return dict(result, hits=hits[:size], total=total, pages=(total + size - 1) // size)


def _hit(article: dict) -> dict:
    """A hit for a status article the words of the query did not find: its top."""
    return {"article_id": article["id"], "kb": article["kb"], "title": article["title"],
            "type": article["type"], "category": article["category"], "section": None,
            "anchor": None, "url": article["url"], "path": article["path"],
            "short_url": article["short_url"], "summary": article["summary"],
            "snippet": escape(article["summary"] or ""), "score": 0.0, "more_sections": []}


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
