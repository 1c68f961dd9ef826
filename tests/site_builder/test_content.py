"""Loading the content tree: every bad input is a finding naming file, line and field."""

import datetime as dt
import os
import pwd
import tempfile
from pathlib import Path

from site_builder.checks import CheckOptions, check_content
from site_builder.content import load_content

from ..conftest import Tree, article


def findings_of(tree):
    return [(f.file, f.line, f.field, f.severity) for f in load_content(tree.root).findings]


def test_a_valid_tree_loads_every_article(tree):
    tree.write("konton/losenord.md", article(1, "Lösenord", tags=["lösenord"]))
    tree.write("natverk/vpn.md", article(2, "VPN", category="natverk", type="faq"))
    loaded = load_content(tree.root)
    assert loaded.findings == []
    assert [(a.id, a.kb, a.url) for a in loaded.articles] == [
        (1, "KB-0001", "konton/losenord/"), (2, "KB-0002", "natverk/vpn/")]
    assert list(loaded.categories) == ["konton", "natverk"]


def test_malformed_yaml_names_the_line(tree):
    tree.write("konton/trasig.md", "---\nid: 1\ntitle: [oavslutad\ntype: guide\n---\nText\n")
    [finding] = load_content(tree.root).findings
    assert (finding.file, finding.field) == ("konton/trasig.md", None)
    assert finding.line in (3, 4)
    assert "not valid YAML" in finding.message


def test_wrong_type_names_file_line_and_field(tree):
    text = article(1, "Lösenord").replace("id: 1", "id: ett")
    tree.write("konton/losenord.md", text)
    assert findings_of(tree) == [("konton/losenord.md", 2, "id", "error")]


def test_unknown_type_and_category_are_errors_on_their_lines(tree):
    tree.write("konton/x.md", article(1, "X", type="manual", category="ekonomi"))
    loaded = load_content(tree.root)
    assert [(f.line, f.field) for f in loaded.findings] == [(5, "type")]
    tree.write("konton/x.md", article(1, "X", category="ekonomi"))
    [finding] = load_content(tree.root).findings
    assert (finding.line, finding.field) == (6, "category")
    assert "unknown service area `ekonomi`" in finding.message


def test_duplicate_id_points_at_the_first_owner(tree):
    tree.write("konton/a.md", article(7, "A"))
    tree.write("konton/b.md", article(7, "B"))
    [finding] = load_content(tree.root).findings
    assert (finding.file, finding.line, finding.field) == ("konton/b.md", 2, "id")
    assert "KB-0007 is already used by konton/a.md" in finding.message


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tree):
    tree.write("konton/latin1.md", article(1, "Ok").encode() + "Smörgås\n".encode("latin-1"))
    [finding] = load_content(tree.root).findings
    assert (finding.file, finding.line, finding.field) == ("konton/latin1.md", 11, None)
    assert "not UTF-8" in finding.message


def test_unclosed_front_matter_and_duplicate_keys(tree):
    tree.write("konton/open.md", "---\nid: 1\ntitle: X\n")
    tree.write("konton/twice.md", article(2, "Två").replace("owner:", "title: Igen\nowner:"))
    assert [(f.file, f.line, f.field) for f in load_content(tree.root).findings] == [
        ("konton/open.md", 1, None), ("konton/twice.md", 7, "title")]


def test_news_needs_a_date_and_drafts_are_not_published(tree):
    tree.write("konton/nyhet.md", article(1, "Nyhet", type="news"))
    tree.write("konton/utkast.md", article(2, "Utkast", status="draft"))
    loaded = load_content(tree.root)
    assert [(f.file, f.field) for f in loaded.findings] == [("konton/nyhet.md", "date")]
    assert [a.id for a in loaded.published] == []


def test_successor_must_exist_and_be_current(tree):
    tree.write("konton/gammal.md", article(1, "Gammal", status="archived", replaced_by=9))
    tree.write("konton/arkiv.md", article(2, "Arkiv", status="archived"))
    tree.write("konton/pekar.md", article(3, "Pekar", status="archived", replaced_by=2))
    found = [(f.file, f.field, f.message) for f in load_content(tree.root).findings]
    assert found == [
        ("konton/gammal.md", "replaced_by", "KB-0009 does not exist or is a draft"),
        ("konton/pekar.md", "replaced_by", "KB-0002 is archived itself"),
    ]


def test_aliases_must_not_collide(tree):
    tree.write("konton/a.md", article(1, "A", aliases=["gammal/sida/"]))
    tree.write("konton/b.md", article(2, "B", aliases=["/gammal/sida.md", "konton/a/"]))
    found = [(f.file, f.field, f.message) for f in load_content(tree.root).findings]
    claimed = "alias `gammal/sida/` is also claimed by konton/a.md"
    assert ("konton/b.md", "aliases", claimed) in found
    assert ("konton/b.md", "aliases", "alias `konton/a/` is the path of an existing page") in found


def test_a_page_without_front_matter_gets_title_type_and_area(tmp_path):
    root = tmp_path / "docs"
    (root / "natverk").mkdir(parents=True)
    (root / "natverk" / "skrivare.md").write_text("# Skriva ut\n\nText.\n", encoding="utf-8")
    (root / "om.md").write_text("Ingen rubrik.\n", encoding="utf-8")
    loaded = load_content(root)
    assert loaded.findings == []
    pages = {a.path: (a.title, a.type, a.category) for a in loaded.articles}
    assert pages == {"natverk/skrivare.md": ("Skriva ut", "guide", "natverk"),
                     "om.md": ("Om", "guide", "ovrigt")}
    assert loaded.categories["natverk"].implicit


def test_every_problem_in_the_tree_is_reported_in_one_run(tree):
    tree.write("konton/a.md", article(1, "A", type="wiki"))
    tree.write("konton/b.md", b"\xff\xfe")
    tree.write("konton/c.md", "---\n: :\n---\n")
    assert len(load_content(tree.root).errors) == 3


def test_synonym_groups_are_read_and_checked(tree):
    tree.write("synonyms.yml", "- [Mejl, e-post, mail]\n- [ensam]\n- [lösen, lösenord]\n")
    loaded = load_content(tree.root)
    assert loaded.synonyms == [["mejl", "e-post", "mail"], ["lösen", "lösenord"]]
    assert [(f.file, f.line, f.message) for f in loaded.findings] == [
        ("synonyms.yml", 2, "a group must list at least two words")]


# -- MkDocs and Material front matter ---------------------------------------------------------

MATERIAL_PAGE = """\
---
title: Skriva ut
description: Så skriver du ut på kontoret.
hide: [toc, navigation]
search: {boost: 2}
template: main.html
icon: material/printer
subtitle: Steg för steg
tags: [skrivare]
comments: true
status: new
---
# Skrivare

Text.
"""


def test_a_page_with_material_front_matter_keeps_it_and_stays_a_plain_page(tree):
    tree.write("natverk/skrivare.md", MATERIAL_PAGE)
    loaded = load_content(tree.root)
    assert loaded.findings == []
    [page] = loaded.articles
    assert (page.is_article, page.valid, page.id, page.title) == (False, True, None, "Skriva ut")
    assert page.page_meta == {
        "title": "Skriva ut", "description": "Så skriver du ut på kontoret.",
        "hide": ["toc", "navigation"], "search": {"boost": 2}, "template": "main.html",
        "icon": "material/printer", "subtitle": "Steg för steg", "tags": ["skrivare"],
        "comments": True, "status": "new"}
    assert loaded.published == [page]


def test_materials_status_on_an_article_means_published_and_is_passed_on(tree):
    tree.write("konton/ny.md", article(1, "Ny", status="new"))
    tree.write("konton/gammal.md", article(2, "Gammal", status="deprecated"))
    tree.write("konton/arkiv.md", article(3, "Arkiv", status="archived"))
    loaded = load_content(tree.root)
    assert loaded.findings == []
    assert [(a.id, a.status, a.page_meta.get("status")) for a in loaded.articles] == [
        (3, "archived", None), (2, "published", "deprecated"), (1, "published", "new")]
    assert {a.id for a in loaded.published} == {1, 2, 3}


def test_a_fokus_only_key_or_a_fokus_status_makes_a_page_an_article(tree):
    tree.write("konton/utkast.md", "---\nstatus: draft\n---\n# Utkast\n")
    tree.write("konton/agd.md", "---\ntitle: Ägd\nowner: Servicedesk\n---\nText.\n")
    loaded = load_content(tree.root)
    assert all(a.is_article for a in loaded.articles)
    required = {(f.file, f.field) for f in loaded.errors if f.message == "is required"}
    assert ("konton/utkast.md", "id") in required and ("konton/agd.md", "type") in required


def test_description_is_the_summary_when_summary_is_missing(tree):
    text = article(1, "VPN").replace("summary: Om vpn.", "description: Så kopplar du upp dig.")
    tree.write("konton/vpn.md", text)
    loaded = load_content(tree.root)
    assert loaded.findings == []
    [vpn] = loaded.articles
    assert vpn.summary == "Så kopplar du upp dig."
    assert vpn.page_meta["description"] == "Så kopplar du upp dig."


def test_a_material_key_of_the_wrong_form_is_an_error_on_its_line(tree):
    tree.write("natverk/skrivare.md", "---\nhide: 5\ncomments: kanske\n---\n# Skrivare\n")
    assert findings_of(tree) == [("natverk/skrivare.md", 2, "hide", "error"),
                                 ("natverk/skrivare.md", 3, "comments", "error")]


def test_an_unknown_key_is_one_warning_for_the_whole_tree(tree):
    for name in ("a", "b", "c"):
        tree.write(f"konton/{name}.md", "---\nrender_macros: true\nauthors: [x]\n---\nText.\n")
    tree.write("natverk/d.md", article(4, "D", category="natverk", categroy="natverk"))
    warnings = [(f.file, f.line, f.field, f.message, f.hint)
                for f in load_content(tree.root).findings]
    assert warnings[:2] == [
        ("konton/a.md", 2, "render_macros",
         "unknown front-matter key `render_macros` in 3 files (first: konton/a.md:2)",
         "Fokus, MkDocs and Material do not read it: remove it unless another plugin does "
         "(it is passed on to the page)"),
        ("konton/a.md", 3, "authors",
         "unknown front-matter key `authors` in 3 files (first: konton/a.md:3)",
         warnings[1][4]),
    ]
    assert warnings[2:] == [
        ("natverk/d.md", 9, "categroy",
         "unknown front-matter key `categroy` in 1 file (first: natverk/d.md:9)",
         "did you mean `category`?")]
    assert load_content(tree.root).articles[0].page_meta == {"render_macros": True,
                                                            "authors": ["x"]}


# -- one mistake, one finding -----------------------------------------------------------------


def test_an_article_whose_front_matter_fails_keeps_its_id_path_and_title(tree):
    tree.write("konton/trasig.md", "---\nid: 3\ntitle: Trasig\n\tsummary: x\n---\n# Rubrik\n")
    tree.write("konton/fel.md", article(4, "Fel", type="manual"))
    loaded = load_content(tree.root)
    assert [(f.file, f.line) for f in loaded.errors] == [("konton/fel.md", 5),
                                                         ("konton/trasig.md", 4)]
    pages = {a.path: (a.id, a.title, a.valid) for a in loaded.articles}
    assert pages == {"konton/trasig.md": (3, "Trasig", False), "konton/fel.md": (4, "Fel", False)}
    assert loaded.published == []
    assert set(loaded.by_path()) == {"konton/trasig.md", "konton/fel.md"}


def test_an_invalid_article_still_owns_its_id_against_a_later_duplicate(tree):
    tree.write("konton/a.md", article(7, "A", type="manual"))
    tree.write("konton/b.md", article(7, "B"))
    assert [(f.file, f.field) for f in load_content(tree.root).errors] == [
        ("konton/a.md", "type"), ("konton/b.md", "id")]


def test_successors_in_a_circle_or_pointing_to_themselves_are_one_finding_each(tree):
    tree.write("konton/a.md", article(1, "A", status="archived", replaced_by=2))
    tree.write("konton/b.md", article(2, "B", status="archived", replaced_by=3))
    tree.write("konton/c.md", article(3, "C", status="archived", replaced_by=1))
    tree.write("konton/d.md", article(4, "D", status="archived", replaced_by=4))
    found = [(f.file, f.field, f.message) for f in load_content(tree.root).errors]
    assert found == [
        ("konton/a.md", "replaced_by", "KB-0001 → KB-0002 → KB-0003 → KB-0001 replace each "
                                       "other in a circle"),
        ("konton/d.md", "replaced_by", "KB-0004 points to itself")]


def test_a_successor_with_broken_front_matter_is_not_reported_missing(tree):
    tree.write("konton/gammal.md", article(1, "Gammal", status="archived", replaced_by=2))
    tree.write("konton/ny.md", article(2, "Ny").replace("reviewed: 2026-10-01", "reviewed: x"))
    assert [(f.file, f.field) for f in load_content(tree.root).errors] == [
        ("konton/ny.md", "reviewed")]


# -- hints from the file, in the content's language --------------------------------------------


def hints(tree, language="sv"):
    return {f.field: f.hint for f in load_content(tree.root, language=language).findings}


def test_hints_for_missing_fields_are_taken_from_the_file(tree):
    tree.write("natverk/vpn.md", "---\nid: 1\ntype: guide\nowner: Nät\nreviewed: 2026-10-01\n"
                                 "---\n# Koppla upp: VPN\n\n!!! tip\n    Inte detta.\n\n"
                                 "Så här kopplar du upp **VPN** hemifrån. Sedan mer.\n")
    assert hints(tree) == {"title": 'add `title: "Koppla upp: VPN"`',
                           "summary": "add `summary: Så här kopplar du upp VPN hemifrån.`",
                           "category": "add `category: natverk`"}


def test_hints_without_anything_to_take_are_examples_in_the_contents_language(tree):
    tree.write("sida.md", "---\nid: 1\ntitle: Sida\n---\n")
    assert hints(tree, "en") == {"type": "add `type: guide`",
                                 "category": "add `category: accounts`",
                                 "owner": "add `owner: Service desk`",
                                 "reviewed": "add `reviewed: 2026-10-01`",
                                 "summary": "add `summary: How to change a forgotten or expired "
                                            "password.`"}
    assert hints(tree, "sv")["owner"] == "add `owner: Servicedesk`"


def test_the_tree_remembers_its_language(tree):
    assert load_content(tree.root, language="en").language == "en"
    assert load_content(tree.root).language == "sv"


# -- files on disk ----------------------------------------------------------------------------


def test_a_symlink_to_a_page_is_the_same_page_with_one_id(tree):
    tree.write("konton/losenord.md", article(1, "Lösenord"))
    (tree.root / "natverk").mkdir()
    (tree.root / "natverk/losenord.md").symlink_to("../konton/losenord.md")
    (tree.root / "genvag").symlink_to("konton", target_is_directory=True)
    loaded = load_content(tree.root)
    assert loaded.findings == []
    assert [a.path for a in loaded.articles] == ["konton/losenord.md"]
    assert loaded.symlinks == {"genvag/losenord.md": "konton/losenord.md",
                               "natverk/losenord.md": "konton/losenord.md"}
    assert loaded.by_path()["natverk/losenord.md"] is loaded.articles[0]


def test_dangling_and_looping_symlinks_are_findings(tree):
    (tree.root / "konton").mkdir()
    (tree.root / "konton/borta.md").symlink_to("finns-inte.md")
    (tree.root / "konton/runt.md").symlink_to("runt.md")
    (tree.root / "konton/upp").symlink_to("..", target_is_directory=True)
    found = [(f.file, f.message) for f in load_content(tree.root).findings]
    assert found == [
        ("konton/borta.md", "is a symbolic link to finns-inte.md, which does not exist"),
        ("konton/runt.md", "is a symbolic link that leads back to itself"),
        ("konton/upp", "is a folder link back to the content folder, so it never ends")]


def test_a_file_that_is_not_a_regular_file_is_a_finding_not_a_hang(tree):
    tree.write("konton/a.md", article(1, "A", type="wiki"))
    os.mkfifo(tree.root / "konton/ror.md")
    assert [(f.file, f.message) for f in load_content(tree.root).errors] == [
        ("konton/a.md", "'wiki' is not one of handbook, guide, faq, news, event"),
        ("konton/ror.md", "is not a regular file")]


def errors_as_unprivileged_user(root: Path) -> list[str]:
    """`load_content` in a child process that runs as `nobody`: root reads every file whatever
    its mode, so only an ordinary user meets a file it may not read."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            lines = [f"{f.file}: {f.message}" for f in load_content(root).errors]
            os.write(write_end, "\n".join(lines).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    return output.splitlines()


def test_an_unreadable_file_is_one_finding_among_the_others():
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        kb = Tree(root).with_categories()
        kb.write("konton/a.md", article(1, "A", type="wiki"))
        kb.write("konton/hemlig.md", article(2, "Hemlig"))
        for path in (Path(folder), root, root / "konton"):
            path.chmod(0o755)
        (root / "konton/hemlig.md").chmod(0)
        assert errors_as_unprivileged_user(root) == [
            "konton/a.md: 'wiki' is not one of handbook, guide, faq, news, event",
            "konton/hemlig.md: cannot be read (Permission denied)"]


def test_review_due_stays_within_the_calendar(tree):
    tree.write("konton/a.md", article(1, "A", reviewed="9999-12-31", review_interval=3650))
    [a] = load_content(tree.root).articles
    assert a.review_due(365) == dt.date.max
    assert not a.is_overdue(dt.date(2026, 11, 26), 10**12)


def test_a_page_at_the_top_of_an_english_tree_is_in_the_english_fallback_area(tmp_path):
    root = tmp_path / "docs"
    Tree(root).write("about.md", "# About us\n")
    Tree(root).write("categories.yml", "slug: x\n")
    loaded = load_content(root, language="en")
    [page] = loaded.articles
    assert (page.category, loaded.categories["general"].title) == ("general", "General")
    assert [f.hint for f in loaded.findings] == ["write each entry as `- slug: accounts`"]
    assert load_content(root).categories["ovrigt"].title == "Övrigt"


def test_a_plain_page_with_material_keys_can_be_linked_to(tree):
    tree.write("natverk/skrivare.md", MATERIAL_PAGE)
    tree.write("konton/a.md", article(1, "A", body="[Skriva ut](../natverk/skrivare.md)\n"))
    findings = check_content(load_content(tree.root), CheckOptions(today=dt.date(2026, 11, 26)))
    assert [f for f in findings if f.is_error] == []


def test_a_service_area_with_a_bad_title_is_one_finding_and_keeps_its_articles(tree):
    tree.write("categories.yml", "- slug: konton\n  title: " + "K" * 81 + "\n"
               "- slug: natverk\n  title: [inte, text]\n")
    tree.write("konton/a.md", article(1, "A"))
    tree.write("natverk/b.md", article(2, "B", category="natverk"))
    loaded = load_content(tree.root)
    assert [(f.file, f.line, f.field) for f in loaded.findings if f.is_error] == [
        ("categories.yml", 2, "title"), ("categories.yml", 4, "title")]
    # The areas still exist: their articles are no "unknown service area" cascade.
    assert [(c.slug, c.title) for c in loaded.categories.values()] == [
        ("konton", "konton"), ("natverk", "natverk")]
