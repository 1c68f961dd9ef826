"""Loading the content tree: every bad input is a finding naming file, line and field."""

from site_builder.content import load_content

from ..conftest import article


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
