"""Where the generated pages live: their usual short paths, or `_fokus/` when the content has
pages of its own there. site_builder/urls.py decides it without MkDocs."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.content import load_content
from site_builder.urls import MENU_ITEMS, SiteUrls, relative, source

from ..conftest import article

REPO = Path(__file__).resolve().parents[2]
USUAL = {"start": "", "handbook": "handbocker/", "guide": "guider/", "faq": "faq/",
         "news": "aktuellt/", "contact": "kontakt/"}


def menu_paths(urls: SiteUrls) -> dict[str, str]:
    return {entry.key: entry.path for entry in urls.menu(MENU_ITEMS)}


def test_free_paths_are_the_usual_short_ones():
    urls = SiteUrls(["konton/aterstall-losenord/", "natverk/vpn/"], ["konton", "natverk"])
    assert menu_paths(urls) == USUAL
    assert (urls.search, urls.tags, urls.tag("Lösenord"), urls.short(42)) == (
        "sok/", "taggar/", "taggar/losenord/", "kb/42/")
    assert (urls.area("konton"), urls.area("natverk")) == ("konton/", "natverk/")
    assert urls.moved() == []


def test_the_sample_contents_paths_do_not_change():
    urls = SiteUrls.for_tree(load_content(REPO / "content"))
    assert urls.moved() == []
    assert menu_paths(urls) == USUAL
    assert (urls.search, urls.short(1), urls.area("konton")) == ("sok/", "kb/1/", "konton/")


def test_an_organisations_own_faq_page_stays_and_the_listing_steps_aside():
    urls = SiteUrls(["faq/", "konton/vpn/"], ["konton"])
    assert urls.listing("faq") == "_fokus/faq/"
    assert menu_paths(urls) == {**USUAL, "faq": "_fokus/faq/"}
    assert urls.moved() == [("faq/", "_fokus/faq/")]


def test_a_folder_a_page_named_so_or_an_alias_also_takes_the_path():
    assert SiteUrls(["sok/arkiv/"]).search == "_fokus/sok/"  # a page inside sok/
    assert SiteUrls(["kontakt/"]).contact == "_fokus/kontakt/"  # kontakt.md or kontakt/index.md
    assert SiteUrls(["/taggar/gammal"]).tags == "_fokus/taggar/"  # e.g. an alias
    assert SiteUrls(["taggar/"]).tag("VPN") == "_fokus/taggar/vpn/"
    assert SiteUrls(["guiderna/"]).listing("guide") == "guider/"  # a prefix is not the folder


def test_short_links_step_aside_from_a_kb_folder():
    assert SiteUrls(["kb/ordlista/"]).short(42) == "_fokus/kb/42/"
    assert SiteUrls(["kbx/"]).short(42) == "kb/42/"


def test_a_service_area_named_like_a_generated_folder_keeps_it():
    urls = SiteUrls(["faq/vpn/"], ["faq", "kontakt"])
    assert (urls.area("faq"), urls.area("kontakt")) == ("faq/", "kontakt/")
    assert (urls.listing("faq"), urls.contact) == ("_fokus/faq/", "_fokus/kontakt/")


def test_an_area_with_its_own_index_page_keeps_it_and_its_page_steps_aside():
    urls = SiteUrls(["user-guide/", "user-guide/scheduler/", "konton/vpn/"],
                    ["user-guide", "konton"])
    assert urls.area("user-guide") == "_fokus/omraden/user-guide/"
    assert urls.area("konton") == "konton/"  # pages in the folder are the area's own


def test_no_two_generated_pages_share_a_path_however_much_the_content_takes():
    folders = ["handbocker", "guider", "faq", "aktuellt", "kontakt", "sok", "taggar", "kb",
               "omraden", "fokus"]
    urls = SiteUrls([f"{f}/" for f in folders], folders)
    pages = [urls.start, urls.contact, urls.search, urls.tags,
             *(urls.listing(t) for t in ("handbook", "guide", "faq", "news")),
             *(urls.area(f) for f in folders)]
    assert len(set(pages)) == len(pages)
    assert all(p.startswith("_fokus/") for p in pages if p)
    assert urls.short(1) not in pages and urls.tag("omraden") not in pages
    assert not {f"{f}/" for f in folders} & set(pages)


def test_the_start_page_is_always_the_site_root():
    assert SiteUrls(["", "faq/"]).start == ""
    assert source(SiteUrls().start) == "index.md"


def test_drafts_and_aliases_count_as_the_contents_own(tree):
    tree.write("konton/sok.md", article(1, "Sök", status="draft"))
    tree.write("konton/a.md", article(2, "A", aliases=["kontakt/"]))
    tree.write("konton/index.md", article(3, "Konton", status="draft"))
    urls = SiteUrls.for_tree(load_content(tree.root))
    assert (urls.contact, urls.area("konton"), urls.search) == (
        "_fokus/kontakt/", "_fokus/omraden/konton/", "sok/")


def test_the_menu_marks_the_article_type_or_the_page_it_leads_to():
    urls = SiteUrls(["faq/"])
    assert [e.key for e in urls.menu(MENU_ITEMS, article_type="faq") if e.active] == ["faq"]
    on_listing = urls.menu(MENU_ITEMS, current_source="_fokus/faq/index.md")
    assert [e.key for e in on_listing if e.active] == ["faq"]
    assert not [e for e in urls.menu(MENU_ITEMS, current_source="faq/index.md") if e.active]
    assert [e.key for e in urls.menu(["faq", "start"])] == ["faq", "start"]


def test_urls_knows_nothing_of_mkdocs():
    code = ("import sys, site_builder.urls; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


# A generated path written as a literal: `"kontakt/"`, `'sok/'`, `kb/{id}/`, but not the
# `/kb/42/` link syntax authors write in content.
GENERATED_PATH_LITERAL = re.compile(
    r"(?<![\w/.-])(handbocker|guider|faq|aktuellt|kontakt|sok|taggar|kb|_fokus|omraden)/")


def test_templates_scripts_and_page_builders_take_paths_from_urls():
    files = [*(REPO / "fokus_theme").rglob("*.html"), *(REPO / "fokus_theme/assets").glob("*.js"),
             *(REPO / "site_builder" / name for name in (
                 "pages.py", "plugin.py", "links.py", "corpus.py", "widgets.py", "checks.py"))]
    spelled = [(f.relative_to(REPO).as_posix(), n, line.strip())
               for f in files
               for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
               if GENERATED_PATH_LITERAL.search(line)]
    assert len(files) > 10
    assert spelled == []


@pytest.mark.parametrize(("target", "base", "expected"), [
    ("konton/vpn/", "taggar/konto/", "../../konton/vpn"),
    ("konton/vpn/", "", "konton/vpn"),
    ("konton/", "konton/vpn/", ".."),
    ("konton/vpn/", "konton/vpn/", "."),
    ("kb/42/", "kb/0042/", "../42"),
])
def test_relative_is_relpath_for_site_paths_without_the_file_system(target, base, expected):
    assert relative(target, base) == expected == posixpath.relpath(target, base or ".")
