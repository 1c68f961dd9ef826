"""The record of retired KB numbers: ids that were published once and must never come back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Finding
from .schema import Date, Field, PositiveInt, Text, validate_mapping

RETIRED_FILE = "retired.yml"

RETIRED_FIELDS: tuple[Field, ...] = (
    Field("id", PositiveInt(), "The retired KB number.", 12, required=True),
    Field("title", Text(120), "The title it had, so the record explains itself.",
          "Gamla VPN-klienten", default=""),
    Field("retired", Date(), "When it was removed.", "2026-05-01"),
    Field("replaced_by", PositiveInt(), "Article that took over; its short link leads there.",
          43),
)


@dataclass(frozen=True)
class RetiredId:
    id: int
    title: str
    line: int
    replaced_by: int | None = None


def load_retired(root: Path, findings: list[Finding]) -> dict[int, RetiredId]:
    path = root / RETIRED_FILE
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        findings.append(Finding(RETIRED_FILE, mark.line + 1 if mark else 1, None,
                                f"cannot be read: {getattr(exc, 'problem', exc)}",
                                "it must be a UTF-8 YAML list of `- id: N` entries"))
        return {}
    if data is None:
        return {}
    if not isinstance(data, list):
        findings.append(Finding(RETIRED_FILE, 1, None, "must be a list of retired ids",
                                "start each entry with `- id: N`"))
        return {}
    retired: dict[int, RetiredId] = {}
    for item_node, item in zip(node.value, data, strict=True):
        line = item_node.start_mark.line + 1
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
