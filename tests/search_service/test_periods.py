"""Periods and weeks: whole UTC days, weeks from Monday, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from search_service.figures import overview
from search_service.periods import Period, whole_day

from .test_store import Clock


@pytest.mark.parametrize("moment, week", [
    (datetime(2026, 9, 6, 23, 59, 59, 999_999, tzinfo=UTC), 0),  # the last instant of Sunday
    (datetime(2026, 9, 7, 0, 0, tzinfo=UTC), 1),  # Monday at midnight starts the next week
    (datetime(2026, 8, 31, 0, 0, tzinfo=UTC), 0),
])
def test_an_event_counts_in_the_week_it_happened(store, moment, week):
    store.clock = Clock(moment)
    store.record_search("vpn", {}, 1, 1.0)
    store.record_vote(article_id=5, anchor=None, helpful=True, comment=None, query=None,
                      voter="a")
    data = overview(store, Period(date(2026, 8, 31), date(2026, 9, 13)))
    assert [(monday, counts["searches"], counts["votes"]) for monday, counts in data.weeks] == [
        (date(2026, 8, 31), int(week == 0), int(week == 0)),
        (date(2026, 9, 7), int(week == 1), int(week == 1))]


def test_figures_are_summed_by_whole_utc_days():
    assert whole_day(datetime(2026, 9, 7, tzinfo=UTC)) == date(2026, 9, 7)
    with pytest.raises(ValueError, match="not midnight UTC"):
        whole_day(datetime(2026, 9, 7, 9, 30, tzinfo=UTC))
