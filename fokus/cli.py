"""The `fokus` command group; each command is a module of its own in fokus/commands/."""

from __future__ import annotations

import logging

import click

from . import __version__
from .commands import build, check, db, index, init, new, report, schema, serve, staff


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fokus")
def main() -> None:
    """Fokus: a self-service knowledge base and FAQ portal for an IT helpdesk."""
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)


for module in (build, check, db, index, init, new, report, schema, serve, staff):
    main.add_command(module.command)
