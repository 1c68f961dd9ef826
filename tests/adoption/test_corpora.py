"""Real organisations' MkDocs sites adopted as they are (issue 9, point 7).

Each tree in `../shared/corpora/` is copied into a temporary project whose `mkdocs.yml` is the
organisation's own configuration with the `fokus` plugin added (tests/adoption/project.py).
There, as a helpdesk would do it: `fokus check --fix --owner Helpdesk`, `fokus build`, then
`fokus serve`, and every page must be found by its own title. (That `--fix` leaves every body
byte for byte and a second `--fix` changes nothing is tested on the same trees in
tests/site_builder/test_fix.py.)

The trees are read from outside the repository and never copied into it; a missing tree fails
these tests, it never skips them. One adopted, built project per tree is shared by its tests.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from .project import CORPORA_DIR, UPSTREAM_CONFIG, Server, fokus, make_project

CORPORA = ("eidf-docs", "archer2-docs", "cscs-docs")
OWNER = "Helpdesk"
TOP = 3
# The root index.md is the start page's introduction, shown above the service areas, unless
# the adoption makes it an article of its own; no other page may stay outside the corpus.
START_PAGE = "index.md"
_H2_RE = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass
class Adopted:
    name: str
    project: Path
    originals: dict[str, str]  # every Markdown page as it was before adoption
    fix: object
    build: object

    @property
    def docs(self) -> Path:
        return self.project / "docs"

    def corpus(self) -> dict:
        if self.build.returncode != 0:
            pytest.fail(f"{self.name}: `fokus build` failed, so there is no corpus "
                        f"(see test_build_passes):\n{_tail(self.build)}")
        return json.loads((self.project / "site" / "corpus.json").read_text(encoding="utf-8"))


def _tail(result, lines: int = 40) -> str:
    output = (result.stdout + result.stderr).splitlines()
    return "\n".join(output[-lines:])


def _pages(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*.md"))}


@pytest.fixture(scope="module", params=CORPORA)
def adopted(request, tmp_path_factory) -> Adopted:
    tree = CORPORA_DIR / request.param
    if not (tree / "docs").is_dir() or not (tree / UPSTREAM_CONFIG).is_file():
        pytest.fail(f"corpus {request.param} is missing: expected {tree}/docs and "
                    f"{tree}/{UPSTREAM_CONFIG} (the trees live in ../shared/corpora/)")
    project = make_project(tree, tmp_path_factory.mktemp(request.param))
    originals = _pages(project / "docs")
    fix = fokus(project, "check", "--fix", "--owner", OWNER)
    build = fokus(project, "build")
    return Adopted(request.param, project, originals, fix, build)


@pytest.fixture(scope="module")
def server(adopted: Adopted):
    adopted.corpus()  # no site, nothing to serve
    server = Server(adopted.project)
    try:
        if not server.wait_until_up():
            pytest.fail(f"{adopted.name}: `fokus serve` did not start:\n{server.output()}")
        yield server
    finally:
        server.stop()


def test_fix_adopts_every_page_and_reports_no_error(adopted: Adopted):
    assert adopted.fix.returncode == 0, _tail(adopted.fix)
    assert "0 error(s)" in adopted.fix.stdout, _tail(adopted.fix)


def test_build_passes(adopted: Adopted):
    assert adopted.build.returncode == 0, _tail(adopted.build)


def test_every_page_is_an_article(adopted: Adopted):
    records = adopted.corpus()["articles"]
    articles = {r["source_path"] for r in records}
    missing = sorted(set(adopted.originals) - articles - {START_PAGE})
    assert not missing, f"{len(missing)} of {len(adopted.originals)} pages are no article: " \
                        f"{missing[:20]}"
    assert all(r["id"] is not None and r["status"] == "published" for r in records)
    assert {r["owner"] for r in records} == {OWNER}


def test_the_root_index_page_is_the_start_page_introduction(adopted: Adopted):
    if START_PAGE in {r["source_path"] for r in adopted.corpus()["articles"]}:
        return  # adopted as an article of its own: counted in test_every_page_is_an_article
    start = (adopted.project / "site" / "index.html").read_text(encoding="utf-8")
    headings = _H2_RE.findall(adopted.originals[START_PAGE])
    assert headings
    assert [h for h in headings if h not in start] == []


# Pages SOURCE.md lists as FAQs whose folder or file name says so (cscs-docs has none).
FAQS_BY_NAME = {
    "eidf-docs": {"faq/index.md", "storage/faq.md", "services/registry/faq.md",
                  "services/gpuservice/faq.md", "services/confidentialdataworkspace/faq.md",
                  "safe-haven-services/tre-gpu-service/faq.md"},
    "archer2-docs": {"faq/index.md", "faq/upgrade-2023.md"},
    "cscs-docs": set(),
}


def test_faq_pages_are_adopted_as_faqs(adopted: Adopted):
    """The issue's rule by name: an `faq/` folder, or a file named `faq` or `*-faq`."""
    types = {r["source_path"]: r["type"] for r in adopted.corpus()["articles"]}
    by_name = {path for path in types if "faq" in path.split("/")[:-1]
               or re.fullmatch(r"(.*-)?faq", Path(path).stem)}
    assert by_name == FAQS_BY_NAME[adopted.name]
    assert {path: types[path] for path in by_name if types[path] != "faq"} == {}


# Links as SOURCE.md describes them: (page, text on the link's line, whether it is broken).
# Broken upstream means MkDocs itself reports the target missing. A directory link resolves on
# the site (MkDocs suggests its index.md), and so does a link to an attr_list anchor.
LINKS = {
    "eidf-docs": [("safe-haven-services/s3-service.md", "(../services/s3/)", False)],
    "archer2-docs": [("other-software/cesm213.md", "(../research-software/cesm213.md)", True),
                     ("user-guide/energy.md", "(carbonintensity.org.uk)", True)],
    "cscs-docs": [("access/ssh.md", "(#ref-ssh-agent)", False)],  # to `[](){#ref-ssh-agent}`
}
_FINDING_RE = re.compile(r"^docs/(\S+?):(\d+): ", re.MULTILINE)


def test_links_broken_upstream_are_reported_and_no_others(adopted: Adopted):
    """The check agrees with MkDocs on the real trees: what is broken upstream is reported
    (the adopted page's body is never changed to hide it); a link MkDocs resolves is not."""
    reported = {(path, int(line)) for path, line in _FINDING_RE.findall(adopted.fix.stdout)}
    for path, text, broken in LINKS[adopted.name]:
        lines = (adopted.docs / path).read_text(encoding="utf-8").splitlines()
        line = next(i for i, written in enumerate(lines, 1) if text in written)
        assert ((path, line) in reported) is broken, (path, line, text)


def _search(server: Server, text: str) -> list[dict]:
    query = urllib.parse.urlencode({"q": text})
    with urllib.request.urlopen(f"{server.url}/api/search?{query}", timeout=10) as reply:
        return json.load(reply)["hits"]


def found_by_title(record: dict, hits: list[dict]) -> bool:
    """A page is found by its title when it is among the top 3 hits for that title.

    Several pages may share one title (eidf has nine "Overview" pages): the title alone cannot
    tell them apart, so a page also counts as found when the top 3 are all pages with exactly
    its title, which only happens when four or more pages share it."""
    top = hits[:TOP]
    if any(hit["article_id"] == record["id"] for hit in top):
        return True
    return len(top) == TOP and all(hit["title"] == record["title"] for hit in top)


def test_every_page_is_found_by_its_own_title(adopted: Adopted, server: Server):
    records = adopted.corpus()["articles"]
    missed = [f"{r['source_path']} ({r['title']!r}: got "
              f"{[h['title'] for h in hits[:TOP]]})"
              for r in records if not found_by_title(r, hits := _search(server, r["title"]))]
    rate = 1 - len(missed) / len(records)
    assert not missed, (f"{adopted.name}: {len(records) - len(missed)}/{len(records)} pages "
                        f"({rate:.1%}) found by title in the top {TOP}; missed:\n  "
                        + "\n  ".join(missed))
