"""`fokus build`: validate the content, then build the site and the corpus file."""

from __future__ import annotations

import click

from ..options import site_options
from ..site import build_or_exit


@click.command("build")
@site_options
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def command(config_file: str | None, content_dir: str | None, output_dir: str | None,
            strict: bool) -> None:
    """Validate the content and build the static site and the corpus file.

    A failed build leaves the previous output exactly as it was."""
    result = build_or_exit(config_file, content_dir, output_dir, strict)
    click.echo(f"Built {len(result.tree.published)} articles into {result.site_dir}")
