"""An organisation's own MkDocs configuration beside Fokus (issue 9, point 7).

The organisation keeps its `mkdocs.yml` and adds `- fokus:`. The project here is the
configuration and theme overrides of `tests/fixtures/adoption-traps/` with a few of its pages
that are Fokus articles already, so that what is tested is the configuration alone: its
`custom_dir`, `nav`, Material's `search` plugin, `navigation.instant`, root-relative snippets,
`!!python/name:` and `!!python/object/apply:` tags and a duplicated key.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .project import fokus

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "adoption-traps"
PAGES = ("categories.yml", "network/vpn.md", "network/vpn-settings", "network/vpn client.md",
         "printing/printers.md")
MENU = {"Home", "Handbooks", "Guides", "FAQ", "News", "Contact"}
ORGANISATIONS_NAV = {"Access", "SSH keys", "Log in with an SSH key", "Object storage (S3)"}


class Site:
    def __init__(self, project: Path, build):
        self.project = project
        self.build = build
        self.output = build.stdout + build.stderr

    def html(self, site_path: str) -> str:
        if self.build.returncode != 0:
            pytest.fail(f"`fokus build` failed (see test_the_site_builds):\n{self.output}")
        return (self.project / "site" / site_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    project = tmp_path_factory.mktemp("beside") / "project"
    project.mkdir()
    shutil.copy(TRAPS / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(TRAPS / "overrides", project / "overrides")
    for rel in PAGES:
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(TRAPS / "docs" / rel, project / "docs" / rel)
    return Site(project, fokus(project, "build"))


def test_the_site_builds(site: Site):
    """The configuration loads as MkDocs loads it: Python tags, the toc `slugify` object, the
    duplicated `extra.analytics` key, and the `autorefs` plugin, which Fokus works beside."""
    assert site.build.returncode == 0, site.output
    assert "Traceback" not in site.output


def test_the_organisations_theme_overrides_stay_in_use(site: Site):
    """`custom_dir` stays: its templates that Fokus does not replace (here the copyright line
    in the footer) appear on every page."""
    assert "Example Org IT – our own footer line" in site.html("network/vpn/")


def test_an_override_fokus_replaces_is_named_in_a_warning(site: Site):
    """Fokus's own `main.html` comes first, so the organisation's `overrides/main.html` is not
    used: the build says so instead of dropping it silently."""
    assert re.search(r"WARNING.*overrides/main\.html is not used", site.output), site.output


def test_the_fokus_menu_replaces_the_organisations_nav(site: Site):
    """The org's `nav` ("SSH keys", "Object storage (S3)", …) gives way to Fokus's menu, which
    does not grow with the number of pages."""
    html = site.html("network/vpn/")
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', html)
    assert set(nav) >= MENU
    assert set(nav) & ORGANISATIONS_NAV == set()


def _theme_features(html: str) -> list[str]:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html,
                       re.S)
    assert config, "no Material configuration on the page"
    return json.loads(config.group(1))["features"]


def test_instant_navigation_is_turned_off_and_other_features_kept(site: Site):
    """Material's `navigation.instant` swaps pages in without loading them, so Fokus's search
    box, FAQ and feedback scripts would not start on the next page: Fokus turns it off."""
    features = _theme_features(site.html("network/vpn/"))
    assert [f for f in features if f.startswith("navigation.instant")] == []
    assert {"navigation.indexes", "content.code.copy"} <= set(features)


def test_materials_search_plugin_steps_aside_for_fokus_search(site: Site):
    """The org's `search` plugin stays in its mkdocs.yml, but Fokus's search replaces
    Material's in-browser index: none is written (nothing would read it)."""
    assert (site.project / "site" / "corpus.json").is_file()
    assert not (site.project / "site" / "search" / "search_index.json").exists()


def test_snippets_with_root_relative_paths_are_part_of_the_article(site: Site):
    """`--8<-- "docs/network/vpn-settings"`, written from the project root as cscs-docs does,
    is included on the page and in what search indexes."""
    assert "vpn-gw7.example.org" in site.html("network/vpn/")
    corpus = json.loads((site.project / "site/corpus.json").read_text(encoding="utf-8"))
    record = next(r for r in corpus["articles"] if r["source_path"] == "network/vpn.md")
    assert any("vpn-gw7.example.org" in s["text"] for s in record["sections"])
