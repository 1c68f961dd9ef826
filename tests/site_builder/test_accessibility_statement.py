"""The accessibility statement the law asks for: generated from the `accessibility` options,
at the path site_builder/urls.py gives it, and linked from the footer of every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError

from site_builder.build import build_site

from ..conftest import write_kb

STATEMENT_OPTIONS = """\
      accessibility:
        report_to: https://service.example.se/tillganglighet
        reviewed: 2026-11-30
        known_gaps:
          - Äldre PDF-filer saknar taggar.
          - Filmer från 2019 saknar <textning>.
"""


def build(root: Path, options: str = "", language: str = "sv") -> Path:
    write_kb(root, language)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + options, encoding="utf-8")
    build_site(str(config))
    return root / "site"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_statement_lists_the_gaps_the_contact_and_the_last_review(tmp_path):
    page = (build(tmp_path, STATEMENT_OPTIONS) / "tillganglighet" / "index.html").read_text(
        encoding="utf-8")
    assert "<h1>Tillgänglighetsredogörelse</h1>" in page
    shown = text(page)
    assert "delvis förenlig med EN 301 549" in shown
    assert "<li>Äldre PDF-filer saknar taggar.</li>" in page
    assert "Filmer från 2019 saknar &lt;textning&gt;." in page  # a setting is text, not markup
    assert '<a href="https://service.example.se/tillganglighet">' in page
    assert "Senaste bedömningen av webbplatsens tillgänglighet gjordes 2026-11-30." in shown
    assert 'href="https://www.digg.se/tdosanmalan"' in page


def test_without_options_it_states_compliance_and_falls_back_to_the_helpdesk_email(tmp_path):
    page = (build(tmp_path, language="en") / "tillganglighet" / "index.html").read_text(
        encoding="utf-8")
    shown = text(page)
    assert "<h1>Accessibility statement</h1>" in page
    assert "This website complies with EN 301 549" in shown and "Known gaps" not in shown
    assert '<a href="mailto:servicedesk@example.se">' in page
    assert "No review of the site's accessibility is recorded yet." in shown


def test_every_page_links_to_the_statement_from_its_footer(tmp_path):
    site = build(tmp_path)
    pages = [p for p in site.rglob("*.html") if "http-equiv=\"refresh\"" not in
             p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for path in pages:
        footer = path.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        link = re.search(r'<a href="([^"]*)">Tillgänglighetsredogörelse</a>', footer)
        assert link, path
        target = (path.parent / link.group(1)).resolve()
        if path.name == "404.html":  # served at any depth: its links are from the root
            target = (site / link.group(1).lstrip("/")).resolve()
        assert (target / "index.html").exists() or target.name == "tillganglighet", path


def test_the_statement_steps_aside_when_the_content_uses_its_folder(tmp_path):
    kb = write_kb(tmp_path)
    kb.write("tillganglighet/index.md", "# Vår egen sida\n\nText.\n")
    build_site(str(tmp_path / "mkdocs.yml"))
    site = tmp_path / "site"
    assert "Vår egen sida" in (site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "Tillgänglighetsredogörelse" in (
        site / "_fokus" / "tillganglighet" / "index.html").read_text(encoding="utf-8")


def test_a_review_date_that_is_no_date_stops_the_build_naming_the_option(tmp_path, caplog):
    with pytest.raises((Abort, ConfigurationError)):
        build(tmp_path, "      accessibility:\n        reviewed: förra veckan\n")
    assert "Sub-option 'reviewed': 'förra veckan' is not a date: write YYYY-MM-DD" in caplog.text
    assert not (tmp_path / "site").exists()
