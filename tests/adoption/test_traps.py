"""The traps of adopting an MkDocs site, one small made-up example each (issue 9, points 2-7).

`tests/fixtures/adoption-traps/` is an organisation's MkDocs project on the day it adds Fokus:
its own `mkdocs.yml` (theme overrides, nav, `search` and `autorefs` plugins, a configured toc
`slugify` with `permalink`, footnotes, root-relative snippets, `!!python/name:` tags, a
duplicated key), some pages that are already Fokus articles and many that are plain MkDocs
pages. `access/guide.md` links the way each MkDocs feature does; `malformed/` holds articles with
one bad value each, which a test adds to a copy. Every test works on a copy in tmp_path.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .project import Server, fokus

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "adoption-traps"
OWNER = "Helpdesk"
SITE_URL = "https://help.example.org/"
GUIDE = "access/guide.md"
MALFORMED_AREA = "accounts"
SWEDISH_SAMPLE_HINTS = ("Återställ ditt lösenord", "Så byter du", "Servicedesk", "konton")


# -- running Fokus on a copy ---------------------------------------------------------------


def copy_traps(dest: Path) -> Path:
    shutil.copytree(TRAPS, dest, symlinks=True)
    return dest


def no_traceback(result) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode in (0, 1), output[-3000:]


def findings(project: Path) -> list[dict]:
    """`fokus check --format json`: every finding, its file relative to `docs/`."""
    result = fokus(project, "check", "--format", "json")
    no_traceback(result)
    found = json.loads(result.stdout)
    for finding in found:
        finding["file"] = finding["file"].removeprefix("docs/")
    return found


def errors(found: list[dict]) -> list[dict]:
    return [f for f in found if f["severity"] == "error"]


def shown(found: list[dict]) -> str:
    return "\n".join(f"{f['file']}:{f['line']}: {f['field']}: {f['message']} ({f['hint']})"
                     for f in found)


class Built:
    def __init__(self, project: Path, build):
        self.project = project
        self.build = build

    @property
    def site(self) -> Path:
        if self.build.returncode != 0:
            pytest.fail("`fokus build` failed (see test_*_builds):\n"
                        + (self.build.stdout + self.build.stderr)[-3000:])
        return self.project / "site"

    def corpus(self) -> list[dict]:
        return json.loads((self.site / "corpus.json").read_text(encoding="utf-8"))["articles"]

    def record(self, source_path: str) -> dict:
        matching = [r for r in self.corpus() if r["source_path"] == source_path]
        assert len(matching) == 1, f"{source_path} is no article of the corpus"
        return matching[0]

    def html(self, site_path: str) -> str:
        return (self.site / site_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def as_is(tmp_path_factory) -> Built:
    """The organisation's tree built the day Fokus is added, before any `--fix`."""
    project = copy_traps(tmp_path_factory.mktemp("as-is") / "project")
    return Built(project, fokus(project, "build"))


@pytest.fixture(scope="module")
def as_is_findings(as_is: Built) -> list[dict]:
    return findings(as_is.project)


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Built:
    """The same tree after `fokus check --fix --owner Helpdesk`."""
    project = copy_traps(tmp_path_factory.mktemp("adopted") / "project")
    fix = fokus(project, "check", "--fix", "--owner", OWNER)
    no_traceback(fix)
    assert fix.returncode == 0, (fix.stdout + fix.stderr)[-3000:]
    return Built(project, fokus(project, "build"))


# -- reading the built site ----------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (text, href) of the article body's links
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if tag == "a" and attrs.get("href") is not None:
            self._href, self._text = attrs["href"], ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join(self._text.split()), self._href))
            self._href = None


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


# Fokus's redirect pages (site_builder/links.py): their script follows the same address.
_REDIRECT_RE = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


def follow(site: Path, from_path: str, href: str) -> tuple[str, str]:
    """Where a link on the page at ``from_path`` leads in the built site: (site path,
    fragment), after Fokus's redirect pages (short links, aliases)."""
    for _ in range(5):
        url = urllib.parse.urljoin(SITE_URL + from_path, href)
        assert url.startswith(SITE_URL), f"{href} leaves the site"
        path, _, fragment = urllib.parse.unquote(url[len(SITE_URL):]).partition("#")
        page = site / path / "index.html" if not path.endswith(".html") else site / path
        assert page.is_file(), f"{href} on /{from_path} leads to /{path}, which is no page"
        redirect = _REDIRECT_RE.search(page.read_text(encoding="utf-8"))
        if redirect is None:
            return path, fragment
        from_path, href = path, redirect.group(1) + (f"#{fragment}" if fragment else "")
    raise AssertionError(f"redirect loop from {href}")


def line_of(rel: str, text: str) -> int:
    lines = (TRAPS / "docs" / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# -- the tree as it is, and adopted ------------------------------------------------------


def test_the_tree_as_it_is_builds(as_is: Built):
    """Pages without front matter, or with only Material's, still build (point 2); the
    configuration's `!!python/name:` and `!!python/object/apply:` tags and its duplicated
    `extra.analytics` key load as MkDocs loads them."""
    assert as_is.build.returncode == 0, (as_is.build.stdout + as_is.build.stderr)[-3000:]


def test_the_tree_as_it_is_has_no_error(as_is_findings: list[dict]):
    assert errors(as_is_findings) == [], shown(errors(as_is_findings))


def test_the_adopted_tree_builds_with_every_page_as_one_article(adopted: Built):
    """`--fix` turns every page into an article (point 1); the root index.md stays the start
    page's introduction, and a symlinked page is one page (point 3)."""
    docs = adopted.project / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    records = adopted.corpus()
    paths = [r["source_path"] for r in records]
    assert len(paths) == len(set(paths))
    expected = pages - {"index.md"}
    one_of_the_link = {"guides/shared-drives.md", "guides/mapped-drives.md"}
    assert set(paths) - one_of_the_link == expected - one_of_the_link
    assert len(set(paths) & one_of_the_link) == 1
    ids = [r["id"] for r in records]
    assert None not in ids and len(ids) == len(set(ids))


# -- point 3: one link model, the same as MkDocs' --------------------------------------------

# (link text in access/guide.md, the page it must lead to, the anchor it must land on)
LINKS = {
    "toc id with an underscore": ("authorized_keys", "access/ssh-keys/", "authorized_keys"),
    "configured slugify": ("café networks", "access/ssh-keys/", "café-wi-fi"),
    "attr_list {#id}": ("key settings", "access/ssh-keys/", "custom-settings"),
    "raw HTML <a id>": ("key types", "access/ssh-keys/", "key-types"),
    "raw HTML <a name>": ("legacy keys", "access/ssh-keys/", "legacy-keys"),
    "reference-style definition": ("connect to the VPN", "network/vpn/", "connect"),
    "link inside a footnote": ("renewal", "network/vpn/", ""),
    "titled short link": ("printers", "printing/printers/", ""),
    "<…> destination": ("VPN client", "network/vpn client/", ""),
    "directory link": ("object storage", "storage/s3/", ""),
    "autorefs [text][ref-…]": ("your quota", "storage/quota/", None),  # None: any anchor there
}


@pytest.mark.parametrize("feature", LINKS)
def test_a_link_mkdocs_resolves_is_no_finding(feature: str, as_is_findings: list[dict]):
    """The check agrees with MkDocs: what MkDocs renders as a working link is no finding."""
    text = LINKS[feature][0]
    line = line_of(GUIDE, text if feature != "link inside a footnote" else "[^expiry]:")
    at_line = [f for f in as_is_findings if f["file"] == GUIDE and f["line"] == line]
    assert at_line == [], shown(at_line)


@pytest.mark.parametrize("feature", LINKS)
def test_a_link_leads_where_mkdocs_leads_it(feature: str, as_is: Built):
    text, target, anchor = LINKS[feature]
    page = parse(as_is.html("access/guide/"))
    hrefs = [href for label, href in page.links if label == text]
    assert len(hrefs) == 1, f"link {text!r} on the page: {hrefs}"
    path, fragment = follow(as_is.site, "access/guide/", hrefs[0])
    assert path == target
    target_ids = parse(as_is.html(target)).ids
    if anchor is None:
        assert fragment in target_ids
    else:
        assert fragment == anchor and (not anchor or anchor in target_ids)


def test_an_autolink_stays_an_external_link(as_is: Built, as_is_findings: list[dict]):
    assert [f for f in as_is_findings if "status.example.org" in f["message"]] == []
    links = dict(parse(as_is.html("access/guide/")).links)
    assert links["https://status.example.org/"] == "https://status.example.org/"


# Links MkDocs cannot resolve, each as a writer might get one wrong: each is one finding.
WRONG_LINKS = {
    "underscore dropped": "See [keys](ssh-keys.md#authorizedkeys).",
    "default slugify instead of the configured one": "See [wifi](ssh-keys.md#cafe-wi-fi).",
    "unknown attr_list id": "See [settings](ssh-keys.md#custom-setting).",
    "missing directory": "See [buckets](../storage/buckets/).",
    "missing page in a reference definition": "See [vpn][old-vpn].\n\n[old-vpn]: ../network/old.md",
}


@pytest.mark.parametrize("mistake", WRONG_LINKS)
def test_a_link_mkdocs_cannot_resolve_is_one_finding(mistake: str, tmp_path: Path):
    project = copy_traps(tmp_path / "project")
    body = f"# Broken links\n\n{WRONG_LINKS[mistake]}\n"
    (project / "docs/access/broken.md").write_text(body, encoding="utf-8")
    about = [f for f in findings(project) if f["file"] == "access/broken.md"]
    assert len(about) == 1 and about[0]["line"] >= 3, shown(about)


def test_toc_permalinks_stay_out_of_the_corpus_headings(as_is: Built):
    """`permalink: true` adds a ¶ to every heading on the page, not to the section headings
    search shows."""
    sections = as_is.record("network/vpn.md")["sections"]
    assert [s["heading"] for s in sections if s["heading"]] == ["Connect"]


# -- the traps of the list -----------------------------------------------------------


def test_material_front_matter_is_a_page_not_a_broken_article(as_is: Built,
                                                              as_is_findings: list[dict]):
    """`hide`, `search`, `template`, `description` are Material's and MkDocs' keys: such a
    page builds as it did, with no error and no warning per key (point 2)."""
    about = [f for f in as_is_findings if f["file"] == "portal/options.md"]
    assert errors(about) == [], shown(about)
    assert [f for f in about if f["field"] in ("hide", "search", "template", "description")] \
        == [], shown(about)
    assert "Open the portal settings" in as_is.html("portal/options/")


def test_adopting_a_material_page_keeps_its_keys_and_uses_its_description(adopted: Built):
    text = (adopted.project / "docs/portal/options.md").read_text(encoding="utf-8")
    for key in ("hide:", "search:", "template: main.html", "description:"):
        assert key in text
    record = adopted.record("portal/options.md")
    assert record["summary"] == "Choose how the self-service portal shows your tickets."


def test_a_link_to_a_page_without_front_matter_is_no_error(as_is_findings: list[dict]):
    assert [f for f in as_is_findings if "there is no article" in f["message"]] == []


def test_a_footnote_definition_with_a_link_is_a_footnote(as_is: Built,
                                                         as_is_findings: list[dict]):
    """`[^expiry]: [renewal](…)` is a footnote holding a link, not a link to a file called
    `[renewal](…)`."""
    assert [f for f in as_is_findings if "[renewal]" in f["message"]] == []
    assert 'id="fn:expiry"' in as_is.html("access/guide/")


def test_a_symlinked_page_is_one_page_with_one_id(adopted: Built):
    docs = adopted.project / "docs/guides"
    assert (docs / "mapped-drives.md").is_symlink()
    records = [r for r in adopted.corpus()
               if r["source_path"] in ("guides/shared-drives.md", "guides/mapped-drives.md")]
    assert len(records) == 1 and records[0]["id"] is not None


def test_the_organisations_faq_index_stays_its_page(as_is: Built, adopted: Built):
    """An `faq/` service area with `faq/index.md` is the organisation's page (point 6)."""
    for built in (as_is, adopted):
        assert "Why is my laptop slow after an update?" in built.html("faq/")
    assert adopted.record("faq/index.md")["path"] == "faq/"


@pytest.mark.parametrize("folder,page", [("search", "search/tips.md"), ("kb", "kb/labels.md")])
def test_folders_named_like_generated_pages_are_not_refused(folder: str, page: str,
                                                            as_is_findings: list[dict],
                                                            adopted: Built):
    assert [f for f in as_is_findings if f["file"].startswith(folder + "/")] == []
    record = adopted.record(page)
    assert record["path"] == page.removesuffix(".md") + "/"
    assert (adopted.site / record["path"] / "index.html").is_file()


def test_short_links_still_lead_to_their_articles(adopted: Built):
    """With an organisation's own `kb/` folder, every article's short link still works."""
    for record in adopted.corpus():
        assert follow(adopted.site, "", record["short_path"])[0] == record["path"]


@pytest.fixture(scope="module")
def server(adopted: Built):
    adopted.corpus()
    server = Server(adopted.project)
    try:
        if not server.wait_until_up():
            pytest.fail(f"`fokus serve` did not start:\n{server.output()}")
        yield server
    finally:
        server.stop()


def test_an_article_without_summary_is_served_searched_and_shown_with_a_snippet(
        adopted: Built, server: Server):
    """A summary is optional (a warning): the index takes the article, search finds it and
    shows a snippet from its text (point 4)."""
    record = adopted.record("accounts/unlock.md")
    assert not record["summary"]
    query = urllib.parse.urlencode({"q": "locked fifteen minutes"})
    with urllib.request.urlopen(f"{server.url}/api/search?{query}", timeout=10) as reply:
        hits = json.load(reply)["hits"]
    assert hits and hits[0]["article_id"] == record["id"]
    assert "fifteen" in hits[0]["snippet"]


# The six values that stopped `fokus check` and `fokus build` with a traceback:
# (file in malformed/, field, its line in the file)
MALFORMED = {
    "reviewed: 2026-02-30": ("impossible-date.md", "reviewed", 8),
    "reviewed: 2026-08-18T25:00:00": ("impossible-time.md", "reviewed", 8),
    "id: !!int abc": ("int-tag.md", "id", 2),
    "reviewed: !!timestamp bad": ("timestamp-tag.md", "reviewed", 8),
    "review_interval: 999999999999": ("huge-interval.md", "review_interval", 9),
    "reviewed: 9999-12-31": ("far-future.md", "reviewed", 8),
}


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_value_is_one_finding_with_file_line_and_field(
        value: str, tmp_path: Path, as_is_findings: list[dict]):
    """No traceback: one finding naming file, line and field, and every other finding is
    still reported (point 4)."""
    name, field, line = MALFORMED[value]
    assert value in (TRAPS / "malformed" / name).read_text(encoding="utf-8").splitlines()
    project = copy_traps(tmp_path / "project")
    rel = f"{MALFORMED_AREA}/{name}"
    shutil.copy(TRAPS / "malformed" / name, project / "docs" / rel)
    found = findings(project)
    about = [f for f in found if f["file"] == rel and f["field"] == field]
    assert [(f["line"], f["field"]) for f in about] == [(line, field)], shown(found)
    assert [f for f in found if f["file"] != rel] == \
        [f for f in as_is_findings if f["file"] != rel]
    no_traceback(fokus(project, "build"))


def test_a_yaml_tab_is_one_finding_without_follow_on_errors(tmp_path: Path, as_is: Built,
                                                            as_is_findings: list[dict]):
    """A tab in the front matter of a published article that others link to: one finding at
    that line; the article keeps its id and path, so nothing says KB-0002 is gone or missing
    (point 5)."""
    assert as_is.site  # its corpus is the record of what was published
    project = tmp_path / "project"
    shutil.copytree(as_is.project, project, symlinks=True)  # with the last build's corpus
    page = project / "docs/network/vpn.md"
    text = page.read_text(encoding="utf-8")
    # A tab that indents a key: the mistake an editor makes, and one every YAML reader refuses.
    page.write_text(text.replace("\ntitle: Connect", "\n\ttitle: Connect"), encoding="utf-8")
    found = findings(project)
    assert [f for f in found if f["file"] != "network/vpn.md"] == \
        [f for f in as_is_findings if f["file"] != "network/vpn.md"], shown(found)
    about = [f for f in found if f["file"] == "network/vpn.md"]
    assert [(f["line"], f["severity"]) for f in about] == [(3, "error")], shown(about)


def test_hints_are_taken_from_the_file_in_the_trees_language(tmp_path: Path):
    """A missing title's hint is the file's first heading, a missing summary's its first
    sentence; nothing Swedish in an English tree (point 5)."""
    project = copy_traps(tmp_path / "project")
    rel = f"{MALFORMED_AREA}/reset-password.md"
    shutil.copy(TRAPS / "malformed/no-title-no-summary.md", project / "docs" / rel)
    about = {f["field"]: f for f in findings(project) if f["file"] == rel}
    assert "Reset your password" in about["title"]["hint"]
    assert "Open the self-service portal and choose Forgot password." in about["summary"]["hint"]
    hints = " ".join(f["hint"] for f in about.values())
    assert not [word for word in SWEDISH_SAMPLE_HINTS if word in hints], hints
