"""The authors' synonyms file: groups of words readers use for the same thing.

It is read here, checked like the rest of the content, and passed to the search service in the
corpus, which stays the only contract between the two."""

from __future__ import annotations

from pathlib import Path

import yaml

from .findings import Finding

SYNONYMS_FILE = "synonyms.yml"


def load_synonyms(root: Path, findings: list[Finding]) -> list[list[str]]:
    path = root / SYNONYMS_FILE
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        findings.append(Finding(SYNONYMS_FILE, mark.line + 1 if mark else 1, None,
                                f"cannot be read: {getattr(exc, 'problem', exc)}",
                                "write one group per line: `- [mejl, e-post, mail]`"))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        findings.append(Finding(SYNONYMS_FILE, 1, None, "must be a list of groups",
                                "write one group per line: `- [mejl, e-post, mail]`"))
        return []
    groups = []
    for item_node, item in zip(node.value, data, strict=True):
        line = item_node.start_mark.line + 1
        words = item if isinstance(item, list) else None
        if not words or len(words) < 2 or not all(isinstance(w, str) and w.strip()
                                                  for w in words):
            findings.append(Finding(SYNONYMS_FILE, line, None,
                                    "a group must list at least two words",
                                    "write it as `- [lösen, lösenord]`"))
            continue
        groups.append([w.strip().lower() for w in words])
    return groups
