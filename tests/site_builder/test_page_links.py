"""Reading a page's links and anchors with Python-Markdown, configured like the site.

Each test is one feature of MkDocs' link model or one trap of issue 9, on a few lines of
Markdown; lines are numbered as in the file, from ``first_line``.
"""

from __future__ import annotations

import textwrap

from mkdocs_autorefs import AutorefsExtension
from pymdownx.slugs import slugify

from site_builder.markdown_setup import markdown_settings
from site_builder.page_links import AUTOREF, IMAGE, LINK, Link, LinkParser, word_count


def parse(text: str, *extensions, first_line: int = 1, **configs):
    settings = markdown_settings(extensions, configs)
    return LinkParser(settings).parse(textwrap.dedent(text), first_line)


def targets(text: str, *extensions, **configs) -> list[tuple[str, int, str]]:
    return [(link.target, link.line, link.kind) for link in parse(text, *extensions, **configs)
            .links]


def test_heading_ids_are_the_ones_toc_gives_by_default():
    page = parse("## Lägg till authorized_keys\n\n## Steg\n\n## Steg\n")
    assert [h.anchor for h in page.headings] == ["lagg-till-authorized_keys", "steg", "steg_1"]
    assert {"lagg-till-authorized_keys", "steg", "steg_1"} <= page.anchors


def test_heading_ids_follow_the_configured_slugify():
    page = parse("## Lägg till authorized_keys\n", toc={"slugify": slugify(case="lower")})
    assert [h.anchor for h in page.headings] == ["lägg-till-authorized_keys"]


def test_toc_permalinks_are_no_links_of_the_page():
    page = parse("## Steg\n\n[Steg](#steg)\n", toc={"permalink": True})
    assert [(link.target, link.line) for link in page.links] == [("#steg", 3)]


def test_attr_list_ids_and_autorefs_anchors_are_anchors():
    page = parse("""\
        ## Rubrik {#egen-id}

        [](){#ref-vpn}
        Text.

        Stycke.
        {: #stycke }
        """)
    assert {"egen-id", "ref-vpn", "stycke"} <= page.anchors
    assert page.links == ()  # the empty `[]()` of an anchor links nowhere


def test_raw_html_ids_names_links_and_images():
    page = parse("""\
        <div id="ruta">
        <a name="gammal"></a>
        <a href="../annan/">Annan</a>
        <img src="bild.png" alt="">
        </div>
        """)
    assert {"ruta", "gammal"} <= page.anchors
    assert page.links == (Link("../annan/", 3, LINK, in_html=True),
                          Link("bild.png", 4, IMAGE, in_html=True))


def test_a_footnote_is_no_link_but_the_link_inside_it_is():
    assert targets("Se not[^2].\n\n[^2]: [Källa](https://example.se/a b)\n") == [
        ("#fn:2", 1, LINK), ("https://example.se/a b", 3, LINK), ("#fnref:2", 1, LINK)]


def test_autolinks_titles_angle_destinations_and_images():
    page = parse("""\
        <https://example.se/hjalp>
        [KB](/kb/4/ "Återställ lösenord")
        [Mellanslag](<mina filer/lista.md>)
        ![Skärmbild](bilder/vpn.png "VPN")
        """)
    assert [(x.target, x.line, x.kind, x.title) for x in page.links] == [
        ("https://example.se/hjalp", 1, LINK, ""),
        ("/kb/4/", 2, LINK, "Återställ lösenord"),
        ("mina filer/lista.md", 3, LINK, ""),
        ("bilder/vpn.png", 4, IMAGE, "VPN"),
    ]
    assert page.links[0].is_external and not page.links[1].is_external


def test_an_automatic_mail_link_is_its_address():
    assert targets("Skriv till <support@example.se>.\n") == [
        ("mailto:support@example.se", 1, LINK)]


def test_reference_links_are_found_at_their_definition_and_unused_ones_not_at_all():
    assert targets("""\
        Se [guiden][g] och [igen][g].

        [g]: ../guider/vpn.md
        [oanvand]: saknas.md
        """) == [("../guider/vpn.md", 3, LINK), ("../guider/vpn.md", 3, LINK)]


def test_links_in_code_are_not_links():
    assert targets("""\
        ```
        [x](/kb/99/)
        ```
        Text med `[y](/kb/98/)` i.
        """) == []


def test_lines_count_from_the_first_line_of_the_body_and_repeat_per_occurrence():
    page = parse("Rad.\n\n[a](faq.md) [b](../faq.md)\n\n[c](faq.md)\n", first_line=10)
    assert [(x.target, x.line) for x in page.links] == [
        ("faq.md", 12), ("../faq.md", 12), ("faq.md", 14)]


def test_autorefs_turns_unresolved_references_into_site_wide_links():
    text = "Se [Daint][ref-cluster-daint] och [Eiger][].\n\n[](){#ref-cluster-daint}\n"
    assert targets(text) == []  # plain text without the autorefs plugin
    page = parse(text, AutorefsExtension())
    assert [(x.target, x.line, x.kind, x.title) for x in page.links] == [
        ("ref-cluster-daint", 1, AUTOREF, ""), ("Eiger", 1, AUTOREF, "eiger")]


def test_a_page_an_extension_cannot_read_is_an_error_not_an_exception(tmp_path):
    page = parse("--8<-- \"saknas.txt\"\n", "pymdownx.snippets",
                 **{"pymdownx.snippets": {"check_paths": True, "base_path": [str(tmp_path)]}})
    assert page.links == () and "saknas.txt" in page.error


def test_one_parser_reads_many_pages_without_carrying_anything_over():
    parser = LinkParser()
    first = parser.parse("## Ett\n\n[a](a.md)\n")
    second = parser.parse("## Två\n")
    assert "ett" in first.anchors and second.anchors == {"tva"} and second.links == ()


def test_word_count_leaves_out_code():
    assert word_count("Två ord.\n```\nkod kod kod\n```\nTre ord till.\n") == 5
