"""Query text as the service takes it in: one spelling for text that looks the same.

The API, the analysis and the event store all go through `normalise`, so what is searched,
what is analysed and what is logged agree: a decomposed "ö" (o followed by U+0308, as some
keyboards and macOS file names send it) is one letter everywhere, never a word break.
"""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """NFC, and single spaces between words (none at either end)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())
