"""Shared helpers: small content trees written by each test, never the sample content."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def repo_environment() -> dict[str, str]:
    """The environment for a subprocess that must run this checkout's code, whatever is
    installed (an editable install of another checkout, or one made before a package was
    added)."""
    paths = [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


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


MKDOCS_YML = """\
site_name: Testportalen
site_url: https://kb.example.se/
docs_dir: content
site_dir: site
theme:
  name: material
plugins:
  - fokus:
      language: {language}
      today: "2026-11-26"
      review_interval: 365
      contact:
        phone: 010-123 45 00
        email: servicedesk@example.se
        hours: Vardagar 8–17
        portal_url: https://service.example.se
"""

FAQ_BODY = """\
Vanliga frågor om VPN.

## Hur kopplar jag upp VPN?

Starta GlobalProtect och logga in.

## Varför kopplar VPN ner?

Oftast beror det på ett svagt trådlöst nätverk.
"""


def write_kb(root: Path, language: str = "sv") -> Tree:
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language), encoding="utf-8")
    kb = Tree(root / "content").with_categories()
    kb.write("konton/aterstall-losenord.md", article(
        42, "Återställ ditt lösenord", tags=["lösenord", "konto"], important=True,
        body="Så gör du.\n\n## Steg\n\nSe [VPN](/kb/2/#hur-kopplar-jag-upp-vpn).\n"))
    kb.write("natverk/vpn.md", article(2, "Vanliga frågor om VPN", type="faq",
                                       category="natverk", tags=["vpn"], body=FAQ_BODY))
    kb.write("konton/handbok.md", article(3, "IT-handbok", type="handbook", reviewed="2024-01-01",
                                          body="Välkommen.\n"))
    kb.write("natverk/underhall.md", article(4, "Planerat underhåll", type="news",
                                             category="natverk", date="2026-12-03"))
    kb.write("konton/gammalt.md", article(5, "Gamla lösenordsregler", status="archived",
                                          replaced_by=42, aliases=["konton/losenordsregler/"]))
    kb.write("konton/hemligt.md", article(6, "Hemligt utkast", status="draft"))
    kb.write("synonyms.yml", "- [lösen, lösenord]\n")
    return kb


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path / "content").with_categories()


def write_own_pages(kb: Tree) -> None:
    """The organisation's own pages where Fokus's generated pages usually live, as an adopted
    MkDocs tree has them: an FAQ page without front matter, search and contact pages, a `kb/`
    folder and a service area with its own index page."""
    kb.write("faq/index.md", "# Våra vanliga frågor\n\nOrganisationens egen FAQ-sida.\n")
    kb.write("sok/index.md", article(60, "Sök i arkivet", category="natverk",
                                     body="Arkivets egen söksida.\n"))
    kb.write("kontakt/index.md", article(61, "Kontakta växeln", body="Ring växeln.\n"))
    kb.write("kb/ordlista.md", "# Ordlista\n\nOrd och begrepp.\n")
    kb.write("konton/index.md", article(62, "Om konton", body="Områdets egen startsida.\n"))


def write_events(kb: Tree) -> None:
    """Events around the pinned build date (2026-11-26), one of them past, and a status
    banner: for the events, feeds and banner tests."""
    kb.write("natverk/kurs-vpn.md", article(
        30, "Kurs i VPN hemifrån", type="event", category="natverk",
        start="2026-12-10 09:00", end="2026-12-10 11:30", place="Utbildningssalen, plan 1",
        registration="https://service.example.se/kurs", body="Välkommen.\n"))
    kb.write("natverk/informationsmote.md", article(
        31, "Informationsmöte om wifi", type="event", category="natverk",
        start="2027-01-14 13:00", end="2027-01-14 14:00",
        online="https://teams.example.se/mote", body="I Teams.\n"))
    kb.write("konton/mfa-kurs.md", article(
        32, "Kurs i MFA", type="event", start="2026-10-22 09:00", end="2026-10-22 11:30",
        place="Storgatan 12", body="Var i oktober.\n"))
    kb.write("natverk/underhall-natverk.md", article(
        33, "Underhåll av nätverket", type="event", category="natverk",
        start="2026-12-05 07:00", end="2026-12-05 18:00", place="Alla hus",
        banner="maintenance", banner_until="2026-12-05 18:00", body="Nätet är nere.\n"))
