"""Periods of time the insights pages and the report look at, and weeks as SQL sees them.

All figures are counted in UTC: a period runs from midnight UTC of its first day to midnight
UTC after its last day, and a week starts on Monday at midnight UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, DateTime, cast, func, literal_column
from sqlalchemy.sql.elements import ColumnElement

PRESET_DAYS = (7, 30, 90)
DEFAULT_DAYS = 30
MAX_DAYS = 3660  # ten years: anything longer is a typo


class PeriodError(ValueError):
    """A period that cannot be read; the message names the parameter."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True)
class Period:
    """Whole days from `first` to `last`, both included."""

    first: date
    last: date
    days: int | None = None  # the preset it came from (7, 30, 90), None for from–to

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return datetime.combine(self.last + timedelta(days=1), time(), tzinfo=UTC)

    @property
    def weeks(self) -> list[date]:
        """The Monday of every week the period touches, oldest first."""
        monday = week_start(self.first)
        weeks = []
        while monday <= self.last:
            weeks.append(monday)
            monday += timedelta(days=7)
        return weeks

    @classmethod
    def last_days(cls, days: int, today: date) -> Period:
        return cls(today - timedelta(days=days - 1), today, days)

    def query_args(self) -> dict[str, str]:
        """The URL parameters that select this period again."""
        if self.days is not None:
            return {"days": str(self.days)}
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}


def parse_period(args: Any, today: date) -> Period:
    """`days=7|30|90`, or `from=YYYY-MM-DD&to=YYYY-MM-DD`; default the last 30 days."""
    first, last = args.get("from") or "", args.get("to") or ""
    if first or last:
        start = _date("from", first) if first else today - timedelta(days=DEFAULT_DAYS - 1)
        end = _date("to", last) if last else today
        if end < start:
            raise PeriodError("to", "must not be before from")
        if (end - start).days >= MAX_DAYS:
            raise PeriodError("from", f"the period must be shorter than {MAX_DAYS} days")
        return Period(start, end)
    raw = args.get("days") or str(DEFAULT_DAYS)
    if not raw.isdigit() or int(raw) not in PRESET_DAYS:
        raise PeriodError("days", f"must be one of {', '.join(map(str, PRESET_DAYS))}")
    return Period.last_days(int(raw), today)


def parse_since(raw: str, today: date) -> Period:
    """From `raw` (YYYY-MM-DD) to today, for `fokus report --since`."""
    start = _date("since", raw)
    if start > today:
        raise PeriodError("since", "must not be in the future")
    return Period(start, today)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_of(column: Any, dialect: str) -> ColumnElement:
    """SQL for the Monday of the week a UTC timestamp column falls in, as a date."""
    if dialect == "postgresql":
        return cast(func.date_trunc("week", column.op("AT TIME ZONE")(literal_column("'UTC'"))),
                    Date)
    # SQLite keeps UTC timestamps as text. Its day first: date arithmetic on the whole timestamp
    # rounds it to milliseconds, which moves Sunday 23:59:59.9995 into the next week.
    return week_of_day(func.date(column), dialect)


def week_of_day(column: Any, dialect: str) -> ColumnElement:
    """SQL for the Monday of the week a date column falls in, as a date."""
    if dialect == "postgresql":
        # As a timestamp without time zone: a date would become the session's local midnight.
        return cast(func.date_trunc("week", cast(column, DateTime())), Date)
    # 'weekday 0' moves on to the Sunday (a Sunday stays), six days back is its Monday.
    return func.date(column, "weekday 0", "-6 days")


def whole_day(moment: datetime) -> date:
    """The day a period starts or ends at; figures are summed by whole UTC days."""
    utc = moment.astimezone(UTC)
    if utc.time() != time():
        raise ValueError(f"{moment.isoformat()} is not midnight UTC: counts go by whole days")
    return utc.date()


def as_date(value: Any) -> date:
    """A week as the database returns it: a date (PostgreSQL) or ISO text (SQLite)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _date(field: str, raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise PeriodError(field, "must be a date, YYYY-MM-DD") from None
