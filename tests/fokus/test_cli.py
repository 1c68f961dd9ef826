"""The `fokus` command line, run the way authors and CI run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from fokus.cli import main

from ..conftest import article, repo_environment, write_kb
from ..servers import free_port

COMMANDS = ["build", "check", "db", "index", "init", "new", "report", "schema", "serve", "staff"]


def test_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines()
              if line.strip()]
    assert listed == sorted(main.commands) == COMMANDS


def test_the_readme_lists_every_command():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^fokus ([a-z]+)\s", readme.split("## Commands")[1], re.MULTILINE)
    assert sorted(set(listed)) == COMMANDS


def test_build_reports_findings_and_keeps_the_old_site(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    index = (tmp_path / "site/index.html").read_bytes()
    kb.write("konton/fel.md", article(77, "Fel", category="ekonomi"))
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "konton/fel.md:6: category: unknown service area `ekonomi`" in result.output
    assert "previous site was left as it was" in result.output
    assert (tmp_path / "site/index.html").read_bytes() == index


def test_check_prints_file_line_field_and_exit_status(tmp_path, monkeypatch):
    kb = write_kb(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    clean = runner.invoke(main, ["check", "--content", str(kb.root)])
    assert clean.exit_code == 0, clean.output
    kb.write("natverk/wlan.md", article(2, "Dubblett", category="natverk"))
    result = runner.invoke(main, ["check", "--content", str(kb.root)])
    assert result.exit_code == 1
    assert ("content/natverk/wlan.md:2: id: KB-0002 is already used by natverk/vpn.md"
            in result.output)


def test_schema_prints_the_reference():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0 and "| `replaced_by` |" in result.output


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return reply.read()


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> bytes:
    """The first answer from a server that is starting; fails when it exits or is too slow."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited: {server.stdout.read().decode()}")
        try:
            return get(url)
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} within {seconds} s")


def test_python_m_fokus_is_the_command_line():
    result = subprocess.run([sys.executable, "-m", "fokus", "--version"], capture_output=True,
                            text=True, check=False, env=repo_environment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fokus, version ")


def test_serve_builds_and_serves_the_portal_and_its_corpus_where_mkdocs_yml_says(tmp_path):
    write_kb(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      language: sv\n", "      language: sv\n      corpus_file: data/kb.json\n"),
        encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "fokus", "serve", "--port", str(port)],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env=repo_environment())
    try:
        body = wait_for(f"http://127.0.0.1:{port}/", server)
        assert "Vanligaste ärendena".encode() in body
        assert b"konton/aterstall-losenord/" in get(f"http://127.0.0.1:{port}/kb/42/")
        assert get(f"http://127.0.0.1:{port}/api/health") == b'{"status":"ok"}\n'
        # The index was built from the corpus the build wrote, where corpus_file put it.
        found = json.loads(get(f"http://127.0.0.1:{port}/api/search?q=vpn"))
        assert [hit["article_id"] for hit in found["hits"]][0] == 2
        assert (tmp_path / "site/data/kb.json").is_file()
        assert not (tmp_path / "site/corpus.json").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)
