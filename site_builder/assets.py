"""The theme's own files under fingerprinted names, so that browsers may keep them for a year.

Material's files carry a hash of their content in their names (`main.57a0d79d.min.css`);
Fokus's get one at build time: `assets/fokus.js` is also written as `assets/fokus.<hash>.js`,
and the templates name it through the `fokus_asset` filter. New content means a new name, so
no browser keeps a stale copy, and the service (search_service/site.py) and a web server can
mark every such name immutable. The organisation's colours become such a stylesheet too, which
keeps inline styles out of the pages."""

from __future__ import annotations

import hashlib

HASH_LENGTH = 8  # hex digits, as in Material's names
COLOURS_CSS = "assets/fokus-colours.css"


def fingerprinted(path: str, content: bytes) -> str:
    """`assets/fokus.js` -> `assets/fokus.1a2b3c4d.js`, the hash taken from the content."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    stem, _, suffix = path.rpartition(".")
    return f"{stem}.{digest}.{suffix}"


def is_theme_asset(path: str) -> bool:
    """Fokus's own scripts and stylesheets in the theme, the files that get a hashed name."""
    return path.startswith("assets/fokus") and path.endswith((".js", ".css"))


def colours_css(primary: str, accent: str) -> bytes:
    """Material's colour variables; the values are CSS colours (site_builder/config.py)."""
    return (f":root{{--md-primary-fg-color:{primary};--md-primary-fg-color--light:{primary};"
            f"--md-primary-fg-color--dark:{primary};--md-accent-fg-color:{accent}}}\n"
            ).encode()
