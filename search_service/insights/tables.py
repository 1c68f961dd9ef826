"""Tables as the insights pages show them and as CSV exports them: the same rows either way."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# A spreadsheet runs a cell that starts like this as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows a page shows of a table, in its sort order; the CSV has them all. Thousands of rows (a
# year of needs, every question of every article) make a page of megabytes that takes longer
# than the 0.5 s target to render, and nobody reads that far.
PAGE_ROWS = 200


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, int, share, ratio, date, datetime
    sortable: bool = True


@dataclass
class Table:
    name: str  # also the CSV's file name and the sort parameter's prefix
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    sort: str = ""  # the column sorted by
    descending: bool = True
    sort_keys: dict[str, Callable[[dict], Any]] = field(default_factory=dict)

    @property
    def shown(self) -> list[dict[str, Any]]:
        """The rows the page shows: the first PAGE_ROWS in the table's order."""
        return self.rows[:PAGE_ROWS]

    def sorted_by(self, key: str | None, descending: bool | None) -> Table:
        """Sorted by a known column (None: the table's default); unknown keys are ignored."""
        if key and (key in {c.key for c in self.columns if c.sortable} or
                    key in self.sort_keys):
            self.sort = key
            self.descending = True if descending is None else descending
        if self.sort:
            extract = self.sort_keys.get(self.sort) or (lambda row: _sortable(row.get(self.sort)))
            self.rows.sort(key=extract, reverse=self.descending)
        return self


def _sortable(value: Any) -> tuple:
    """None last (first when descending is reversed), numbers and text each in order."""
    if value is None:
        return (0, "")
    if isinstance(value, bool | int | float):
        return (1, value)
    if isinstance(value, datetime | date):
        return (2, value.isoformat())
    return (3, str(value).casefold())


def cell_text(value: Any, kind: str) -> str:
    """A value as plain text: the same in the page and in the CSV."""
    if value is None:
        return ""
    if kind == "share":
        return f"{value * 100:.1f} %"
    if kind == "ratio":
        return f"{value:.3f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def neutralise(text: str) -> str:
    """Keep a cell text even when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow([neutralise(cell_text(row.get(c.key), c.kind)) for c in table.columns])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8 (å, ä, ö)
