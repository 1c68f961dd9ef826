"""`fokus init DIR`: the folder of a new organisation's knowledge base."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from site_builder.i18n import LANGUAGES
from site_builder.starter import default_name, starter_files


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--language", type=click.Choice(LANGUAGES), default="sv", show_default=True,
              help="The language of the portal and of the sample articles.")
@click.option("--name", help="The portal's name (default: IT-support, or IT support in "
                             "English).")
def command(directory: Path, language: str, name: str | None) -> None:
    """Create a new knowledge base in DIRECTORY: mkdocs.yml with every Fokus option,
    content/categories.yml and one article of each type. Writes nothing when any of these
    files exists already."""
    files = starter_files(language, name or default_name(language), dt.date.today())
    existing = [path for path in files if (directory / path).exists()]
    if existing:
        raise click.ClickException(f"{directory / existing[0]} exists already; nothing was "
                                   "written")
    for path, text in files.items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    click.echo(f"Created a knowledge base in {directory} ({len(files)} files). Next:\n"
               f"  cd {directory}\n  fokus check     # the content, as authors see it\n"
               "  fokus serve     # build and serve it on http://127.0.0.1:8000/")
