"""The record of retired KB numbers: ids that were published once and must never come back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .findings import Finding
from .schema import MAX_ID, Date, Field, PositiveInt, Text, validate_mapping
from .source import read_yaml_list

RETIRED_FILE = "retired.yml"

RETIRED_FIELDS: tuple[Field, ...] = (
    Field("id", PositiveInt(MAX_ID), "The retired KB number.", 12, required=True),
    Field("title", Text(120), "The title it had, so the record explains itself.",
          "Gamla VPN-klienten", default=""),
    Field("retired", Date(), "When it was removed.", "2026-05-01"),
    Field("replaced_by", PositiveInt(MAX_ID), "Article that took over; its short link leads there.",
          43),
)


@dataclass(frozen=True)
class RetiredId:
    id: int
    title: str
    line: int
    replaced_by: int | None = None


def load_retired(root: Path, findings: list[Finding]) -> dict[int, RetiredId]:
    entries = read_yaml_list(root, RETIRED_FILE, findings, "`- id: 12`")
    retired: dict[int, RetiredId] = {}
    for line, _, item in entries:
        values, problems = validate_mapping(item if isinstance(item, dict) else {"id": item},
                                            RETIRED_FIELDS)
        errors = [p for p in problems if not p.warning]
        for problem in errors:
            findings.append(Finding(RETIRED_FILE, line, problem.field, problem.message,
                                    problem.hint))
        if not errors:
            retired[values["id"]] = RetiredId(values["id"], values["title"], line,
                                              values["replaced_by"])
    return retired
