"""`fokus init DIR`: a new organisation's knowledge base that checks clean and builds."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from fokus.cli import main


@pytest.mark.parametrize("language, guide, menu_entry", [
    ("sv", "konton/byt-losenord.md", "Handböcker"),
    ("en", "accounts/change-your-password.md", "Handbooks"),
])
def test_init_makes_a_site_that_checks_clean_and_builds(tmp_path, monkeypatch, language, guide,
                                                       menu_entry):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    created = runner.invoke(main, ["init", "kb", "--language", language])
    assert created.exit_code == 0, created.output
    kb = tmp_path / "kb"
    assert {p.relative_to(kb).as_posix() for p in kb.rglob("*") if p.is_file()} >= {
        "mkdocs.yml", "content/categories.yml", f"content/{guide}"}
    monkeypatch.chdir(kb)
    checked = runner.invoke(main, ["check", "--strict"])
    assert checked.exit_code == 0, checked.output
    assert "4 articles checked: 0 error(s), 0 warning(s)" in checked.output
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.output
    html = (kb / "site/index.html").read_text(encoding="utf-8")
    assert f">{menu_entry}" in html and re.search(r"assets/fokus-search\.[0-9a-f]+\.js", html)


def test_init_writes_nothing_over_an_existing_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb/mkdocs.yml").write_text("site_name: Vår\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", "kb"])
    assert result.exit_code == 1
    assert "kb/mkdocs.yml exists already; nothing was written" in result.output
    assert (tmp_path / "kb/mkdocs.yml").read_text(encoding="utf-8") == "site_name: Vår\n"
    assert not (tmp_path / "kb/content").exists()


def test_init_takes_the_portals_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init", "kb", "--name", "Norrvik IT"]).exit_code == 0
    text = (tmp_path / "kb/mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: Norrvik IT\n" in text and "        name: Norrvik IT\n" in text
