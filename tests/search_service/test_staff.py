"""Staff accounts: `fokus staff add/list/remove`, and only an argon2 hash is kept."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from search_service.staff import StaffError, add_staff, check_password, list_staff
from search_service.store import staff_accounts
from site_builder.cli import main


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
    [row] = store.read(select(staff_accounts))
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
