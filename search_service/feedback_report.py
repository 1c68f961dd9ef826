"""The read side of feedback: per article and per FAQ question, how readers voted and why.

The insights pages and `fokus report` show these figures (through search_service.figures, which
counts them in SQL for a period); owners use them to see what to fix."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from .store import EventStore

Z_95 = 1.959964  # two-sided 95 %


def wilson_lower_bound(helpful: int, votes: int, z: float = Z_95) -> float:
    """Lower bound of the Wilson score interval for the helpful share.

    It ranks "3 of 3 helpful" below "95 of 100": few votes say little."""
    if votes == 0:
        return 0.0
    share = helpful / votes
    centre = share + z * z / (2 * votes)
    margin = z * math.sqrt((share * (1 - share) + z * z / (4 * votes)) / votes)
    return (centre - margin) / (1 + z * z / votes)


@dataclass
class Comment:
    date: datetime
    text: str
    helpful: bool


@dataclass
class FeedbackFigures:
    article_id: int
    anchor: str | None  # None: the article as a whole
    votes: int = 0
    helpful: int = 0
    comments: list[Comment] = field(default_factory=list)
    queries: list[tuple[str, int]] = field(default_factory=list)  # search, how many votes
    comment_count: int | None = None  # when counted in SQL without loading the comments

    @property
    def comments_total(self) -> int:
        return len(self.comments) if self.comment_count is None else self.comment_count

    @property
    def helpful_share(self) -> float:
        return self.helpful / self.votes if self.votes else 0.0

    @property
    def wilson_lower_bound(self) -> float:
        return wilson_lower_bound(self.helpful, self.votes)


def feedback_figures(store: EventStore, article_id: int | None = None) -> list[FeedbackFigures]:
    """Figures for every article and question that has votes, worst-rated first."""
    grouped: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for vote in store.votes(article_id):
        grouped[(vote["article_id"], vote["anchor"])].append(vote)
    figures = [_figures(key, votes) for key, votes in grouped.items()]
    return sorted(figures, key=lambda f: (f.wilson_lower_bound, f.article_id, f.anchor or ""))


def article_feedback(store: EventStore, article_id: int) -> dict[str | None, FeedbackFigures]:
    """One article's figures: key None for the article as a whole, else the question's anchor."""
    return {f.anchor: f for f in feedback_figures(store, article_id)}


def _figures(key: tuple[int, str], votes: list[dict]) -> FeedbackFigures:
    article_id, anchor = key
    queries = Counter(v["query"] for v in votes if v["query"])
    comments = sorted((Comment(v["updated_at"], v["comment"], v["helpful"])
                       for v in votes if v["comment"]), key=lambda c: c.date, reverse=True)
    return FeedbackFigures(
        article_id=article_id, anchor=anchor or None, votes=len(votes),
        helpful=sum(1 for v in votes if v["helpful"]), comments=comments,
        queries=sorted(queries.items(), key=lambda kv: (-kv[1], kv[0])))
