"""The numbers the insights pages and `fokus report` show, counted in SQL for a period.

Searches and clicks are counted from `search_days` (the events summed up per UTC day and query,
kept in step with every event by the store): periods are whole UTC days, and every figure here
is a sum or a maximum over days, so it is what the events themselves would give.

Definitions (docs/privacy.md and the pages say the same):
- zero-result share: searches that found nothing / all searches;
- click-through share: searches that found something and were followed by a click on a result
  for the same query in the same week / searches that found something. Clicks and searches are
  not linked one to one (no session is stored), so a query's clicks count for at most as many
  of its searches as there were that week;
- helpful share: Ja votes / votes, with the Wilson lower bound (search_service.feedback_report);
- votes are counted by when they were last cast (`updated_at`): a changed mind moves the vote.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, not_, select, true, update
from sqlalchemy.engine import Connection

from .feedback_report import FeedbackFigures
from .periods import Period, as_date, week_of, week_of_day, whole_day
from .store import (
    EventStore,
    feedback_votes,
    needs,
    reply_link_events,
    search_days,
    weekly_totals,
)

METRICS = ("searches", "zero_result_searches", "searches_with_hits", "clicked_searches",
           "clicks", "votes", "helpful_votes", "comments", "needs", "link_copies",
           "link_visits")
TOP_LIMIT = 100  # rows per list on the pages; the CSV has the same rows


# -- weekly counts: the overview, its trends, and what `fokus db prune` keeps -------------------

def weekly_counts(connection: Connection, start: datetime | None, end: datetime, *,
                  need_statuses: tuple[str, ...] | None = None) -> dict[date, Counter]:
    """Every metric per week for events in [start, end) (start None: from the beginning),
    both at midnight UTC; needs by when they were written, only those of `need_statuses`
    when given."""
    dialect = connection.dialect.name
    weeks: dict[date, Counter] = defaultdict(Counter)

    def add(statement: Any, *metrics: str) -> None:
        for row in connection.execute(statement):
            for metric, value in zip(metrics, row[1:], strict=True):
                weeks[as_date(row[0])][metric] += int(value or 0)

    def period(column: Any) -> Any:
        return and_(column < end, column >= start) if start is not None else column < end

    first_day, end_day = (whole_day(start) if start is not None else None), whole_day(end)

    def days() -> Any:
        d = search_days.c
        return and_(d.day < end_day, d.day >= first_day) if first_day else d.day < end_day

    d = search_days.c
    week = week_of_day(d.day, dialect).label("week")
    add(select(week, func.sum(d.searches), func.sum(d.zero_results),
               func.sum(d.searches - d.zero_results), func.sum(d.clicks))
        .where(days()).group_by(week),
        "searches", "zero_result_searches", "searches_with_hits", "clicks")
    add(_clicked_searches(dialect, days()), "clicked_searches")
    v = feedback_votes.c
    week = week_of(v.updated_at, dialect).label("week")
    # Comments apart, so that each query reads one of the vote indexes alone (see the store).
    add(select(week, func.count(), func.sum(case((v.helpful, 1), else_=0)))
        .where(period(v.updated_at)).group_by(week), "votes", "helpful_votes")
    add(select(week, func.count()).where(period(v.updated_at), v.comment.is_not(None))
        .group_by(week), "comments")
    n = needs.c
    week = week_of(n.created_at, dialect).label("week")
    wanted = n.status.in_(need_statuses) if need_statuses is not None else true()
    add(select(week, func.count()).where(period(n.created_at), wanted).group_by(week), "needs")
    r = reply_link_events.c
    week = week_of(r.created_at, dialect).label("week")
    add(select(week, func.sum(case((r.kind == "copy", 1), else_=0)),
               func.sum(case((r.kind == "visit", 1), else_=0)))
        .where(period(r.created_at)).group_by(week), "link_copies", "link_visits")
    return dict(weeks)


def _clicked_searches(dialect: str, days: Any) -> Any:
    """Per week, each query's clicks counted for at most as many of its searches with hits."""
    d = search_days.c
    week = week_of_day(d.day, dialect)
    per_query = (select(week.label("week"),
                        func.sum(d.searches - d.zero_results).label("with_hits"),
                        func.sum(d.clicks).label("clicks"))
                 .where(days).group_by(week, d.query).subquery())
    q = per_query.c
    return (select(q.week, func.sum(case((q.clicks < q.with_hits, q.clicks), else_=q.with_hits)))
            .group_by(q.week))


def stored_weekly_totals(connection: Connection, first_week: date | None,
                         end_week: date) -> dict[date, Counter]:
    """What pruned weeks left behind, for weeks in [first_week, end_week)."""
    t = weekly_totals.c
    statement = select(t.week, t.metric, t.value).where(t.week < end_week)
    if first_week is not None:
        statement = statement.where(t.week >= first_week)
    weeks: dict[date, Counter] = defaultdict(Counter)
    for row in connection.execute(statement):
        weeks[as_date(row.week)][row.metric] += int(row.value)
    return dict(weeks)


@dataclass
class Overview:
    period: Period
    totals: Counter
    weeks: list[tuple[date, Counter]]  # every week of the period, oldest first

    def share(self, part: str, whole: str) -> float | None:
        return _share(self.totals[part], self.totals[whole])

    def trend(self, metric: str, whole: str | None = None) -> list[float | None]:
        """A metric week by week, or its share of `whole`."""
        if whole is None:
            return [float(counts[metric]) for _, counts in self.weeks]
        return [_share(counts[metric], counts[whole]) for _, counts in self.weeks]


def overview(store: EventStore, period: Period) -> Overview:
    """Totals for the period and every metric week by week; weeks that `fokus db prune`
    already summed up come from the weekly totals."""
    with store.figures() as connection:
        live = weekly_counts(connection, period.start, period.end)
        pruned = stored_weekly_totals(connection, period.weeks[0],
                                      period.weeks[-1] + timedelta(days=7))
    weeks = []
    totals: Counter = Counter()
    for monday in period.weeks:
        counts = live.get(monday, Counter()) + pruned.get(monday, Counter())
        weeks.append((monday, counts))
        totals.update(counts)
    return Overview(period, totals, weeks)


# -- searches ---------------------------------------------------------------------------------

def top_queries(store: EventStore, period: Period, limit: int = TOP_LIMIT) -> list[dict]:
    """The most frequent searches: count, how many found nothing, when last seen."""
    d = search_days.c
    count = func.sum(d.searches).label("count")
    statement = (select(d.query, count, func.sum(d.zero_results).label("zero_results"),
                        func.max(d.last_seen).label("last_seen"))
                 .where(_in(period), d.searches > 0)
                 .group_by(d.query).order_by(count.desc(), d.query).limit(limit))
    return _rows(store, statement)


def zero_result_queries(store: EventStore, period: Period, limit: int = TOP_LIMIT) -> list[dict]:
    """Searches that found nothing, grouped by their normalised text, most frequent first.
    `category` is the service-area filter the search was made with, when it had one."""
    d = search_days.c
    count = func.sum(d.zero_results).label("count")
    statement = (select(d.query, count, func.max(d.last_zero_result).label("last_seen"),
                        func.max(d.zero_result_category).label("category"))
                 .where(_in(period), d.zero_results > 0)
                 .group_by(d.query).order_by(count.desc(), d.query).limit(limit))
    return _rows(store, statement)


def unclicked_queries(store: EventStore, period: Period, limit: int = TOP_LIMIT) -> list[dict]:
    """Searches that found something, where no result was opened in the period."""
    d = search_days.c
    count = func.sum(d.searches - d.zero_results).label("count")
    statement = (select(d.query, count, func.max(d.last_hit).label("last_seen"),
                        func.max(d.max_hits).label("hits"))
                 .where(_in(period))
                 .group_by(d.query).having(and_(func.sum(d.clicks) == 0, count > 0))
                 .order_by(count.desc(), d.query).limit(limit))
    return _rows(store, statement)


def _in(period: Period) -> Any:
    return and_(search_days.c.day >= period.first, search_days.c.day <= period.last)


def queries_before_no(store: EventStore, period: Period, limit: int = TOP_LIMIT) -> list[dict]:
    """Searches after which the reader voted Nej on the article they opened."""
    v = feedback_votes.c
    count = func.count().label("count")
    statement = (select(v.query, count, func.count(func.distinct(v.article_id)).label("articles"),
                        func.max(v.updated_at).label("last_seen"))
                 .where(v.updated_at >= period.start, v.updated_at < period.end,
                        not_(v.helpful), v.query.is_not(None))
                 .group_by(v.query).order_by(count.desc(), v.query).limit(limit))
    return _rows(store, statement)


# -- articles ---------------------------------------------------------------------------------

@dataclass
class TargetFigures:
    """One article or FAQ question: its votes and reply-link figures in the period."""

    feedback: FeedbackFigures
    link_copies: int = 0
    link_visits: int = 0

    @property
    def key(self) -> tuple[int, str]:
        return self.feedback.article_id, self.feedback.anchor or ""


def target_figures(store: EventStore, period: Period) -> list[TargetFigures]:
    """Every article and question with votes or reply links in the period."""
    v, r = feedback_votes.c, reply_link_events.c
    in_period = and_(v.updated_at >= period.start, v.updated_at < period.end)
    # Comments apart, so that each query reads one of the vote indexes alone (see the store).
    votes = (select(v.article_id, v.anchor, func.count().label("votes"),
                    func.sum(case((v.helpful, 1), else_=0)).label("helpful"))
             .where(in_period).group_by(v.article_id, v.anchor))
    commented = (select(v.article_id, v.anchor, func.count().label("comments"))
                 .where(in_period, v.comment.is_not(None)).group_by(v.article_id, v.anchor))
    links = (select(r.article_id, r.anchor,
                    func.sum(case((r.kind == "copy", 1), else_=0)).label("copies"),
                    func.sum(case((r.kind == "visit", 1), else_=0)).label("visits"))
             .where(r.created_at >= period.start, r.created_at < period.end)
             .group_by(r.article_id, r.anchor))
    targets: dict[tuple[int, str], TargetFigures] = {}

    def target(article_id: int, anchor: str) -> TargetFigures:
        key = (article_id, anchor or "")
        if key not in targets:
            targets[key] = TargetFigures(FeedbackFigures(article_id, anchor or None,
                                                         comment_count=0))
        return targets[key]

    for row in _rows(store, votes):
        figures = target(row["article_id"], row["anchor"]).feedback
        figures.votes, figures.helpful = int(row["votes"]), int(row["helpful"] or 0)
    for row in _rows(store, commented):
        target(row["article_id"], row["anchor"]).feedback.comment_count = int(row["comments"])
    for row in _rows(store, links):
        entry = target(row["article_id"], row["anchor"])
        entry.link_copies, entry.link_visits = int(row["copies"] or 0), int(row["visits"] or 0)
    return list(targets.values())


def comments(store: EventStore, period: Period, *, handled: bool = False) -> list[dict]:
    """Every comment in the period, newest first: those not yet handled, or only the
    handled."""
    v = feedback_votes.c
    state = v.handled_at.is_not(None) if handled else v.handled_at.is_(None)
    statement = (select(v.id, v.article_id, v.anchor, v.helpful, v.comment, v.query,
                        v.updated_at, v.handled_at)
                 .where(v.updated_at >= period.start, v.updated_at < period.end,
                        v.comment.is_not(None), state)
                 .order_by(v.updated_at.desc(), v.id.desc()))
    return _rows(store, statement)


def mark_handled(store: EventStore, vote_id: int, handled: bool = True) -> bool:
    """Clear a comment from the list (or bring it back). False when there is no such vote."""
    with store.transaction() as connection:
        changed = connection.execute(
            update(feedback_votes).where(feedback_votes.c.id == vote_id)
            .values(handled_at=store.clock() if handled else None))
    return changed.rowcount == 1


def _rows(store: EventStore, statement: Any) -> list[dict]:
    with store.figures() as connection:
        return [dict(row) for row in connection.execute(statement).mappings()]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
