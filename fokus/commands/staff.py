"""`fokus staff`: accounts for the insights pages."""

from __future__ import annotations

import sys

import click

from ..options import settings_option
from ..service import open_store


@click.group("staff")
def command() -> None:
    """Staff accounts for the insights pages (/insights/)."""


@command.command("add")
@click.argument("name")
@click.option("--owner", help="Owner (as in front matter, e.g. 'Team Nätverk') whose articles "
                              "the pages open on.")
@settings_option
def add(name: str, owner: str | None, settings_file: str | None) -> None:
    """Add an account. The password is read from standard input when it is not a terminal,
    else asked for twice."""
    from search_service.staff import StaffError, add_staff

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    _, store = open_store(settings_file)
    try:
        add_staff(store, name, password, owner)
    except StaffError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added {name}" + (f" ({owner})" if owner else ""))


@command.command("list")
@settings_option
def list_accounts(settings_file: str | None) -> None:
    """List the accounts: name, owner, created."""
    from search_service.staff import list_staff

    _, store = open_store(settings_file)
    for account in list_staff(store):
        click.echo(f"{account.login}\t{account.owner or '-'}\t{account.created_at:%Y-%m-%d}")


@command.command("remove")
@click.argument("name")
@settings_option
def remove(name: str, settings_file: str | None) -> None:
    """Remove an account; its sessions end with it."""
    from search_service.staff import StaffError, remove_staff

    _, store = open_store(settings_file)
    try:
        remove_staff(store, name)
    except StaffError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Removed {name}")
