"""Reading one Markdown file: its front matter with the line of every field, and its body."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

FENCE = "---"


@dataclass
class Source:
    """A Markdown file split into front matter and body.

    ``meta`` is None when the file has no front matter at all (a plain MkDocs page).
    ``lines`` maps each front-matter key to its line in the file, for error messages.
    """

    path: str
    meta: dict[str, Any] | None
    body: str
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str | None) -> int:
        return self.lines.get(key or "", 1)


def read_source(root: Path, rel_path: str) -> tuple[Source | None, list[Finding]]:
    """Read ``root/rel_path``; on failure return None and the findings that say why."""
    raw = (root / rel_path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Finding(rel_path, line, None,
                              f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                              "save the file as UTF-8 in your editor")]
    return parse_source(rel_path, text.removeprefix("\ufeff"))


def parse_source(rel_path: str, text: str) -> tuple[Source | None, list[Finding]]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FENCE:
        return Source(rel_path, None, text), []
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        return None, [Finding(rel_path, 1, None, "front matter is not closed",
                              "end the front matter with a line `---`")]
    yaml_text = "".join(lines[1:end])
    body = "".join(lines[end + 1:])
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
        meta = yaml.load(yaml_text, Loader=_Loader) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Finding(rel_path, line, None, f"front matter is not valid YAML: {problem}",
                              "check indentation, and quote text that contains `:` or `#`")]
    if not isinstance(meta, dict):
        return None, [Finding(rel_path, 2, None, "front matter must be `field: value` lines",
                              "see CONTRIBUTING.md for an example")]
    key_lines: dict[str, int] = {}
    findings: list[Finding] = []
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in key_lines:
            findings.append(Finding(rel_path, line, key,
                                    f"appears twice (first on line {key_lines[key]})",
                                    "keep only one"))
        key_lines.setdefault(key, line)
    return Source(rel_path, meta, body, end + 2, key_lines), findings


def read_yaml_list(root: Path, name: str, findings: list[Finding],
                   example: str) -> list[tuple[int, Any, Any]]:
    """The entries of a YAML list file in the content directory (categories, synonyms, retired
    ids), each as (line, node, value). A missing or empty file is an empty list; an unreadable
    one is a finding, naming the line, and an empty list."""
    path = root / name
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except UnicodeDecodeError:
        findings.append(Finding(name, 1, None, "is not UTF-8 text", "save the file as UTF-8"))
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        findings.append(Finding(name, mark.line + 1 if mark else 1, None,
                                f"is not valid YAML: {getattr(exc, 'problem', exc)}",
                                "check the indentation"))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        findings.append(Finding(name, 1, None, "must be a list", f"write each entry as {example}"))
        return []
    return [(item_node.start_mark.line + 1, item_node, item)
            for item_node, item in zip(node.value, data, strict=True)]
