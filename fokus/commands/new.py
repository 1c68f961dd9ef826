"""`fokus new`: a new article, as a draft, with the next free id."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from site_builder.build import content_language, content_time_zone
from site_builder.content import load_content
from site_builder.scaffold import new_article, next_free_id
from site_builder.schema import ARTICLE_TYPES

from ..options import site_options
from ..site import load_config


@click.command("new")
@site_options
@click.option("--type", "article_type", type=click.Choice(ARTICLE_TYPES), prompt="Type",
              help="Article type.")
@click.option("--category", prompt="Service area (slug)", help="Service area slug.")
@click.option("--title", prompt="Title", help="The article's title.")
@click.option("--owner", help="Accountable team (default: the service area's owner).")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
def command(config_file: str | None, content_dir: str | None, output_dir: str | None,
            article_type: str, category: str, title: str, owner: str | None,
            tags: tuple[str, ...]) -> None:
    """Create a new article (as a draft) with the next free id and a body for its type."""
    config = load_config(config_file, content_dir, output_dir)
    language = content_language(config)
    tree = load_content(Path(config.docs_dir), language=language,
                        time_zone=content_time_zone(config))
    if category not in tree.categories:
        known = ", ".join(sorted(tree.categories)) or "none: create categories.yml"
        raise click.BadParameter(f"unknown service area `{category}` (known: {known})",
                                 param_hint="--category")
    kb = f"KB-{next_free_id(tree):04d}"
    path, text = new_article(tree, article_type=article_type, category=category, title=title,
                             today=dt.date.today(), owner=owner, tags=tags, language=language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"Created {os.path.relpath(path)} ({kb}) as a draft: write it, then set "
               "`status: published`.")
