"""Calendar files (iCalendar, RFC 5545) for events and an Atom feed (RFC 4287) of news and
events. Written by `icalendar` and `feedgen`, which know the formats' escaping, line folding,
time zones and required elements better than code written here would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from .content import Article
from .links import absolute

PRODUCT_ID = "-//Fokus//Fokus kunskapsbank//SV"
FEED_ENTRIES = 50


def event_calendar(events: Iterable[Article], *, name: str, site_url: str,
                   stamp: dt.datetime, language: str) -> bytes:
    """One calendar with the given events (each with `start` and `end`), time zones
    included."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-language", language)
    events = list(events)
    for article in events:
        calendar.add_component(_vevent(article, site_url, stamp))
    if events:
        # Time zone rules for the years the events are in, not for 1970-2038.
        first = min(a.start for a in events if a.start).date()
        last = max(a.end for a in events if a.end).date()
        calendar.add_missing_timezones(first_date=first.replace(month=1, day=1),
                                       last_date=last.replace(year=last.year + 1, month=1,
                                                              day=1))
    return calendar.to_ical()


def _vevent(article: Article, site_url: str, stamp: dt.datetime) -> Event:
    event = Event()
    # Stable across builds and moves: the KB number names the event.
    event.add("uid", f"{article.kb.lower()}@{_host(site_url)}")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", article.start)
    event.add("dtend", article.end)
    event.add("summary", article.title)
    url = absolute(site_url, article.url) if site_url else ""
    details = [article.summary, *([f"{article.online}"] if article.online else []),
               *([url] if url else [])]
    event.add("description", "\n\n".join(d for d in details if d))
    if article.place or article.online:
        event.add("location", article.place or article.online)
    if url:
        event.add("url", url)
    return event


def atom_feed(articles: Iterable[Article], *, title: str, site_url: str, feed_path: str,
              language: str, updated: dt.datetime) -> bytes:
    """News and events, newest first (an event by the day it starts)."""
    feed = FeedGenerator()
    feed_url = absolute(site_url, feed_path)
    feed.id(feed_url if site_url else f"urn:fokus:{_host(site_url)}:{feed_path}")
    feed.title(title)
    feed.language(language)
    feed.updated(updated.astimezone(dt.UTC))
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.link(href=absolute(site_url, ""), rel="alternate", type="text/html")
    newest = sorted(articles, key=lambda a: (a.date or dt.date.min, a.path), reverse=True)
    # feedgen writes entries in the reverse order of adding them.
    for article in reversed(newest[:FEED_ENTRIES]):
        entry = feed.add_entry()
        url = absolute(site_url, article.url)
        entry.id(url if site_url else f"urn:fokus:{_host(site_url)}:{article.kb.lower()}")
        entry.title(article.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.summary(article.summary or article.title)
        published = _moment(article.date, article)
        entry.published(published)
        entry.updated(max(published, _moment(article.reviewed, article)))
        entry.category(term=article.type)
    return feed.atom_str(pretty=True)


def _moment(day: dt.date | None, article: Article) -> dt.datetime:
    if article.type == "event" and article.start is not None and day == article.date:
        return article.start.astimezone(dt.UTC)
    return dt.datetime.combine(day or dt.date(1970, 1, 1), dt.time(), dt.UTC)


def _host(site_url: str) -> str:
    return urlsplit(site_url).hostname or "fokus"
