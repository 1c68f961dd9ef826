"""Retention: events older than `RETENTION_DAYS` are deleted, and survive as weekly totals.

`fokus db prune` runs `prune()`; the service runs it itself once a day (`DailyPrune`). Events go
in whole weeks: the cut is the Monday (midnight UTC) on or before "now minus the retention",
so every week is summed up exactly once, complete, in the same transaction that deletes it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import delete, select, text

from .figures import weekly_counts
from .periods import week_start
from .store import (
    EventStore,
    click_events,
    feedback_votes,
    needs,
    reply_link_events,
    search_days,
    search_events,
    weekly_totals,
)

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 396  # 13 months: a season can be compared with the year before
PRUNE_INTERVAL_S = 24 * 3600
PRUNE_LOCK = 0x466F6B7570  # PostgreSQL advisory lock: one prune at a time across workers


@dataclass(frozen=True)
class PruneResult:
    cutoff: datetime
    deleted: dict[str, int]
    weeks: int  # weeks whose totals were added to weekly_totals

    def __str__(self) -> str:
        counts = ", ".join(f"{count} {table}" for table, count in self.deleted.items())
        return (f"deleted events before {self.cutoff:%Y-%m-%d} ({counts}); "
                f"{self.weeks} week(s) kept as weekly totals")


def cutoff_for(now: datetime, retention_days: int) -> datetime:
    """Midnight UTC of the Monday on or before `now - retention_days`."""
    monday = week_start((now - timedelta(days=retention_days)).astimezone(UTC).date())
    return datetime.combine(monday, clock_time(), tzinfo=UTC)


def prune(store: EventStore, retention_days: int = DEFAULT_RETENTION_DAYS) -> PruneResult:
    """Sum up and delete every event older than the cutoff; needs only once they are done."""
    if retention_days < 7:
        raise ValueError("retention must be at least 7 days")
    cutoff = cutoff_for(store.clock(), retention_days)
    with store.transaction() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PRUNE_LOCK})
        # Open needs stay however old they are; only done ones are summed up and deleted.
        weeks = weekly_counts(connection, None, cutoff, need_statuses=("done",))
        _add_totals(connection, weeks)
        deleted = {}
        for table, column in ((search_events, "created_at"), (click_events, "created_at"),
                              (feedback_votes, "updated_at"),
                              (reply_link_events, "created_at")):
            result = connection.execute(delete(table).where(table.c[column] < cutoff))
            deleted[table.name] = result.rowcount
        result = connection.execute(delete(needs).where(needs.c.created_at < cutoff,
                                                        needs.c.status == "done"))
        deleted["needs"] = result.rowcount
        # The days summed up from the deleted events go with them (the cut is a midnight).
        connection.execute(delete(search_days).where(search_days.c.day < cutoff.date()))
    return PruneResult(cutoff, deleted, len(weeks))


def _add_totals(connection, weeks: dict[date, Counter]) -> None:
    """Add to the weekly totals already kept (a week pruned in two goes, e.g. late needs)."""
    t = weekly_totals.c
    for week, counts in sorted(weeks.items()):
        for metric, value in sorted(counts.items()):
            if not value:
                continue
            key = (t.week == week) & (t.metric == metric)
            kept = connection.execute(select(t.value).where(key)).scalar()
            if kept is None:
                connection.execute(weekly_totals.insert().values(week=week, metric=metric,
                                                                 value=value))
            else:
                connection.execute(weekly_totals.update().where(key)
                                   .values(value=kept + value))


class DailyPrune:
    """Runs `prune()` in a background thread at most once a day, checked on requests."""

    def __init__(self, store: EventStore, retention_days: int, *, enabled: bool = True):
        self.store, self.retention_days, self.enabled = store, retention_days, enabled
        self._last = 0.0
        self._running = threading.Lock()

    def maybe_run(self) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last < PRUNE_INTERVAL_S:
            return
        self._last = now
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        if not self._running.acquire(blocking=False):
            return
        try:
            log.info("daily prune: %s", prune(self.store, self.retention_days))
        except Exception:  # never take the service down for housekeeping; try again tomorrow
            log.exception("daily prune failed")
        finally:
            self._running.release()
