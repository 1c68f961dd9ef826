"""The `fokus` command line, run the way authors and CI run it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from click.testing import CliRunner

from site_builder.cli import main

from ..conftest import article, write_kb

COMMANDS = ["build", "check", "db", "index", "new", "report", "schema", "serve", "staff"]


def test_help_lists_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines()
              if line.strip()]
    assert listed == sorted(main.commands) == COMMANDS


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_builds_and_serves_the_portal(tmp_path):
    write_kb(tmp_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "site_builder.cli", "serve", "--port",
                               str(port)], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        body = b""
        for _ in range(100):  # bounded: 20 s at most
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    body = reply.read()
                break
            except OSError:
                time.sleep(0.2)
        assert "Vanligaste ärendena".encode() in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/kb/42/", timeout=2) as reply:
            assert b"konton/aterstall-losenord/" in reply.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as reply:
            assert reply.read() == b'{"status":"ok"}\n'
    finally:
        server.terminate()
        server.wait(timeout=10)
