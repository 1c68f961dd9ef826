"""`fokus index` and `fokus db`: the service's settings as the command line resolves them, and
the corpus where mkdocs.yml's build put it."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from fokus.cli import main

from ..conftest import write_kb
from ..search_service.corpus_factory import helpdesk_articles, write_corpus


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("FOKUS_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_fokus_index_command_updates_on_demand(tmp_path, monkeypatch):
    write_corpus(tmp_path / "site" / "corpus.json", helpdesk_articles())
    monkeypatch.setenv("FOKUS_INDEX_DIR", str(tmp_path / "ix"))
    runner = CliRunner()
    first = runner.invoke(main, ["index"])
    assert first.exit_code == 0, first.output
    assert "Index full: 8 added" in first.output
    assert "Index unchanged" in runner.invoke(main, ["index"]).output
    assert "Index full" in runner.invoke(main, ["index", "--full"]).output
    missing = runner.invoke(main, ["index"], env={"FOKUS_CORPUS_PATH": str(tmp_path / "no.json")})
    assert missing.exit_code == 1 and "no corpus file" in missing.output


def test_index_reads_the_corpus_where_the_plugins_corpus_file_puts_it(tmp_path):
    write_kb(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      language: sv\n", "      language: sv\n      corpus_file: data/kb.json\n"),
        encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    indexed = runner.invoke(main, ["index"])
    assert indexed.exit_code == 0, indexed.output
    assert "Index full: 4 added" in indexed.output


def test_settings_named_on_the_command_line_win_over_fokus_settings(tmp_path, monkeypatch):
    write_corpus(tmp_path / "site" / "corpus.json", helpdesk_articles())
    (tmp_path / "a.toml").write_text(f'index_dir = "{tmp_path / "a-index"}"\n'
                                     f'database_url = "sqlite:///{tmp_path / "a.db"}"\n')
    (tmp_path / "b.toml").write_text(f'index_dir = "{tmp_path / "b-index"}"\n'
                                     f'database_url = "sqlite:///{tmp_path / "b.db"}"\n')
    monkeypatch.setenv("FOKUS_SETTINGS", str(tmp_path / "a.toml"))
    runner = CliRunner()
    indexed = runner.invoke(main, ["index", "--settings", "b.toml"])
    assert indexed.exit_code == 0, indexed.output
    assert f"({tmp_path / 'b-index'})" in indexed.output
    assert runner.invoke(main, ["db", "upgrade", "--settings", "b.toml"]).exit_code == 0
    assert (tmp_path / "b.db").is_file() and not (tmp_path / "a.db").exists()
    assert not (tmp_path / "a-index").exists()
    # Without --settings, FOKUS_SETTINGS is the file.
    assert f"({tmp_path / 'a-index'})" in runner.invoke(main, ["index"]).output


@pytest.mark.parametrize("command", [["index"], ["db", "upgrade"], ["staff", "list"],
                                     ["report"], ["serve", "--no-build"]])
def test_a_bad_setting_stops_every_command_with_its_name_and_no_traceback(tmp_path, command):
    (tmp_path / "fokus.toml").write_text("max_page = 0\n")
    (tmp_path / "content").mkdir()
    result = CliRunner().invoke(main, [*command, "--settings", "fokus.toml"])
    assert result.exit_code == 1, result.output
    assert result.output == "Error: fokus.toml:1: max_page: must be at least 1, got 0\n"
