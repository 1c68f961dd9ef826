"""The search figures counted straight from the search and click events, as the insights pages
counted them before `search_days` (migration 0004): the reference the summary must equal.

Only tests use this; the pages and `fokus report` read search_service.figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, not_, select
from sqlalchemy.engine import Connection

from search_service.figures import stored_weekly_totals
from search_service.periods import Period, as_date, week_of
from search_service.store import EventStore, click_events, search_events

SEARCH_METRICS = ("searches", "zero_result_searches", "searches_with_hits", "clicked_searches",
                  "clicks")


def weekly_search_counts(connection: Connection, start: datetime | None,
                         end: datetime) -> dict[date, Counter]:
    """SEARCH_METRICS per week for events in [start, end) (start None: from the beginning)."""
    dialect = connection.dialect.name
    weeks: dict[date, Counter] = defaultdict(Counter)

    def add(statement: Any, *metrics: str) -> None:
        for row in connection.execute(statement):
            for metric, value in zip(metrics, row[1:], strict=True):
                weeks[as_date(row[0])][metric] += int(value or 0)

    def period(column: Any) -> Any:
        return and_(column < end, column >= start) if start is not None else column < end

    s, c = search_events.c, click_events.c
    week = week_of(s.created_at, dialect).label("week")
    add(select(week, func.count(), func.sum(case((s.hits == 0, 1), else_=0)),
               func.sum(case((s.hits > 0, 1), else_=0)))
        .where(period(s.created_at)).group_by(week),
        "searches", "zero_result_searches", "searches_with_hits")
    s_week, c_week = week_of(s.created_at, dialect), week_of(c.created_at, dialect)
    searched = (select(s_week.label("week"), s.query, func.count().label("n"))
                .where(period(s.created_at), s.hits > 0).group_by(s_week, s.query).subquery())
    clicked = (select(c_week.label("week"), c.query, func.count().label("n"))
               .where(period(c.created_at)).group_by(c_week, c.query).subquery())
    smaller = case((clicked.c.n < searched.c.n, clicked.c.n), else_=searched.c.n)
    add(select(searched.c.week, func.sum(smaller))
        .join(clicked, and_(clicked.c.week == searched.c.week,
                            clicked.c.query == searched.c.query))
        .group_by(searched.c.week), "clicked_searches")
    week = week_of(c.created_at, dialect).label("week")
    add(select(week, func.count()).where(period(c.created_at)).group_by(week), "clicks")
    return dict(weeks)


def search_overview(store: EventStore, period: Period) -> list[tuple[date, Counter]]:
    """SEARCH_METRICS for every week of the period, pruned weeks from their weekly totals."""
    with store.engine.connect() as connection:
        live = weekly_search_counts(connection, period.start, period.end)
        pruned = stored_weekly_totals(connection, period.weeks[0],
                                      period.weeks[-1] + timedelta(days=7))
    weeks = []
    for monday in period.weeks:
        counts = live.get(monday, Counter()) + pruned.get(monday, Counter())
        weeks.append((monday, Counter({m: counts[m] for m in SEARCH_METRICS if counts[m]})))
    return weeks


def top_queries(store: EventStore, period: Period, limit: int) -> list[dict]:
    s = search_events.c
    count = func.count().label("count")
    return _rows(store, select(s.query, count,
                               func.sum(case((s.hits == 0, 1), else_=0)).label("zero_results"),
                               func.max(s.created_at).label("last_seen"))
                 .where(s.created_at >= period.start, s.created_at < period.end)
                 .group_by(s.query).order_by(count.desc(), s.query).limit(limit))


def zero_result_queries(store: EventStore, period: Period, limit: int) -> list[dict]:
    s = search_events.c
    count = func.count().label("count")
    return _rows(store, select(s.query, count, func.max(s.created_at).label("last_seen"),
                               func.max(s.category).label("category"))
                 .where(s.created_at >= period.start, s.created_at < period.end, s.hits == 0)
                 .group_by(s.query).order_by(count.desc(), s.query).limit(limit))


def unclicked_queries(store: EventStore, period: Period, limit: int) -> list[dict]:
    s, c = search_events.c, click_events.c
    clicked = (select(c.query).where(c.created_at >= period.start, c.created_at < period.end)
               .distinct())
    count = func.count().label("count")
    return _rows(store, select(s.query, count, func.max(s.created_at).label("last_seen"),
                               func.max(s.hits).label("hits"))
                 .where(s.created_at >= period.start, s.created_at < period.end, s.hits > 0,
                        not_(s.query.in_(clicked)))
                 .group_by(s.query).order_by(count.desc(), s.query).limit(limit))


def _rows(store: EventStore, statement: Any) -> list[dict]:
    return [dict(row) for row in store.read(statement)]
