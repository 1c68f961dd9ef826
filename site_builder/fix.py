"""`fokus check --fix`: write into front matter what can be derived without guessing.

Missing ids (the next free ones), a title from the first heading and a service area from the
folder. Lines are only ever added to the front matter; the body is never rewritten. This is how
an existing MkDocs docs tree is adopted.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .content import ContentTree, category_from_path, markdown_files, title_from_body
from .scaffold import next_free_id, yaml_text
from .source import FENCE, read_source


@dataclass
class Fix:
    path: str
    before: str
    after: str
    added: list[str]

    def diff(self, shown_path: str) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            f"a/{shown_path}", f"b/{shown_path}"))


def plan_fixes(tree: ContentTree) -> list[Fix]:
    """What `--fix` would change, file by file, in path order."""
    next_id = next_free_id(tree)
    fixes = []
    for rel in markdown_files(tree.root):
        source, _ = read_source(tree.root, rel)
        if source is None or (rel == "index.md" and source.meta is None):
            continue  # unreadable files are reported by the check; a root index.md is the intro
        meta = source.meta or {}
        derived: list[tuple[str, object]] = []
        if meta.get("id") is None:
            derived.append(("id", next_id))
            next_id += 1
        if not meta.get("title"):
            derived.append(("title", title_from_body(source.body, rel)))
        if not meta.get("category"):
            derived.append(("category", category_from_path(rel)))
        if not derived:
            continue
        before = (tree.root / rel).read_text(encoding="utf-8")
        lines = [f"{key}: {_yaml_value(value)}\n" for key, value in derived]
        closing = None if source.meta is None else source.body_line - 1
        fixes.append(Fix(rel, before, _with_front_matter(before, lines, closing),
                         [key for key, _ in derived]))
    return fixes


def apply_fixes(tree: ContentTree, fixes: list[Fix]) -> None:
    for fix in fixes:
        (tree.root / fix.path).write_text(fix.after, encoding="utf-8")


def _yaml_value(value: object) -> str:
    return yaml_text(value) if isinstance(value, str) else str(value)


def _with_front_matter(text: str, lines: list[str], closing_line: int | None) -> str:
    """Add ``lines`` just above the closing `---` (1-based ``closing_line``), or put a new
    front matter block on top when the file has none (``closing_line`` is None)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rows = text.removeprefix("\ufeff").splitlines(keepends=True)
    if closing_line is None:
        return bom + FENCE + "\n" + "".join(lines) + FENCE + "\n" + "".join(rows)
    at = closing_line - 1
    return bom + "".join(rows[:at] + lines + rows[at:])
