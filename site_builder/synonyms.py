"""The authors' synonyms file: groups of words readers use for the same thing.

It is read here, checked like the rest of the content, and passed to the search service in the
corpus, which stays the only contract between the two."""

from __future__ import annotations

from pathlib import Path

from .findings import Finding
from .source import read_yaml_list

SYNONYMS_FILE = "synonyms.yml"


def load_synonyms(root: Path, findings: list[Finding]) -> list[list[str]]:
    entries = read_yaml_list(root, SYNONYMS_FILE, findings, "`- [mejl, e-post, mail]`")
    groups = []
    for line, _, item in entries:
        words = item if isinstance(item, list) else None
        if not words or len(words) < 2 or not all(isinstance(w, str) and w.strip()
                                                  for w in words):
            findings.append(Finding(SYNONYMS_FILE, line, None,
                                    "a group must list at least two words",
                                    "write it as `- [lösen, lösenord]`"))
            continue
        groups.append([w.strip().lower() for w in words])
    return groups
