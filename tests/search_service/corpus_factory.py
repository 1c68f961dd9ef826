"""Small corpus files for search tests, written the way the site builder writes them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def section(heading: str, text: str, anchor: str | None = None, level: int = 2) -> dict:
    from markdown.extensions.toc import slugify

    return {"heading": heading, "anchor": anchor if anchor is not None else slugify(heading, "-"),
            "level": level, "text": text}


def record(article_id: int, title: str, *sections: dict, summary: str = "", type: str = "guide",
           category: str = "konton", tags: tuple[str, ...] = (), status: str = "published",
           intro: str = "") -> dict:
    path = f"{category}/artikel-{article_id}/"
    data = {
        "id": article_id, "kb": f"KB-{article_id:04d}", "title": title, "summary": summary,
        "type": type, "category": category, "tags": list(tags), "owner": "Servicedesk",
        "reviewed": "2026-10-01", "review_due": "2027-10-01", "date": None, "status": status,
        "replaced_by": None, "important": False, "source_path": f"{category}/a{article_id}.md",
        "path": path, "url": f"https://kb.example.se/{path}",
        "short_path": f"kb/{article_id}/", "short_url": f"https://kb.example.se/kb/{article_id}/",
        "aliases": [],
        "sections": [section("", intro or summary or title, anchor="", level=1), *sections],
    }
    data["content_hash"] = hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return data


CATEGORIES = [
    {"slug": "konton", "title": "Konton och lösenord", "description": "", "icon": "", "order": 1},
    {"slug": "natverk", "title": "Nätverk och VPN", "description": "", "icon": "", "order": 2},
    {"slug": "skrivare", "title": "Skrivare", "description": "", "icon": "", "order": 3},
    {"slug": "e-post", "title": "E-post och kalender", "description": "", "icon": "",
     "order": 4},
]


def write_corpus(path: Path, articles: list[dict], *, language: str = "sv",
                 synonyms: list[list[str]] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"schema": "fokus-corpus", "schema_version": 1,
                "generated_at": "2026-11-26T12:00:00+00:00", "site_url": "https://kb.example.se/",
                "language": language, "categories": CATEGORIES,
                "synonyms": synonyms if synonyms is not None else [
                    ["mejl", "e-post", "mail", "outlook"], ["lösen", "lösenord"],
                    ["wifi", "wlan", "trådlöst nätverk"]],
                "articles": articles}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def helpdesk_articles() -> list[dict]:
    """A handful of articles, each about one thing, so rankings are easy to reason about."""
    return [
        record(1, "Återställ ditt lösenord",
               section("Gör så här", "Gå till portalen och välj Glömt lösenord."),
               summary="Så återställer du ett glömt lösenord.", tags=("lösenord",)),
        record(2, "Regler för lösenordsbyte",
               section("Hur ofta", "Ett lösenordsbyte krävs varje år."),
               summary="När du måste byta.", category="konton"),
        record(3, "Skrivarbyte på våning 3",
               section("Nya skrivare", "Skrivarbytet sker under vecka 48."),
               summary="Vi byter skrivare.", type="news", category="skrivare"),
        record(4, "Skrivaren skriver inte ut",
               section("Kontrollera skrivarkön", "Öppna skrivarkön och ta bort fastnade jobb."),
               section("Papper och toner", "Fyll på papper i skrivarna."),
               summary="Felsök när utskriften uteblir.", category="skrivare"),
        record(5, "Installera vpn-klienten",
               section("Ladda ner", "Installera VPN-klienten GlobalProtect från portalen."),
               summary="Kom åt nätverket hemifrån.", category="natverk"),
        record(6, "Vanliga frågor om trådlöst nätverk",
               section("Varför tappar jag anslutningen?", "Svag signal eller gammal drivrutin."),
               section("Vilket nätverk ska jag välja?", "Välj Norrvik för jobbdatorer."),
               summary="Svar om det trådlösa nätverket.", type="faq", category="natverk"),
        record(7, "Dela din kalender i Outlook",
               section("Dela", "Högerklicka på kalendern och välj Dela."),
               summary="Ge kollegor behörighet till din kalender.", category="e-post"),
        record(8, "Arkiverad guide om lösenord", summary="Gammal.", status="archived"),
        record(9, "Text med losenord utan prickar",
               section("Stavning", "Här står losenord utan prickar."),
               summary="Ett testfall.", category="konton"),
    ]


def engine_over(root: Path, articles: list[dict], *, language: str = "sv",
                synonyms: list[list[str]] | None = None):
    """A search engine over a fresh index of the articles."""
    from search_service.corpus import load_corpus
    from search_service.engine import SearchEngine
    from search_service.indexing import IndexDirectory

    corpus = write_corpus(root / "corpus.json", articles, language=language,
                          synonyms=synonyms if synonyms is not None else [])
    IndexDirectory(root / "index").update(load_corpus(corpus), full=True)
    return SearchEngine(root / "index")


def ids(result: dict) -> list[int]:
    """The article ids of a search result's hits, in order."""
    return [hit["article_id"] for hit in result["hits"]]


def alternatives(engine, word: str) -> dict[tuple[str, ...], float]:
    """The terms that count for a one-word query, with their weights."""
    view = engine.view()
    [concept] = view.builder.concepts(word, view.scorer)
    return {a.terms: a.weight for a in concept.alternatives}


def filler(words: int, seed: str = "") -> str:
    """Neutral English prose of about `words` words, for long sections."""
    base = ("the team keeps the service running and writes down each change so that "
            "everyone can follow along during the week ").split()
    return " ".join(base[i % len(base)] for i in range(words)) + (f" {seed}" if seed else "")
