"""One test per `fokus check` rule, each on a small tree, naming the exact file, line and field.

Articles written by `article()` have nine lines of front matter, so the body starts on line 10.
"""

from __future__ import annotations

import datetime as dt
import json

from site_builder.build import check_options, load_mkdocs_config
from site_builder.checks import CheckOptions, check_content
from site_builder.content import load_content
from site_builder.markdown_setup import markdown_settings

from ..conftest import CATEGORIES, article

TODAY = dt.date(2026, 11, 26)
BODY_LINE = 10


def check(tree, **options):
    return check_content(load_content(tree.root), CheckOptions(today=TODAY, **options))


def found(tree, **options):
    return [(f.file, f.line, f.field, f.severity) for f in check(tree, **options)]


def errors(tree, **options):
    return [(f.file, f.line, f.field, f.message) for f in check(tree, **options) if f.is_error]


FAQ = """\
Inledning.

## Hur byter jag lösenord?

Så här.

## Glömt lösenord?

Ring oss.
"""


def linked_pair(tree, body: str) -> None:
    """Article 1 links with `body`; article 2 is a FAQ that links back (so neither is orphan)."""
    tree.write("konton/a.md", article(1, "A", body=body))
    tree.write("konton/faq.md", article(2, "FAQ", type="faq", body=FAQ + "\n[A](/kb/1/)\n"))


def test_clean_tree_has_no_findings(tree):
    linked_pair(tree, "Se [frågorna](/kb/2/#glomt-losenord).\n")
    assert found(tree) == []


def test_link_to_a_missing_kb_number(tree):
    linked_pair(tree, "Rad ett.\nSe [x](/kb/99/).\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE + 1, None,
                             "link to /kb/99/: KB-0099 does not exist")]


def test_link_to_a_missing_faq_anchor(tree):
    linked_pair(tree, "Se [x](/kb/2/#finns-inte).\n")
    [(file, line, field, message)] = errors(tree)
    assert (file, line, field) == ("konton/a.md", BODY_LINE, None)
    assert message == ("link to /kb/2/#finns-inte: no heading with anchor #finns-inte in "
                       "konton/faq.md")


def test_relative_markdown_link_and_anchor(tree):
    linked_pair(tree, "[ok](faq.md#hur-byter-jag-losenord)\n[fel](saknas.md)\n[egen](#nej)\n")
    assert errors(tree) == [
        ("konton/a.md", BODY_LINE + 1, None,
         "link to saknas.md: there is no article konton/saknas.md"),
        ("konton/a.md", BODY_LINE + 2, None,
         "link to #nej: no heading with anchor #nej in konton/a.md"),
    ]


def test_site_absolute_links_must_reach_a_page(tree):
    linked_pair(tree, "[ok](/konton/faq/) [area](/konton/) [menu](/faq/)\n[fel](/gammalt/)\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE + 1, None,
                             "link to /gammalt/: no page at /gammalt/")]


def test_no_folder_name_is_refused(tree):
    """Folders named like Fokus's generated pages are the organisation's to use."""
    tree.write("categories.yml", CATEGORIES + "- slug: faq\n  title: Frågor\n")
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    for n, folder in enumerate(("faq", "kb", "sok", "kontakt", "taggar", "search", "api",
                                "assets"), start=10):
        tree.write(f"{folder}/index.md", article(n, folder.capitalize(), category="faq"))
    tree.write("guider/vpn.md", "# VPN\n\nEn sida utan front matter.\n")
    assert errors(tree) == []


def test_a_link_to_a_generated_page_resolves_wherever_it_lives(tree):
    linked_pair(tree, "[lista](/faq/) [sök](/sok/) [taggar](/taggar/)\n"
                      "[fel](/_fokus/faq/) [kontakt](/kontakt/)\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE + 1, None,
                             "link to /_fokus/faq/: no page at /_fokus/faq/")]
    tree.write("faq/index.md", "# Våra frågor\n\nOrganisationens egen sida.\n")
    linked_pair(tree, "[egen](/faq/) [lista](/_fokus/faq/)\n[fel](/_fokus/sok/)\n"
                      "[område](/_fokus/omraden/faq/)\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE + 1, None,
                             "link to /_fokus/sok/: no page at /_fokus/sok/")]


def test_links_inside_code_blocks_are_not_checked(tree):
    linked_pair(tree, "```\n[x](/kb/99/)\n```\n")
    assert errors(tree) == []


def test_link_from_a_published_page_to_a_draft(tree):
    linked_pair(tree, "Se [utkast](/kb/3/).\n")
    tree.write("konton/utkast.md", article(3, "Utkast", status="draft", body="[A](/kb/1/)\n"))
    assert errors(tree) == [
        ("konton/a.md", BODY_LINE, None, "link to /kb/3/: KB-0003 is a draft")]


def test_missing_image(tree):
    linked_pair(tree, "![Skärmbild](bilder/vpn.png)\n![Finns](bilder/ok.png)\n")
    tree.write("konton/bilder/ok.png", b"\x89PNG")
    assert errors(tree) == [
        ("konton/a.md", BODY_LINE, None,
         "image bilder/vpn.png does not exist (looked for konton/bilder/vpn.png)")]


def test_unknown_category(tree):
    tree.write("konton/a.md", article(1, "A", category="ekonomi"))
    assert [(f, line, field) for f, line, field, _ in errors(tree)] == [
        ("konton/a.md", 6, "category")]


def test_duplicate_id(tree):
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    tree.write("natverk/b.md", article(1, "B", category="natverk"))
    assert [(f, line, field) for f, line, field, _ in errors(tree)] == [("natverk/b.md", 2, "id")]


def test_a_retired_id_is_never_reused(tree):
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    tree.write("retired.yml", "- id: 7\n  title: Gamla VPN-klienten\n  retired: 2026-01-10\n")
    tree.write("natverk/ny.md", article(7, "Ny", category="natverk", body="[A](/kb/1/)\n"))
    assert errors(tree) == [("natverk/ny.md", 2, "id",
                             "KB-0007 was retired (Gamla VPN-klienten); ids are never reused")]


def test_a_malformed_retired_record_is_a_finding(tree):
    tree.write("retired.yml", "- id: 7\n- id: sju\n")
    assert errors(tree) == [("retired.yml", 2, "id", "must be a positive integer, got 'sju'")]


def test_alias_colliding_with_another_alias_or_a_real_path(tree):
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    tree.write("natverk/b.md", article(3, "B", category="natverk", body="[A](/kb/1/)\n",
                                       aliases=["konton/faq/", "gammal/"]))
    tree.write("natverk/c.md", article(4, "C", category="natverk", body="[A](/kb/1/)\n",
                                       aliases=["gammal/"]))
    assert [(f, line, field, m.split(" is ")[0]) for f, line, field, m in errors(tree)] == [
        ("natverk/b.md", 9, "aliases", "alias `konton/faq/`"),
        ("natverk/c.md", 9, "aliases", "alias `gammal/`"),
    ]


def test_replaced_by_must_point_to_a_current_article(tree):
    tree.write("konton/gammal.md", article(5, "Gammal", status="archived", replaced_by=6))
    assert errors(tree) == [("konton/gammal.md", 10, "replaced_by",
                             "KB-0006 does not exist or is a draft")]


def test_published_article_removed_without_being_archived(tree, tmp_path):
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    previous = tmp_path / "corpus.json"
    previous.write_text(json.dumps({"articles": [
        {"id": 1, "title": "A", "source_path": "konton/a.md"},
        {"id": 8, "title": "Borttagen", "source_path": "konton/borttagen.md"},
        {"id": 9, "title": "Pensionerad", "source_path": "konton/pensionerad.md"},
    ]}), encoding="utf-8")
    tree.write("retired.yml", "- id: 9\n")
    assert errors(tree, previous_corpus=previous) == [
        ("konton/borttagen.md", 1, "id", "KB-0008 (Borttagen) was published and is now gone")]


def test_an_archived_article_is_not_a_removal(tree, tmp_path):
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    tree.write("konton/arkiv.md", article(8, "Arkiv", status="archived", replaced_by=1))
    previous = tmp_path / "corpus.json"
    previous.write_text(json.dumps({"articles": [{"id": 8, "source_path": "konton/arkiv.md"}]}))
    assert errors(tree, previous_corpus=previous) == []


def test_warnings_overdue_review_missing_summary_long_and_orphan(tree):
    linked_pair(tree, "[FAQ](/kb/2/)\n")
    text = article(3, "Ensam", reviewed="2025-01-01", body="ord " * 30 + "\n")
    tree.write("konton/ensam.md", text.replace("summary: Om ensam.\n", ""))
    warnings = [(f.file, f.line, f.field, f.message) for f in check(tree, long_article_words=20)
                if not f.is_error]
    assert warnings == [
        ("konton/ensam.md", 1, None, "is 30 words long (advice: at most 20)"),
        ("konton/ensam.md", 1, None, "no other article links here"),
        ("konton/ensam.md", 1, "summary", "is missing"),
        ("konton/ensam.md", 7, "reviewed", "review was due 2026-01-01"),
    ]
    assert errors(tree) == []


def test_a_file_that_cannot_be_parsed_is_one_finding_among_others(tree):
    linked_pair(tree, "[x](/kb/99/)\n")
    tree.write("konton/trasig.md", "---\ntitle: [\n---\n")
    assert [f for f, *_ in errors(tree)] == ["konton/a.md", "konton/trasig.md"]


# -- the link model: one parse with the site's Markdown extensions (issue 9, point 3) --------


def test_anchors_are_the_ids_toc_gives_headings(tree):
    linked_pair(tree, "[ok](#lagg-till-authorized_keys) [fel](#lagg-till-authorizedkeys)\n\n"
                      "## Lägg till authorized_keys\n")
    [(file, line, _, message)] = errors(tree)
    assert (file, line) == ("konton/a.md", BODY_LINE)
    assert message.startswith("link to #lagg-till-authorizedkeys: no heading with anchor")


def test_anchors_follow_the_toc_slugify_of_mkdocs_yml(tree):
    from pymdownx.slugs import slugify

    linked_pair(tree, "[ok](#lägg-till-nyckel) [fel](#lagg-till-nyckel)\n\n## Lägg till nyckel\n")
    markdown = markdown_settings(["toc"], {"toc": {"slugify": slugify(case="lower")}})
    assert [m.split(":")[0] for *_, m in errors(tree, markdown=markdown)] == [
        "link to #lagg-till-nyckel"]


def test_custom_ids_raw_html_anchors_and_autorefs_anchors_can_be_linked_to(tree):
    linked_pair(tree, "## Rubrik {#egen}\n\n[](){#ref-a}\n\n<a id=\"html\"></a>\n"
                      "<a name=\"gammal\"></a>\n\n"
                      "[1](#egen) [2](#ref-a) [3](#html) [4](#gammal) [5](faq.md#hur-byter-jag-"
                      "losenord)\n")
    assert errors(tree) == []


def test_the_hint_for_a_missing_anchor_starts_with_the_closest_ones(tree):
    linked_pair(tree, "[x](faq.md#glomt-losen)\n")
    [finding] = [f for f in check(tree) if f.is_error]
    assert finding.hint == "anchors there: glomt-losenord, hur-byter-jag-losenord"


def test_a_footnote_with_a_link_is_no_link_to_a_file(tree):
    linked_pair(tree, "Se källan[^2].\n\n[^2]: [Källa](https://example.se/a b)\n")
    assert errors(tree) == []


def test_titled_angle_reference_and_auto_links(tree):
    linked_pair(tree, '[a](/kb/2/ "Frågor") [b](<faq.md>) [c][ref] <https://example.se>\n\n'
                      "[ref]: /kb/99/\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE + 2, None,
                             "link to /kb/99/: KB-0099 does not exist")]


def test_directory_links_and_links_written_as_site_urls(tree):
    linked_pair(tree, "[dir](../tjanster/s3/) [url](../faq/) [fel](../tjanster/saknas/)\n")
    tree.write("tjanster/s3/index.md", "# S3\n\n[A](/kb/1/)\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE, None,
                             "link to ../tjanster/saknas/: no file tjanster/saknas")]


def test_pages_without_front_matter_can_be_linked_to_with_their_title_anchor(tree):
    linked_pair(tree, "[S3](../tjanster/s3.md#lagring-i-s3)\n")
    tree.write("tjanster/s3.md", "# Lagring i S3\n\nText.\n")
    assert errors(tree) == []


def test_autorefs_references_resolve_against_anchors_on_any_page(tree):
    from mkdocs_autorefs import AutorefsExtension

    tree.write("konton/a.md", article(1, "A", body=(
        "[](){#ref-a}\nSe [frågorna][ref-fragor] och [fel][ref-saknas].\n")))
    tree.write("konton/faq.md", article(2, "FAQ", type="faq", body=(
        "[](){#ref-fragor}\n" + FAQ + "\nSe [A][ref-a].\n")))
    markdown = markdown_settings([AutorefsExtension()])
    assert errors(tree, markdown=markdown) == [
        ("konton/a.md", BODY_LINE + 1, None,
         "link to [ref-saknas]: no anchor ref-saknas on any page (autorefs)")]
    # Pages reached only through autorefs are linked to: no orphan warnings.
    assert [f.message for f in check(tree, markdown=markdown) if not f.is_error] == []


def test_links_in_raw_html_to_markdown_files_are_reported(tree):
    linked_pair(tree, '<p><a href="faq.md">FAQ</a></p>\n')
    [(_, line, _, message)] = errors(tree)
    assert line == BODY_LINE and "MkDocs does not convert links in HTML" in message


def test_a_page_markdown_cannot_read_is_one_finding_on_line_1(tree, tmp_path):
    linked_pair(tree, "--8<-- \"saknas.txt\"\n\n[x](/kb/99/)\n")
    markdown = markdown_settings(["pymdownx.snippets"], {"pymdownx.snippets": {
        "check_paths": True, "base_path": [str(tmp_path)]}})
    [(file, line, field, message)] = errors(tree, markdown=markdown)
    assert (file, line, field) == ("konton/a.md", 1, None)
    assert message.startswith("cannot be read as Markdown: SnippetMissingError")


def test_the_check_reads_extensions_and_autorefs_from_mkdocs_yml(tree, tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ndocs_dir: content\ntheme:\n  name: material\n"
        "plugins:\n  - autorefs\n  - fokus\n"
        "markdown_extensions:\n  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        encoding="utf-8")
    linked_pair(tree, "[ok](#lägg-till) [ok][ref-fragor] [fel][ref-saknas]\n\n## Lägg till\n")
    tree.write("konton/faq.md", article(2, "FAQ", type="faq",
                                        body="[](){#ref-fragor}\n" + FAQ + "\n[A](/kb/1/)\n"))
    options = check_options(load_mkdocs_config(str(tmp_path / "mkdocs.yml")))
    assert [m for *_, m in errors(tree, markdown=options.markdown)] == [
        "link to [ref-saknas]: no anchor ref-saknas on any page (autorefs)"]


def test_a_link_that_is_no_address_is_a_finding(tree):
    linked_pair(tree, "[x](http://[::1)\n")
    assert errors(tree) == [("konton/a.md", BODY_LINE, None,
                             "link to http://[::1: is not a valid address")]


def _severities_with(tmp_path, tree, settings: str) -> list[tuple[str, str]]:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Test\ndocs_dir: content\ntheme:\n  name: material\nplugins:\n  - fokus\n"
        f"{settings}", encoding="utf-8")
    options = check_options(load_mkdocs_config(str(tmp_path / "mkdocs.yml")))
    findings = check_content(load_content(tree.root), options)
    return sorted((f.severity, f.message) for f in findings if f.message.startswith("link to"))


def test_links_mkdocs_validates_follow_its_strict_and_validation_settings(tree, tmp_path):
    # Broken in the way MkDocs' own validation reports (no file, no anchor) and in a way only
    # Fokus knows (an unknown KB number), side by side.
    linked_pair(tree, "[a](saknas.md) [b](faq.md#ingen-rubrik) [c](/kb/99/)\n")
    mkdocs_kinds = ["link to saknas.md: there is no article konton/saknas.md",
                    "link to faq.md#ingen-rubrik: no heading with anchor #ingen-rubrik in "
                    "konton/faq.md"]
    kb_error = ("error", "link to /kb/99/: KB-0099 does not exist")

    # As in MkDocs: warnings, so an adopted tree whose links were already broken builds.
    assert _severities_with(tmp_path, tree, "") == sorted(
        [("warning", mkdocs_kinds[0]), ("warning", mkdocs_kinds[1]), kb_error])
    # `strict: true`, as Fokus's own mkdocs.yml has it: errors, as `mkdocs build --strict`.
    assert _severities_with(tmp_path, tree, "strict: true\n") == sorted(
        [("error", mkdocs_kinds[0]), ("error", mkdocs_kinds[1]), kb_error])
    # Validation turned off in mkdocs.yml: only Fokus's own rule remains.
    assert _severities_with(
        tmp_path, tree, "validation:\n  links:\n    not_found: ignore\n    anchors: ignore\n"
    ) == [kb_error]
