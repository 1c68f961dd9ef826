"""A repository's CODEOWNERS file: who owns which path, as GitHub and GitLab read it.

Patterns are gitignore-style and the last matching line wins. The matching is pathspec's, the
library MkDocs itself uses for `exclude_docs`, so no pattern syntax is imitated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pathspec.gitignore import GitIgnoreSpec

# Where GitHub looks, in its order; the first file found is the one that counts.
PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


@dataclass(frozen=True)
class Rule:
    pattern: GitIgnoreSpec
    owners: tuple[str, ...]


@dataclass(frozen=True)
class CodeOwners:
    path: Path
    rules: tuple[Rule, ...]

    def owners_of(self, repo_path: str) -> tuple[str, ...]:
        """The owners of a file, by its POSIX path from the repository root; () when no line
        matches or the last matching line names nobody (which GitHub reads as unowned)."""
        for rule in reversed(self.rules):
            if rule.pattern.match_file(repo_path):
                return rule.owners
        return ()


def find_codeowners(repo_root: Path) -> CodeOwners | None:
    for place in PLACES:
        path = repo_root / place
        if path.is_file():
            return CodeOwners(path, parse_codeowners(path.read_text(encoding="utf-8",
                                                                    errors="replace")))
    return None


def parse_codeowners(text: str) -> tuple[Rule, ...]:
    rules = []
    for line in text.splitlines():
        words = line.split()
        # Blank lines, comments and GitLab's `[Section]` headings name no path.
        if not words or words[0].startswith(("#", "[", "^[")):
            continue
        owners = []
        for word in words[1:]:
            if word.startswith("#"):
                break
            owners.append(word)
        rules.append(Rule(GitIgnoreSpec.from_lines([words[0]]), tuple(owners)))
    return tuple(rules)
