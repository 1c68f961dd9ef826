"""Staff accounts: `fokus staff add/list/remove`, and only an argon2 hash is kept."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select as sql_select

from fokus.cli import main
from search_service.staff import StaffError, add_staff, check_password, list_staff
from search_service.store import EventStore, staff_accounts


@pytest.fixture
def cli(database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FOKUS_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args, stdin=None: runner.invoke(main, ["staff", *args], input=stdin)


def test_add_list_and_remove_from_the_command_line(cli, database_url):
    added = cli("add", "anna", "--owner", "Team Nätverk", stdin="ett långt lösenord\n")
    assert added.exit_code == 0, added.output
    assert "Added anna (Team Nätverk)" in added.output
    assert cli("add", "bertil", stdin="ett annat långt lösenord\n").exit_code == 0
    listed = cli("list")
    assert [line.split("\t")[:2] for line in listed.output.splitlines()] == [
        ["anna", "Team Nätverk"], ["bertil", "-"]]
    assert cli("remove", "bertil").exit_code == 0
    assert "bertil" not in cli("list").output
    missing = cli("remove", "bertil")
    assert missing.exit_code == 1 and "no staff account bertil" in missing.output


def test_the_password_is_kept_only_as_an_argon2_hash(store):
    add_staff(store, "anna", "ett långt lösenord", None)
    [row] = store.read(sql_select(staff_accounts))
    assert row["password_hash"].startswith("$argon2id$")
    assert "ett långt lösenord" not in repr(row)
    assert check_password(store, "anna", "ett långt lösenord").login == "anna"
    assert check_password(store, "anna", "fel lösenord") is None
    assert check_password(store, "ingen", "ett långt lösenord") is None


@pytest.mark.parametrize("login, password, message", [
    ("anna", "kort", "at least 10"),
    ("två ord", "ett långt lösenord", "without spaces"),
    ("", "ett långt lösenord", "1-80 characters"),
])
def test_bad_accounts_are_refused(store, login, password, message):
    with pytest.raises(StaffError, match=message):
        add_staff(store, login, password)
    assert list_staff(store) == []


def test_a_name_is_added_once(cli):
    assert cli("add", "anna", stdin="ett långt lösenord\n").exit_code == 0
    again = cli("add", "anna", stdin="ett långt lösenord\n")
    assert again.exit_code == 1 and "already has an account" in again.output


# -- on a terminal ----------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
TERMINAL_TIMEOUT_S = 30.0


class Terminal:
    """`fokus ARGS…` on a real pseudo-terminal (its controlling terminal, so getpass reads
    from it as from a person's), with reads bounded by a deadline."""

    def __init__(self, args: list[str], *, cwd: Path, env: dict[str, str]):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the command
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "fokus", *args], env)
        self.output = ""  # not yet expected
        self.transcript = ""  # everything the terminal showed

    def expect(self, text: str) -> str:
        """Read until `text` has appeared; what came before it. Fails after the timeout."""
        deadline = time.monotonic() + TERMINAL_TIMEOUT_S
        while text not in self.output:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(remaining, 0))
            if not ready:
                pytest.fail(f"no {text!r} within {TERMINAL_TIMEOUT_S} s; got {self.output!r}")
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # EIO: the command ended and closed the terminal
                chunk = b""
            if not chunk:
                pytest.fail(f"the command ended before {text!r}; got {self.output!r}")
            self.output += chunk.decode("utf-8", "replace")
            self.transcript += chunk.decode("utf-8", "replace")
        before, _, self.output = self.output.partition(text)
        return before

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8") + b"\r")

    def exit_code(self) -> int:
        """Wait (bounded) for the command to end; its exit status."""
        deadline = time.monotonic() + TERMINAL_TIMEOUT_S
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            with contextlib.suppress(OSError):  # drain, so the command never blocks writing
                if select.select([self.fd], [], [], 0.1)[0]:
                    self.output += os.read(self.fd, 4096).decode("utf-8", "replace")
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        pytest.fail(f"the command did not end within {TERMINAL_TIMEOUT_S} s")


@pytest.fixture
def terminal(database_url, tmp_path):
    env = {**os.environ, "FOKUS_DATABASE_URL": database_url, "PYTHONPATH": str(REPO)}
    return lambda *args: Terminal(["staff", *args], cwd=tmp_path, env=env)


def test_on_a_terminal_the_password_is_asked_for_twice_and_not_shown(terminal, database_url):
    shell = terminal("add", "anna", "--owner", "Team Nätverk")
    shell.expect("Password: ")
    shell.type("ett långt lösenord")
    shell.expect("Repeat for confirmation: ")
    shell.type("ett annat lösenord")  # a slip: asked again from the start
    shell.expect("Error: The two entered values do not match.")
    shell.expect("Password: ")
    shell.type("ett långt lösenord")
    shell.expect("Repeat for confirmation: ")
    shell.type("ett långt lösenord")
    shell.expect("Added anna (Team Nätverk)")
    assert shell.exit_code() == 0
    assert "lösenord" not in shell.transcript  # typing is not echoed
    store = EventStore(database_url)
    try:
        [row] = store.read(sql_select(staff_accounts))
        assert row["password_hash"].startswith("$argon2id$") and row["owner"] == "Team Nätverk"
        assert check_password(store, "anna", "ett långt lösenord").login == "anna"
        assert check_password(store, "anna", "ett annat lösenord") is None
    finally:
        store.dispose()


def test_on_a_terminal_a_short_password_is_refused(terminal, database_url):
    shell = terminal("add", "anna")
    shell.expect("Password: ")
    shell.type("kort")
    shell.expect("Repeat for confirmation: ")
    shell.type("kort")
    shell.expect("the password must be at least 10 characters")
    assert shell.exit_code() == 1
    store = EventStore(database_url)
    try:
        assert list_staff(store) == []
    finally:
        store.dispose()
