"""`fokus db prune`: old events go, in whole weeks, and survive as weekly totals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from fokus.cli import main
from search_service.figures import overview
from search_service.needs import open_needs, record_need, update_need
from search_service.periods import Period
from search_service.reply_links import record_reply_link
from search_service.retention import cutoff_for, prune
from search_service.store import EventStore, weekly_totals

from .test_store import Clock


def test_the_cut_falls_on_the_monday_before_the_retention_age():
    # 2026-12-01 is a Tuesday; minus 28 days is Tuesday 2026-11-03; its Monday is 11-02.
    assert cutoff_for(datetime(2026, 12, 1, 9, 30, tzinfo=UTC), 28) == datetime(
        2026, 11, 2, tzinfo=UTC)
    # 13 months (396 days) back from 2026-12-01 is 2025-10-31, a Friday: cut on 2025-10-27.
    assert cutoff_for(datetime(2026, 12, 1, tzinfo=UTC), 396) == datetime(
        2025, 10, 27, tzinfo=UTC)


@pytest.fixture
def clock():
    return Clock(datetime(2026, 10, 20, 12, 0, tzinfo=UTC))  # a Tuesday, week of 10-19


@pytest.fixture
def old_store(database_url, clock):
    store = EventStore(database_url, clock=clock)
    store.upgrade()
    # Week of 2026-10-19 (to be pruned): 3 searches, one without hits, one clicked;
    # 2 votes, one helpful; a need that is done and one still open; a copied reply link.
    store.record_search("vpn", {}, 2, 1.0)
    store.record_search("vpn", {}, 2, 1.0)
    store.record_search("fax", {}, 0, 1.0)
    store.record_click("vpn", 5, None, 1)
    store.record_vote(article_id=5, anchor=None, helpful=True, comment=None, query="vpn",
                      voter="a")
    store.record_vote(article_id=5, anchor=None, helpful=False, comment="Fel", query=None,
                      voter="b")
    done = record_need(store, text="Fax", query="fax", category=None, article_id=None)
    record_need(store, text="Plotter", query=None, category=None, article_id=None)
    update_need(store, done["id"], status="done")
    record_reply_link(store, article_id=5, anchor="", kind="copy")
    # 2026-11-30, a Monday, six weeks later: kept.
    clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    store.record_search("skrivare", {}, 1, 1.0)
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    yield store
    store.dispose()


def test_prune_deletes_old_events_and_keeps_weekly_totals(old_store):
    result = prune(old_store, retention_days=28)
    assert result.cutoff == datetime(2026, 11, 2, tzinfo=UTC)
    assert result.deleted == {"search_events": 3, "click_events": 1, "feedback_votes": 2,
                              "reply_link_events": 1, "needs": 1}
    assert [s["query"] for s in old_store.searches()] == ["skrivare"]
    assert old_store.votes() == []
    assert [n["text"] for n in open_needs(old_store)] == ["Plotter"]  # open needs stay

    rows = old_store.read(select(weekly_totals).order_by(weekly_totals.c.metric))
    assert {r["metric"]: r["value"] for r in rows} == {
        "searches": 3, "zero_result_searches": 1, "searches_with_hits": 2,
        "clicked_searches": 1, "clicks": 1, "votes": 2, "helpful_votes": 1, "comments": 1,
        "needs": 1, "link_copies": 1}
    assert {r["week"] if isinstance(r["week"], date) else date.fromisoformat(r["week"])
            for r in rows} == {date(2026, 10, 19)}


def test_the_overview_of_a_pruned_week_reads_its_totals(old_store):
    before = overview(old_store, Period(date(2026, 10, 19), date(2026, 10, 25)))
    prune(old_store, retention_days=28)
    after = overview(old_store, Period(date(2026, 10, 19), date(2026, 10, 25)))
    # The open need is still an event; the done one lives on in the totals: 2 either way.
    assert after.totals == before.totals
    assert after.totals["searches"] == 3 and after.totals["needs"] == 2
    assert after.share("zero_result_searches", "searches") == pytest.approx(1 / 3)


def test_pruning_twice_counts_nothing_twice(old_store):
    prune(old_store, retention_days=28)
    again = prune(old_store, retention_days=28)
    assert set(again.deleted.values()) == {0}
    rows = old_store.read(select(weekly_totals).where(weekly_totals.c.metric == "searches"))
    assert [r["value"] for r in rows] == [3]


def test_fokus_db_prune(old_store, monkeypatch, tmp_path):
    url = old_store.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("FOKUS_DATABASE_URL", url)
    monkeypatch.setenv("FOKUS_RETENTION_DAYS", "7")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["db", "prune"])
    assert result.exit_code == 0, result.output
    assert "search_events" in result.output and "week(s) kept as weekly totals" in result.output
    assert "vpn" not in {s["query"] for s in old_store.searches()}
