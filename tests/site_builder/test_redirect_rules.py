"""Short links in every form staff write them, and real 301s for static hosting: the
`_redirects` file (Netlify, Cloudflare Pages) and an nginx map. tests/deploy/test_nginx_site.py
tries the map on a real nginx with the deployment's own configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build_site

from ..conftest import write_kb


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("redirects")
    write_kb(root)
    build_site(str(root / "mkdocs.yml"))
    return root / "site"


@pytest.mark.parametrize("form", ["kb/42/", "kb/0042/", "kb/KB-0042/"])
def test_every_form_of_a_short_link_has_a_redirect_page(site, form):
    html = (site / form / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical" href="../../konton/aterstall-losenord/"' in html


def test_the_redirects_file_lists_short_links_aliases_and_successors(site):
    lines = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/kb/42/ /konton/aterstall-losenord/ 301" in lines
    assert "/kb/0042/ /konton/aterstall-losenord/ 301" in lines
    assert "/kb/KB-0042/ /konton/aterstall-losenord/ 301" in lines
    assert "/konton/losenordsregler/ /konton/gammalt/ 301" in lines  # an alias
    assert "/kb/5/ /konton/aterstall-losenord/ 301" in lines  # archived: to its successor
    assert not any("/kb/6/" in line for line in lines)  # a draft has no short link


def test_paths_carry_the_base_path_of_site_url(tmp_path):
    write_kb(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("https://kb.example.se/",
                                                 "https://www.example.se/it/"))
    build_site(str(config))
    lines = (tmp_path / "site/_redirects").read_text(encoding="utf-8").splitlines()
    assert "/it/kb/42/ /it/konton/aterstall-losenord/ 301" in lines
