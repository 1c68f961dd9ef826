"""Events and status banners in time: their fields placed in a time zone and checked together,
and the order Aktuellt shows them in at a given moment.

A page is static, so the order at build time is only the order for readers without
JavaScript: the theme's script (fokus_theme/assets/fokus-events.js) applies the same rules by the
reader's clock, and fokus-status.js hides a banner whose time has passed. Keep the rules here
and there the same:

- upcoming events (not yet ended), soonest first;
- then news, newest first;
- then past events (ended), most recent first, marked as past.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .i18n import MONTHS, TIME_SEPARATOR, WEEKDAYS

if TYPE_CHECKING:  # content.py imports this module
    from .content import Article

DEFAULT_TIME_ZONE = "Europe/Stockholm"
EVENT = "event"
NEWS = "news"
# Fields only an event reads: elsewhere they are a mistake worth a warning.
EVENT_FIELDS = ("start", "end", "place", "online", "registration")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    hint: str = ""
    warning: bool = False
    near: str | None = None  # the field whose line to name when ``field`` itself is missing


def place_in_time(article: Article, default_zone: str) -> list[Problem]:
    """Give the article's times their zone (the article's `timezone`, else ``default_zone``)
    and check the fields that belong together. Times written with an offset keep it."""
    zone = zoneinfo.ZoneInfo(article.timezone or default_zone)
    article.start = _in_zone(article.start, zone)
    article.end = _in_zone(article.end, zone)
    article.banner_until = _in_zone(article.banner_until, zone)
    problems: list[Problem] = []
    if article.type == EVENT:
        problems += _event_problems(article)
        if article.start is not None and article.date is None:
            article.date = article.start.astimezone(zone).date()
    else:
        problems += [Problem(key, f"is only read for type {EVENT}",
                             f"remove it, or make the article `type: {EVENT}`", warning=True)
                     for key in EVENT_FIELDS if getattr(article, key) is not None]
    if article.banner is not None and article.banner_until is None:
        problems.append(Problem("banner_until", "is required with `banner`: a status banner "
                                "must end", "add when it ends, e.g. `banner_until: "
                                "2026-12-10 17:00`", near="banner"))
    elif article.banner is None and article.banner_until is not None:
        problems.append(Problem("banner", "is required with `banner_until`",
                                "add `banner: incident` or `banner: maintenance`",
                                near="banner_until"))
    return problems


def _event_problems(article: Article) -> list[Problem]:
    problems = []
    if article.start is not None and article.end is not None and article.end <= article.start:
        when = "before" if article.end < article.start else "when"
        problems.append(Problem("end", f"the event ends {when} it starts "
                                f"({_shown(article.end)} against start {_shown(article.start)})",
                                "check the date and time of `start` and `end`"))
    if not article.place and not article.online:
        problems.append(Problem("place", "an event needs a place or an online link",
                                "add `place: Utbildningssalen, plan 1` or `online: https://…`",
                                near="type"))
    return problems


def _in_zone(moment: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zone)


def _shown(moment: dt.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


def utc_iso(moment: dt.datetime | None) -> str | None:
    """A moment as the pages' scripts and the corpus read it: ISO 8601 in UTC."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- order at a moment ---------------------------------------------------------------------


@dataclass
class NewsOrder:
    upcoming: list[Article]
    news: list[Article]
    past: list[Article]


def is_past(article: Article, now: dt.datetime) -> bool:
    return article.type == EVENT and article.end is not None and article.end <= now


def news_order(articles: Iterable[Article], now: dt.datetime) -> NewsOrder:
    """News and events as Aktuellt lists them at ``now`` (see the module's rules)."""
    events = [a for a in articles if a.type == EVENT and a.start is not None]
    news = [a for a in articles if a.type == NEWS]
    upcoming = sorted((a for a in events if not is_past(a, now)),
                      key=lambda a: (a.start, a.path))
    past = sorted((a for a in events if is_past(a, now)), key=lambda a: (a.start, a.path),
                  reverse=True)
    news.sort(key=lambda a: (a.date or dt.date.min, a.path), reverse=True)
    return NewsOrder(upcoming, news, past)


def current_banners(articles: Iterable[Article], now: dt.datetime) -> list[Article]:
    """Articles whose banner has not ended at ``now``: incidents first, then by end."""
    live = [a for a in articles if a.banner and a.banner_until and a.banner_until > now]
    return sorted(live, key=lambda a: (a.banner != "incident", a.banner_until, a.path))


def build_moment(today: dt.date | None, zone_name: str) -> dt.datetime:
    """The moment the build orders pages by: now, or the start of a pinned ``today``
    (tests and previews pin it, like the review dates)."""
    if today is None:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.combine(today, dt.time(), zoneinfo.ZoneInfo(zone_name))


# -- in words ------------------------------------------------------------------------------


def local(moment: dt.datetime, zone_name: str) -> dt.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name))


def describe_when(start: dt.datetime, end: dt.datetime, zone_name: str, language: str,
                  site_zone: str) -> str:
    """`torsdag 10 december 2026 kl. 09.00–11.30`, in the event's zone (named when it is not
    the site's)."""
    first, last = local(start, zone_name), local(end, zone_name)
    text = _at(first, language)
    if first.date() == last.date():
        text += f"–{_time(last, language)}"
    else:
        text += f" – {_at(last, language)}"
    return text + (f" ({zone_name})" if zone_name != site_zone else "")


def short_when(start: dt.datetime, zone_name: str, language: str) -> str:
    """`tors 10 dec 2026 09.00`: for lists."""
    moment = local(start, zone_name)
    weekday = WEEKDAYS[_lang(language)][moment.weekday()][:3]
    month = MONTHS[_lang(language)][moment.month - 1][:3]
    if language == "en":
        return f"{weekday} {moment.day} {month} {moment.year}, {_time(moment, language)}"
    return f"{weekday} {moment.day} {month} {moment.year} {_time(moment, language)}"


def _day(moment: dt.datetime, language: str) -> str:
    weekday = WEEKDAYS[_lang(language)][moment.weekday()]
    month = MONTHS[_lang(language)][moment.month - 1]
    return f"{weekday} {moment.day} {month} {moment.year}"


def _at(moment: dt.datetime, language: str) -> str:
    separator = ", " if _lang(language) == "en" else " kl. "
    return f"{_day(moment, language)}{separator}{_time(moment, language)}"


def _time(moment: dt.datetime, language: str) -> str:
    return moment.strftime(f"%H{TIME_SEPARATOR[_lang(language)]}%M")


def _lang(language: str) -> str:
    return language if language in WEEKDAYS else "sv"
