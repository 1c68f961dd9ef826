"""Events and status banners: the schema and its findings, Aktuellt's order, calendar files
and the Atom feed, read back with the libraries a reader's calendar and feed reader use."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest

from site_builder.build import build_site
from site_builder.content import load_content

from ..conftest import article, write_events, write_kb

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("events")
    write_events(write_kb(root))
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


# -- bad input ---------------------------------------------------------------------------


def findings(tree, **fields) -> list[str]:
    tree.write("konton/evenemang.md", article(40, "Evenemang", **fields))
    return [str(f) for f in load_content(tree.root).findings if f.file == "konton/evenemang.md"]


EVENT = {"type": "event", "start": "2026-12-10 09:00", "end": "2026-12-10 10:00",
         "place": "Storgatan 12"}


def test_a_well_formed_event_has_no_findings(tree):
    assert findings(tree, **EVENT) == []


def test_an_event_ending_before_it_starts_names_file_line_and_field(tree):
    found = findings(tree, **dict(EVENT, end="2026-12-10 08:00"))
    assert found == ["konton/evenemang.md:10: end: the event ends before it starts "
                     "(2026-12-10 08:00+01:00 against start 2026-12-10 09:00+01:00) "
                     "(hint: check the date and time of `start` and `end`)"]


def test_an_unknown_time_zone_is_a_finding_with_a_suggestion(tree):
    [found] = findings(tree, **EVENT, timezone="Europe/Stokholm")
    assert found.startswith("konton/evenemang.md:12: timezone: unknown time zone "
                            "'Europe/Stokholm'")
    assert "did you mean `Europe/Stockholm`?" in found


def test_an_event_without_place_or_link_is_a_finding(tree):
    found = findings(tree, **{k: v for k, v in EVENT.items() if k != "place"})
    assert found == ["konton/evenemang.md:5: place: an event needs a place or an online link "
                     "(hint: add `place: Utbildningssalen, plan 1` or `online: https://…`)"]


def test_a_banner_without_an_end_is_a_finding_on_the_banner_line(tree):
    found = findings(tree, banner="incident")
    assert found == ["konton/evenemang.md:9: banner_until: is required with `banner`: a "
                     "status banner must end (hint: add when it ends, e.g. `banner_until: "
                     "2026-12-10 17:00`)"]


@pytest.mark.parametrize("fields, expected", [
    ({"start": "2026-12-10"}, "start: '2026-12-10' has no time of day"),
    ({"end": "2026-12-32 10:00"}, "end: '2026-12-32 10:00' is not a date and time"),
    ({"online": "teams.example.se"}, "online: 'teams.example.se' is not a web address"),
    ({"registration": "javascript:alert(1)"}, "registration: 'javascript:alert(1)' is not a web"),
    ({"banner": "fire", "banner_until": "2026-12-10 17:00"}, "banner: 'fire' is not one of"),
    ({"start": None, "end": None}, "start: is required for type event"),
])
def test_bad_event_fields_are_findings(tree, fields, expected):
    found = findings(tree, **{k: v for k, v in {**EVENT, **fields}.items() if v is not None})
    assert any(expected in f for f in found), found


def test_event_fields_on_another_type_are_a_warning(tree):
    [found] = findings(tree, place="Storgatan 12")
    assert "warning: place: is only read for type event" in found


def test_times_take_the_articles_zone_an_offset_or_the_sites(tree):
    tree.write("konton/a.md", article(41, "A", **dict(EVENT, timezone="Europe/London")))
    tree.write("konton/b.md", article(42, "B", **dict(EVENT, start="2026-12-10T09:00Z")))
    tree.write("konton/c.md", article(43, "C", **EVENT))
    by_id = load_content(tree.root, time_zone="America/New_York").by_id()
    assert by_id[41].start == dt.datetime(2026, 12, 10, 9, tzinfo=ZoneInfo("Europe/London"))
    assert by_id[42].start == dt.datetime(2026, 12, 10, 9, tzinfo=dt.UTC)
    assert by_id[43].start == dt.datetime(2026, 12, 10, 9, tzinfo=ZoneInfo("America/New_York"))
    assert by_id[43].date == dt.date(2026, 12, 10)  # an event's date is the day it starts


def test_a_bad_default_time_zone_stops_the_build_naming_the_option(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    write_kb(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("      today:", "      time_zone: Mars/Base\n"
                                                 "      today:"))
    with pytest.raises(Abort):
        build_site(str(config))
    assert "option 'time_zone': unknown time zone 'Mars/Base'" in caplog.text


# -- Aktuellt and the event pages --------------------------------------------------------


def groups(html: str) -> dict[str, list[str]]:
    """Titles per group of the first news list, in the order written (the build's order)."""
    found = {}
    for name, body in re.findall(r'data-group="(\w+)"[^>]*>(.*?)</section>', html, re.S):
        found[name] = re.findall(r'<a href="[^"]+">([^<]+)</a>', body)
    return found


def test_aktuellt_lists_upcoming_events_soonest_first_then_news_then_past(site):
    order = groups(read(site, "aktuellt/index.html"))
    assert order == {
        "upcoming": ["Underhåll av nätverket", "Kurs i VPN hemifrån", "Informationsmöte om wifi"],
        "news": ["Planerat underhåll"],
        "past": ["Kurs i MFA"],
    }


def test_every_item_carries_its_times_for_the_readers_clock(site):
    html = read(site, "aktuellt/index.html")
    assert ('data-end="2026-12-10T10:30:00Z" data-kind="event" '
            'data-start="2026-12-10T08:00:00Z"') in html
    assert re.search(r'data-kind="event" data-past="data-past" data-start="2026-10-22T07:00:00Z"',
                     html)
    assert 'data-date="2026-12-03" data-kind="news"' in html
    assert re.search(r'<script src="[^"]*assets/fokus-events\.\w+\.js">', html)


def test_the_start_page_leads_with_upcoming_events_and_leaves_past_ones_out(site):
    html = read(site, "index.html")
    assert groups(html)["upcoming"][0] == "Underhåll av nätverket"
    assert "Kurs i MFA" not in html


def test_an_event_page_shows_when_where_registration_and_its_calendar_file(site):
    html = read(site, "natverk/kurs-vpn/index.html")
    assert '<time datetime="2026-12-10T09:00:00+01:00">torsdag 10 december 2026 kl. ' \
           "09.00–11.30</time>" in html
    assert "<dt>Plats</dt><dd>Utbildningssalen, plan 1</dd>" in html
    assert '<a href="https://service.example.se/kurs" rel="noopener">Anmäl dig</a>' in html
    assert 'href="../../aktuellt/kalender/KB-0030.ics" download="KB-0030.ics"' in html
    online = read(site, "natverk/informationsmote/index.html")
    assert '<a href="https://teams.example.se/mote" rel="noopener">Anslut till mötet</a>' in online


def test_an_event_is_listed_and_marked_in_the_menu_with_the_news(site):
    html = read(site, "natverk/kurs-vpn/index.html")
    assert re.search(r'md-tabs__item--active">\s*<a href="../../aktuellt/"', html)


# -- calendars and the feed --------------------------------------------------------------


def test_each_event_has_a_calendar_file_that_calendars_read(site):
    calendar = icalendar.Calendar.from_ical((site / "aktuellt/kalender/KB-0030.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Kurs i VPN hemifrån"
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 10, 9, tzinfo=STOCKHOLM)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 10, 11, 30, tzinfo=STOCKHOLM)
    assert str(event["location"]) == "Utbildningssalen, plan 1"
    assert str(event["uid"]) == "kb-0030@kb.example.se"
    assert str(event["url"]) == "https://kb.example.se/natverk/kurs-vpn/"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_the_calendar_feed_holds_every_upcoming_event_and_no_past_one(site):
    calendar = icalendar.Calendar.from_ical((site / "kalender.ics").read_bytes())
    assert sorted(str(e["uid"]) for e in calendar.walk("VEVENT")) == [
        "kb-0030@kb.example.se", "kb-0031@kb.example.se", "kb-0033@kb.example.se"]
    online = next(e for e in calendar.walk("VEVENT") if "0031" in str(e["uid"]))
    assert str(online["location"]) == "https://teams.example.se/mote"


def test_the_atom_feed_of_news_and_events_reads_back(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.title == "Aktuellt – Testportalen"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Informationsmöte om wifi"  # newest first: an event by its day
    assert set(titles) == {"Informationsmöte om wifi", "Kurs i VPN hemifrån",
                           "Underhåll av nätverket", "Planerat underhåll", "Kurs i MFA"}
    entry = next(e for e in feed.entries if e.title == "Kurs i VPN hemifrån")
    assert entry.link == "https://kb.example.se/natverk/kurs-vpn/"


def test_every_page_links_the_feed_and_the_calendar(site):
    for page in ("index.html", "konton/aterstall-losenord/index.html", "faq/index.html",
                 "404.html"):
        html = read(site, page)
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                         r'href="[^"]*feed.xml">', html), page
        assert re.search(r'<link rel="alternate" type="text/calendar" title="[^"]+" '
                         r'href="[^"]*kalender.ics">', html), page


def test_a_feed_of_the_contents_own_steps_aside(tmp_path):
    kb = write_kb(tmp_path)
    kb.write("feed.xml", "<rss>organisationens eget flöde</rss>")
    build_site(str(tmp_path / "mkdocs.yml"))
    assert "organisationens eget" in (tmp_path / "site/feed.xml").read_text(encoding="utf-8")
    assert feedparser.parse((tmp_path / "site/_fokus/feed.xml").read_bytes()).version == "atom10"
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" title="Aktuellt – Testportalen" href="_fokus/feed.xml"' \
        in html


# -- status banners ----------------------------------------------------------------------


def test_every_page_carries_the_current_banner_with_its_end(site):
    expected = ('data-until="2026-12-05T17:00:00Z"><strong>Planerat underhåll:</strong> '
                '<a href="')
    for page in ("index.html", "konton/aterstall-losenord/index.html", "404.html",
                 "sok/index.html"):
        assert expected in read(site, page), page
    assert re.search(r'<script src="[^"]*assets/fokus-status\.\w+\.js">', read(site, "index.html"))


def test_a_banner_whose_title_says_what_it_is_is_not_labelled_twice(tmp_path):
    kb = write_kb(tmp_path)
    title = '"Driftstörning: e-posten är nere"'  # quoted for YAML: it holds a colon
    kb.write("natverk/storning.md", article(51, title, type="news", summary="Nere.",
                                            category="natverk", date="2026-11-30",
                                            banner="incident", banner_until="2099-01-01 12:00"))
    build_site(str(tmp_path / "mkdocs.yml"))
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="fokus-status__item fokus-status__item--incident".*?</p>', html,
                       re.S).group(0)
    assert "<strong>" not in banner and banner.count("Driftstörning") == 1
    assert ">Driftstörning: e-posten är nere</a>" in banner


def test_a_banner_that_ended_before_the_build_is_left_out(tmp_path):
    kb = write_kb(tmp_path)
    kb.write("natverk/gammal.md", article(50, "Gammal störning", type="news",
                                          category="natverk", date="2026-11-01",
                                          banner="incident", banner_until="2026-11-02 12:00"))
    build_site(str(tmp_path / "mkdocs.yml"))
    assert "data-fokus-status" not in (tmp_path / "site/index.html").read_text()


def test_the_corpus_carries_events_and_banners_in_utc(site):
    import json

    records = {r["id"]: r for r in json.loads(read(site, "corpus.json"))["articles"]}
    assert records[33]["banner"] == "maintenance"
    assert records[33]["banner_until"] == "2026-12-05T17:00:00Z"
    assert (records[30]["start"], records[30]["end"]) == ("2026-12-10T08:00:00Z",
                                                          "2026-12-10T10:30:00Z")
    assert records[31]["online"] == "https://teams.example.se/mote"
    assert records[42]["banner"] is None and records[42]["start"] is None
