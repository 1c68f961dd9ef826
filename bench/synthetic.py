"""Synthetic content trees for benchmarks: N articles over ten service areas, all four types."""

from __future__ import annotations

import random
from pathlib import Path

AREAS = ["konton", "e-post", "natverk", "skrivare", "datorer", "telefoni", "sakerhet",
         "verksamhetssystem", "it-avdelningen", "ovrigt-stod"]
TYPES = ["guide", "guide", "faq", "handbook", "news"]
WORDS = """
lösenord skrivare nätverk trådlöst vpn klient outlook kalender delad brevlåda behörighet
dator uppdatering programvara telefon mobil säkerhet nätfiske rapport databas system
inloggning konto låst certifikat utskrift kö skanner licens installation support ärende
användare grupp mapp filserver backup
""".split()


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text.capitalize() + "."


def article_text(article_id: int, rng: random.Random) -> tuple[str, str]:
    area = AREAS[article_id % len(AREAS)]
    kind = TYPES[article_id % len(TYPES)]
    tags = sorted({rng.choice(WORDS) for _ in range(3)})
    lines = [
        "---",
        f"id: {article_id}",
        f"title: Artikel {article_id} om {rng.choice(WORDS)} och {rng.choice(WORDS)}",
        f"summary: {paragraph(rng, 12)}",
        f"type: {kind}",
        f"category: {area}",
        f"tags: [{', '.join(tags)}]",
        "owner: Servicedesk",
        "reviewed: 2026-09-01",
    ]
    if kind == "news":
        lines.append(f"date: 2026-{(article_id % 12) + 1:02d}-{(article_id % 28) + 1:02d}")
    lines += ["---", paragraph(rng, 40), ""]
    for section in range(1, 5):
        heading = (f"Hur gör jag med {rng.choice(WORDS)} nummer {section}?" if kind == "faq"
                   else f"Avsnitt {section}: {rng.choice(WORDS)}")
        lines += [f"## {heading}", "", paragraph(rng, 60), "", paragraph(rng, 40), ""]
        if kind == "guide":
            lines += [f"{n}. {paragraph(rng, 10)}" for n in range(1, 5)] + [""]
    if article_id > 1:
        lines.append(f"Se även [artikel {article_id - 1}](/kb/{article_id - 1}/).")
    return f"{area}/artikel-{article_id}.md", "\n".join(lines) + "\n"


def write_tree(root: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    areas = [
        f"- slug: {slug}\n  title: {slug.replace('-', ' ').capitalize()}\n"
        f"  description: Allt om {slug}.\n  order: {n}\n"
        for n, slug in enumerate(AREAS, start=1)
    ]
    (root / "categories.yml").write_text("".join(areas), encoding="utf-8")
    for article_id in range(1, count + 1):
        rel, text = article_text(article_id, rng)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
