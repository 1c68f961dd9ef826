"""The preview's builds (`fokus serve --watch`): after an edit only the pages whose output
changes are rendered again, and the site is the one a full build makes; bad content leaves the
served site as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.findings import ContentError
from site_builder.preview import Preview

from ..conftest import article, write_kb

ARTICLE = "konton/aterstall-losenord.md"
ARTICLE_PAGE = "konton/aterstall-losenord/index.html"
# The files that say when they were built: the corpus, the feed and the calendars.
_STAMPS = [re.compile(rb'"generated_at": "[^"]*"'), re.compile(rb"<updated>[^<]*</updated>"),
           re.compile(rb"DTSTAMP:\S*")]


def site_files(site: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for stamp in _STAMPS:
            data = stamp.sub(b"<stamp>", data)
        files[path.relative_to(site).as_posix()] = data
    return files


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def preview(tmp_path) -> Preview:
    write_kb(tmp_path)
    preview = Preview(str(tmp_path / "mkdocs.yml"))
    preview.build()
    return preview


def test_an_edit_renders_only_what_it_changes_and_gives_the_site_a_full_build_gives(
        preview, tmp_path):
    site = tmp_path / "site"
    pages = preview.rendered_pages
    untouched = site / "natverk/underhall/index.html"
    before = untouched.stat()
    edit(tmp_path, ARTICLE, "Så gör du.", "Så gör du i den nya portalen.")
    preview.build()
    assert "Så gör du i den nya portalen." in (site / ARTICLE_PAGE).read_text(encoding="utf-8")
    # The edited article alone: no title, tag or summary that other pages show changed.
    assert preview.rendered_pages == 1 < pages
    assert (untouched.stat().st_ino, untouched.stat().st_mtime_ns) == (
        before.st_ino, before.st_mtime_ns)
    full = build_site(str(tmp_path / "mkdocs.yml"), output_dir=str(tmp_path / "full"))
    assert site_files(site) == site_files(full.site_dir)


def test_a_new_title_renders_every_page_that_shows_it_again(preview, tmp_path):
    site = tmp_path / "site"
    edit(tmp_path, ARTICLE, "title: Återställ ditt lösenord", "title: Nytt lösenord")
    preview.build()
    assert preview.rendered_pages > 1
    assert "Nytt lösenord" in (site / "index.html").read_text(encoding="utf-8")  # start page
    assert "Nytt lösenord" in (site / "taggar/konto/index.html").read_text(encoding="utf-8")
    corpus = (site / "corpus.json").read_text(encoding="utf-8")
    assert "Nytt lösenord" in corpus and "Återställ ditt lösenord" not in corpus
    full = build_site(str(tmp_path / "mkdocs.yml"), output_dir=str(tmp_path / "full"))
    assert site_files(site) == site_files(full.site_dir)


def test_a_field_only_the_corpus_holds_reaches_the_corpus(preview, tmp_path):
    # 100 days from the review on 2026-10-01: not overdue, as before, so no page shows it.
    edit(tmp_path, ARTICLE, "reviewed: 2026-10-01", "reviewed: 2026-10-01\nreview_interval: 100")
    preview.build()
    corpus = json.loads((tmp_path / "site/corpus.json").read_text(encoding="utf-8"))
    record = next(a for a in corpus["articles"] if a["id"] == 42)
    assert record["review_due"] == "2027-01-09"


def test_a_new_page_builds_the_whole_site_again(preview, tmp_path):
    (tmp_path / "content/konton/skrivare.md").write_text(
        article(77, "Lägg till en skrivare", body="Välj skrivaren.\n"), encoding="utf-8")
    preview.build()
    site = tmp_path / "site"
    assert (site / "konton/skrivare/index.html").is_file()
    assert (site / "kb/77/index.html").is_file()
    full = build_site(str(tmp_path / "mkdocs.yml"), output_dir=str(tmp_path / "full"))
    assert site_files(site) == site_files(full.site_dir)


def test_bad_front_matter_is_a_finding_and_the_served_page_stays(preview, tmp_path):
    page = tmp_path / "site" / ARTICLE_PAGE
    served = page.read_bytes()
    edit(tmp_path, ARTICLE, "category: konton", "category: ekonomi")
    with pytest.raises(ContentError) as error:
        preview.build()
    assert [(f.file, f.line, f.field) for f in error.value.findings if f.is_error] == [
        (ARTICLE, 6, "category")]
    assert page.read_bytes() == served
    edit(tmp_path, ARTICLE, "category: ekonomi", "category: konton")
    preview.build()
    assert page.read_bytes() == served


def test_a_broken_link_is_a_finding_and_no_page_changes(preview, tmp_path):
    site = tmp_path / "site"
    before = site_files(site)
    edit(tmp_path, ARTICLE, "Så gör du.", "Så gör du: se [regler](/kb/999/).")
    with pytest.raises(ContentError) as error:
        preview.build()
    assert [str(f) for f in error.value.findings if f.is_error] == [
        f"{ARTICLE}:12: link to /kb/999/: KB-0999 does not exist "
        "(hint: check the number in the link)"]
    assert site_files(site) == before
    assert not list(tmp_path.glob(".site.building-*"))
