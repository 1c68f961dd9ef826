"""Reading one Markdown file: its front matter with the line of every field, and its body.

Nothing in a file raises here: every problem is a `Finding` naming the file and the line, and a
file whose front matter cannot be read still gives a `Source` (marked ``broken``) holding what a
line scan could recover, so the rest of the tree can still refer to it.
"""

from __future__ import annotations

import errno
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Finding
from .schema import Unreadable

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

FENCE = "---"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Lines a tolerant scan reads from front matter YAML cannot parse: enough to keep the page's id.
_SCAN_RE = re.compile(r"^(id|title):[ \t]*(.*?)\s*$")
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


class FrontMatterLoader(_BaseLoader):
    """Safe YAML that never raises from a value.

    Timestamps stay text (the schema's `Date` reads and reports them: `2026-02-30` is a
    finding, not a crash), and a value a tag cannot build (`!!int abc`) is a YAML error on the
    node's line instead of a bare ValueError."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
            shown = f" {_short(repr(node.value))}" if isinstance(node, ScalarNode) else ""
            reason = "not a value of this type" if isinstance(exc, LookupError) else str(exc)
            raise ConstructorError(None, None, f"{_tag(node.tag)}{shown}: {_short(reason)}",
                                   node.start_mark) from None


FrontMatterLoader.add_constructor(_TIMESTAMP, SafeConstructor.construct_scalar)


@dataclass
class Source:
    """A Markdown file split into front matter and body.

    ``meta`` is None when the file has no front matter at all (a plain MkDocs page).
    ``lines`` maps each front-matter key to its line in the file, for error messages.
    ``broken`` says the file or its front matter could not be read; ``meta`` then holds only
    what a line scan recovered (`id`, `title`), and the findings say what is wrong.
    """

    path: str
    meta: dict[str, Any] | None
    body: str
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)
    broken: bool = False

    def line_of(self, key: str | None) -> int:
        return self.lines.get(key or "", 1)


def read_page(root: Path, rel_path: str) -> tuple[Source, list[Finding]]:
    """Read ``root/rel_path``: always a Source, and the findings about the file."""
    path = root / rel_path
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the read for ever
            return Source(rel_path, {}, "", broken=True), [Finding(
                rel_path, 1, None, "is not a regular file", "replace it with a Markdown file")]
        raw = path.read_bytes()
    except OSError as exc:
        return Source(rel_path, {}, "", broken=True), [_unreadable(path, rel_path, exc)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        finding = Finding(rel_path, line, None,
                          f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                          "save the file as UTF-8 in your editor")
        source, _ = parse_page(rel_path, raw.decode("utf-8", errors="replace"))
        source.broken = True
        return source, [finding]
    return parse_page(rel_path, text)


def read_source(root: Path, rel_path: str) -> tuple[Source | None, list[Finding]]:
    """Like `read_page`, but None instead of a Source whose front matter could not be read."""
    source, findings = read_page(root, rel_path)
    return (None if source.broken else source), findings


def parse_page(rel_path: str, text: str) -> tuple[Source, list[Finding]]:
    text = text.removeprefix("\ufeff")
    lines = _LINE_RE.findall(text)
    if not lines or lines[0].rstrip() != FENCE:
        return Source(rel_path, None, text), []
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        meta, key_lines = _scan(lines[1:])
        return (Source(rel_path, meta, "".join(lines[1:]), 2, key_lines, broken=True),
                [Finding(rel_path, 1, None, "front matter is not closed",
                         "end the front matter with a line `---`")])
    body = "".join(lines[end + 1:])
    meta, key_lines, findings, readable = _read_mapping(rel_path, "".join(lines[1:end]))
    if not readable:
        meta, key_lines = _scan(lines[1:end])
    return Source(rel_path, meta, body, end + 2, key_lines, broken=not readable), findings


def parse_source(rel_path: str, text: str) -> tuple[Source | None, list[Finding]]:
    source, findings = parse_page(rel_path, text)
    return (None if source.broken else source), findings


def _read_mapping(rel_path: str, yaml_text: str
                  ) -> tuple[dict[str, Any], dict[str, int], list[Finding], bool]:
    """The front matter's fields, each built on its own: a value that cannot be built becomes
    `Unreadable` and the others are kept. The last item says whether the YAML could be read."""
    meta: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    findings: list[Finding] = []

    def line_at(mark) -> int:
        return yaml_text.count("\n", 0, mark.index) + 2

    loader = FrontMatterLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return meta, key_lines, findings, True
        if not isinstance(node, MappingNode):
            findings.append(Finding(rel_path, line_at(node.start_mark), None,
                                    "front matter must be `field: value` lines",
                                    "see CONTRIBUTING.md for an example"))
            return meta, key_lines, findings, False
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            line = line_at(key_node.start_mark)
            problem = _key_problem(key_node)
            if problem:
                findings.append(Finding(rel_path, line, None, problem,
                                        "write each field as `name: value`"))
                continue
            key = key_node.value
            if key in key_lines:
                findings.append(Finding(rel_path, line, key,
                                        f"appears twice (first on line {key_lines[key]})",
                                        "keep only one"))
            key_lines.setdefault(key, line)
            meta[key] = _construct(loader, value_node, line_at)
    except yaml.YAMLError as exc:
        findings.append(Finding(rel_path, _error_line(exc, line_at), None,
                                f"front matter is not valid YAML: {_problem(exc)}",
                                "check indentation (spaces, not tabs), and quote text that "
                                "contains `:` or `#`"))
        return meta, key_lines, findings, False
    except RecursionError:
        findings.append(Finding(rel_path, 2, None, "front matter is nested too deeply",
                                "write each field as `name: value`"))
        return meta, key_lines, findings, False
    finally:
        loader.dispose()
    return meta, key_lines, findings, True


def _construct(loader: FrontMatterLoader, node: Node, line_at) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problem = _problem(exc)
        hint = ("write the value out instead of repeating it with `*`" if "recursive" in problem
                else "remove the `!` tag in front of the value, or quote the value")
        return Unreadable(f"cannot be read: {problem}", _error_line(exc, line_at), hint)
    except RecursionError:
        return Unreadable("is nested too deeply", line_at(node.start_mark),
                          "write the value as text or as a list of texts")


def _key_problem(key_node: Node) -> str:
    if not isinstance(key_node, ScalarNode):
        return "a field name must be a word, not a list or a mapping"
    if not key_node.value.strip():
        return "a field has no name"
    return ""


def _scan(lines: list[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """`id` and `title` from front matter YAML cannot read, line by line, so that a page with a
    broken front matter still owns its id and nothing else reports it missing."""
    meta: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines, start=2):
        match = _SCAN_RE.match(line)
        if not match or match.group(1) in meta:
            continue
        key, value = match.groups()
        if key == "id" and value.isascii() and value.isdigit():
            meta["id"], key_lines["id"] = int(value), number
        elif key == "title" and value.strip("'\""):
            meta["title"], key_lines["title"] = value.strip("'\"").strip(), number
    return meta, key_lines


def _unreadable(path: Path, rel_path: str, exc: OSError) -> Finding:
    if path.is_symlink():
        if exc.errno == errno.ELOOP:
            return Finding(rel_path, 1, None, "is a symbolic link that leads back to itself",
                           "point the link at a real file, or remove it")
        target = _readlink(path)
        return Finding(rel_path, 1, None,
                       f"is a symbolic link to {target}, which does not exist",
                       "point the link at a real file, or remove it")
    return Finding(rel_path, 1, None, f"cannot be read ({exc.strerror or exc})",
                   "check that the file is readable (its permissions)")


def _readlink(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "a missing file"


def _error_line(exc: yaml.YAMLError, line_at) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return line_at(mark)
    position = getattr(exc, "position", None)  # a ReaderError (a character YAML refuses)
    if isinstance(position, int):
        return line_at(_Mark(position))
    return 2


@dataclass
class _Mark:
    index: int


def _problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    first_line = next(iter(str(problem).splitlines()), "")
    return _short(first_line)


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_yaml_list(root: Path, name: str, findings: list[Finding],
                   example: str) -> list[tuple[int, Any, Any]]:
    """The entries of a YAML list file in the content directory (categories, synonyms, retired
    ids), each as (line, node, value). A missing or empty file is an empty list; an unreadable
    one is a finding, naming the line, and an empty list; an entry that cannot be built is a
    finding on its line, and the other entries are kept."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        return []
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            findings.append(Finding(name, 1, None, "is not a regular file",
                                    "replace it with a YAML file"))
            return []
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        findings.append(Finding(name, 1, None, "is not UTF-8 text", "save the file as UTF-8"))
        return []
    except OSError as exc:
        findings.append(_unreadable(path, name, exc))
        return []

    def line_at(mark) -> int:
        return text.count("\n", 0, mark.index) + 1

    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            findings.append(Finding(name, 1, None, "must be a list",
                                    f"write each entry as {example}"))
            return []
        entries = []
        for item_node in node.value:
            item = _construct(loader, item_node, line_at)
            if isinstance(item, Unreadable):
                findings.append(Finding(name, item.line, None, f"entry {item.message}",
                                        f"write each entry as {example}"))
                continue
            entries.append((line_at(item_node.start_mark), item_node, item))
        return entries
    except yaml.YAMLError as exc:
        findings.append(Finding(name, _error_line(exc, line_at), None,
                                f"is not valid YAML: {_problem(exc)}", "check the indentation"))
        return []
    except RecursionError:
        findings.append(Finding(name, 1, None, "is nested too deeply", "check the indentation"))
        return []
    finally:
        loader.dispose()
