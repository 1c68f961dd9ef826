"""The figures of one engine over one query set.

- MRR@10: the mean of 1/rank of the best-ranked relevant page in the top 10 (0 if none).
- hits@k: the share of queries with a relevant page in the top k.
- section landing: of the queries with a labelled section whose labelled page is in the top
  10, the share where that hit opens one of the labelled sections.
- zero: queries with no result at all. p50/p95: the time per query, in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engines import CUTOFF, Answer
from .labels import LabelledQuery


@dataclass
class Figures:
    engine: str
    ranks: list[int | None]
    landed: list[bool | None]  # per query: None when no section is labelled or found
    zero: int
    milliseconds: list[float]

    @property
    def count(self) -> int:
        return len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r) / self.count

    def hits(self, k: int) -> float:
        return sum(1 for r in self.ranks if r and r <= k) / self.count

    @property
    def sections_judged(self) -> int:
        return sum(1 for landed in self.landed if landed is not None)

    @property
    def sections_landed(self) -> int:
        return sum(1 for landed in self.landed if landed)

    @property
    def landing_rate(self) -> float | None:
        judged = self.sections_judged
        return self.sections_landed / judged if judged else None

    def percentile(self, share: float) -> float:
        return float(np.percentile(self.milliseconds, share)) if self.milliseconds else 0.0


def rank_of(query: LabelledQuery, answer: Answer) -> int | None:
    found = [article_id for article_id, _ in answer.hits][:CUTOFF]
    return next((i for i, a in enumerate(found, 1) if a in query.relevant), None)


def landed_on(query: LabelledQuery, answer: Answer) -> bool | None:
    if not query.sections:
        return None
    for article_id, anchor in answer.hits[:CUTOFF]:
        if article_id in query.sections:
            return anchor is not None and anchor in query.sections[article_id]
    return None


def measure(engine, queries: list[LabelledQuery]) -> tuple[Figures, list[Answer]]:
    answers = [engine.search(query.text) for query in queries]
    figures = Figures(
        engine.name,
        ranks=[rank_of(q, a) for q, a in zip(queries, answers, strict=True)],
        landed=[landed_on(q, a) if engine.lands_on_sections else None
                for q, a in zip(queries, answers, strict=True)],
        zero=sum(1 for a in answers if a.total == 0),
        milliseconds=[a.seconds * 1000 for a in answers],
    )
    return figures, answers
