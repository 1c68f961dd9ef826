"""Highlighted snippets: a window of the section's text around the words that matched.

Everything is HTML-escaped except the `<mark>` elements this module adds itself."""

from __future__ import annotations

from html import escape

from .analysis import WORD_RE, Analyzer

SNIPPET_LENGTH = 240
LEAD = 60  # characters shown before the first match


def _matches(analyzer: Analyzer, token: str, terms: set[str]) -> bool:
    """Whether the text word is one of the query's words, or a compound of the text with
    one of them as a part. `terms` are whole words only: a query's compound parts
    ("losenord" -> lösen, ord) would otherwise highlight a lone "ord"."""
    return not terms.isdisjoint(analyzer.token_terms(token))


def snippet(text: str, analyzer: Analyzer, terms: set[str], length: int = SNIPPET_LENGTH) -> str:
    spans = [(m.start(), m.end()) for m in WORD_RE.finditer(text)
             if _matches(analyzer, m.group(0), terms)]
    start = _best_start(spans, length)
    start = max(0, start - LEAD) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    out = ["…" if start else ""]
    position = start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        out.append(escape(text[position:begin]))
        out.append(f"<mark>{escape(text[begin:finish])}</mark>")
        position = finish
    out.append(escape(text[position:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


def _best_start(spans: list[tuple[int, int]], length: int) -> int:
    """Start of the window holding the most matches."""
    best, best_count = 0, 0
    for index, (begin, _) in enumerate(spans):
        count = sum(1 for b, _ in spans[index:] if b < begin + length - LEAD)
        if count > best_count:
            best, best_count = begin, count
    return best
