"""Shared helpers: small content trees written by each test, never the sample content."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

CATEGORIES = """\
- slug: konton
  title: Konton och lösenord
  description: Inloggning, lösenord och MFA.
  icon: material/account-key
  order: 1
  owner: Servicedesk
- slug: natverk
  title: Nätverk och VPN
  description: Wi-Fi, VPN och nätverksuttag.
  icon: material/wifi
  order: 2
  owner: Team Nätverk
"""


def article(article_id: int, title: str, *, type: str = "guide", category: str = "konton",
            body: str = "Text.\n", **fields) -> str:
    """Front matter plus body, with sensible defaults for every required field."""
    meta = {"id": article_id, "title": title, "summary": f"Om {title.lower()}.", "type": type,
            "category": category, "owner": "Servicedesk", "reviewed": "2026-10-01", **fields}
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            value = "[" + ", ".join(str(v) for v in value) + "]"
        elif isinstance(value, bool):
            value = "true" if value else "false"
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + textwrap.dedent(body)


class Tree:
    """A content directory under tmp_path that a test fills file by file."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def with_categories(self) -> Tree:
        self.write("categories.yml", CATEGORIES)
        return self


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path / "content").with_categories()
