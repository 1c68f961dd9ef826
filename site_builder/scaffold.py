"""`fokus new`: a new article with the next free id, today's date and a body suited to its type."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from .content import ContentTree
from .schema import yaml_text

_TRANSLITERATE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o",
                                "æ": "ae", "ø": "o", "ß": "ss"})

BODIES = {
    "sv": {
        "guide": (
            "Beskriv i en eller två meningar vad guiden hjälper läsaren att göra.\n\n"
            "## Innan du börjar\n\n- Vad läsaren behöver ha till hands.\n\n"
            "## Gör så här\n\n1. Första steget.\n2. Andra steget.\n3. Tredje steget.\n\n"
            "## Om det inte fungerar\n\nVanliga fel och vad läsaren kan göra åt dem.\n"),
        "faq": (
            "En kort inledning om vad frågorna handlar om.\n\n"
            "## Första frågan, så som användare ställer den?\n\nSvaret.\n\n"
            "## Andra frågan?\n\nSvaret.\n"),
        "handbook": (
            "Beskriv vem handboken är till för och vad den täcker.\n\n"
            "## Översikt\n\nInnehåll.\n\n## Regler och rutiner\n\nInnehåll.\n"),
        "news": (
            "Vad händer, när, och vem berörs?\n\n## Vad du behöver göra\n\nInnehåll.\n\n"
            "## Frågor\n\nKontakta IT-supporten.\n"),
        "event": (
            "Vad handlar tillfället om, och vem passar det för?\n\n## Program\n\nInnehåll.\n\n"
            "## Anmälan\n\nHur och när man anmäler sig.\n"),
    },
    "en": {
        "guide": (
            "Say in one or two sentences what the guide helps the reader do.\n\n"
            "## Before you start\n\n- What the reader needs at hand.\n\n"
            "## Steps\n\n1. First step.\n2. Second step.\n3. Third step.\n\n"
            "## If it does not work\n\nCommon errors and what to do about them.\n"),
        "faq": (
            "A short introduction to what the questions are about.\n\n"
            "## The first question, as users ask it?\n\nThe answer.\n\n"
            "## The second question?\n\nThe answer.\n"),
        "handbook": (
            "Say who the handbook is for and what it covers.\n\n"
            "## Overview\n\nContent.\n\n## Rules and routines\n\nContent.\n"),
        "news": (
            "What is happening, when, and who is affected?\n\n## What you need to do\n\n"
            "Content.\n\n## Questions\n\nContact the service desk.\n"),
        "event": (
            "What is the session about, and who is it for?\n\n## Programme\n\nContent.\n\n"
            "## Registration\n\nHow and when to sign up.\n"),
    },
}


def slugify_title(title: str) -> str:
    """`Återställ ditt lösenord` -> `aterstall-ditt-losenord`."""
    text = unicodedata.normalize("NFKD", title.translate(_TRANSLITERATE))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "artikel"


def next_free_id(tree: ContentTree) -> int:
    """One above every id ever used: current articles, drafts included, and retired ids."""
    used = {a.id for a in tree.articles if a.id is not None} | set(tree.retired)
    return max(used, default=0) + 1


def new_article(tree: ContentTree, *, article_type: str, category: str, title: str,
                today: dt.date, owner: str | None = None, tags: tuple[str, ...] = (),
                language: str = "sv") -> tuple[Path, str]:
    """The path and text of a new article; the caller writes it."""
    area = tree.categories.get(category)
    owner = owner or (area.owner if area else "") or "Servicedesk"
    lines = [
        "---",
        f"id: {next_free_id(tree)}",
        f"title: {yaml_text(title)}",
        "summary: " + yaml_text("Skriv en mening om vad artikeln hjälper med." if language == "sv"
                                 else "One sentence on what the article helps with."),
        f"type: {article_type}",
        f"category: {category}",
        f"tags: [{', '.join(yaml_text(t, in_flow=True) for t in tags)}]",
        f"owner: {yaml_text(owner)}",
        f"reviewed: {today.isoformat()}",
    ]
    if article_type == "news":
        lines.append(f"date: {today.isoformat()}")
    if article_type == "event":
        day = (today + dt.timedelta(days=7)).isoformat()
        lines += [f"start: {day} 09:00", f"end: {day} 10:00",
                  "place: " + yaml_text("Var tillfället hålls" if language == "sv"
                                        else "Where it is held")]
    lines += ["status: draft", "---", ""]
    body = BODIES.get(language, BODIES["sv"])[article_type]
    path = _free_path(tree.root / category, slugify_title(title))
    return path, "\n".join(lines) + body


def _free_path(folder: Path, slug: str) -> Path:
    path = folder / f"{slug}.md"
    number = 2
    while path.exists():
        path = folder / f"{slug}-{number}.md"
        number += 1
    return path
